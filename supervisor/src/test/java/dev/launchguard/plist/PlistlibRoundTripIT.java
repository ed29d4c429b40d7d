package dev.launchguard.plist;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.TestResources;
import dev.launchguard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plist launchguard writes is read back by Python 3's plistlib (a real python3 process) and
 * must give the same values, types and key order as launchguard meant to write.
 */
class PlistlibRoundTripIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void richJobAsXmlReadsBackInPlistlib() throws Exception {
        LaunchdJob job = richJob(Instant.parse("2024-05-01T12:30:00Z"));
        Path file = Files.writeString(dir.resolve("com.example.full.plist"), Plists.toXml(job));

        JsonNode python = plistlib(file);

        assertThat(python.get("format").asText()).isEqualTo("xml");
        assertThat(python.get("root")).isEqualTo(expected(job));
        assertThat(value(python, "ThrottleInterval")).isEqualTo(JSON.readTree("{\"int\":30}"));
        assertThat(value(python, "X-Checksum")).isEqualTo(JSON.readTree("{\"data\":\"3q2+7w==\"}"));
        assertThat(value(python, "X-When").get("date_ms").asLong()).isEqualTo(1714566600000L);
        assertThat(value(python, "X-Text").get("string").asText()).isEqualTo("a<b & \"c\" ]]> é 😀");
    }

    @Test
    void richJobAsBinaryReadsBackInPlistlibWithMilliseconds() throws Exception {
        LaunchdJob job = richJob(Instant.parse("2024-05-01T12:30:00.123Z"));
        Path file = Files.write(dir.resolve("com.example.full.plist"), Plists.toBinary(job));

        JsonNode python = plistlib(file);

        assertThat(python.get("format").asText()).isEqualTo("binary");
        assertThat(python.get("root")).isEqualTo(expected(job));
        assertThat(value(python, "X-When").get("date_ms").asLong()).isEqualTo(1714566600123L);
    }

    @Test
    void writtenFileReadsBackInPlistlib() throws Exception {
        LaunchdJob job = richJob(Instant.parse("2024-05-01T12:30:00Z"));
        Path file = dir.resolve("com.example.full.plist");

        Plists.write(job, file);

        assertThat(plistlib(file).get("root")).isEqualTo(expected(job));
    }

    @Test
    void generatedPlistReadsBackInPlistlib() throws Exception {
        Path file = dir.resolve("com.example.web.plist");
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("plist", "generate", "--label", "com.example.web", "--keepalive", "--runatload",
                "--interval", "60", "--throttle", "30", "--stdout", "/var/log/web.out", "--stderr", "/var/log/web.err",
                "--workdir", "/srv/web", "--env", "PORT=8080", "--output", file.toString(), "--",
                "/usr/local/bin/web", "--port", "8080");
        assertThat(code).as(err.toString()).isZero();

        JsonNode python = plistlib(file);

        assertThat(python.get("root")).isEqualTo(JSON.readTree("{\"dict\":["
                + "[\"Label\",{\"string\":\"com.example.web\"}],"
                + "[\"ProgramArguments\",{\"array\":[{\"string\":\"/usr/local/bin/web\"},{\"string\":\"--port\"},"
                + "{\"string\":\"8080\"}]}],"
                + "[\"EnvironmentVariables\",{\"dict\":[[\"PORT\",{\"string\":\"8080\"}]]}],"
                + "[\"WorkingDirectory\",{\"string\":\"/srv/web\"}],"
                + "[\"RunAtLoad\",{\"bool\":true}],"
                + "[\"KeepAlive\",{\"bool\":true}],"
                + "[\"StartInterval\",{\"int\":60}],"
                + "[\"ThrottleInterval\",{\"int\":30}],"
                + "[\"StandardOutPath\",{\"string\":\"/var/log/web.out\"}],"
                + "[\"StandardErrorPath\",{\"string\":\"/var/log/web.err\"}]]}"));
    }

    /** The full fixture plus unmodelled keys of every plist type, nested. */
    private static LaunchdJob richJob(Instant when) {
        LaunchdJob full = Plists.read(Fixtures.valid("com.example.full.plist"));
        Map<String, Object> extras = new LinkedHashMap<>(full.extraKeys());
        extras.put("X-When", when);
        extras.put("X-Text", "a<b & \"c\" ]]> é 😀");
        extras.put("X-Empty", "");
        extras.put("X-Reals", List.of(0.1, 2.0, -1.5e-7, 1e300));
        extras.put("X-Ints", List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        extras.put("X-Nested", Map.of("list", List.of(List.of(true, false), Map.of()), "blob",
                new PlistData(new byte[] {0, 1, 2, (byte) 255})));
        extras.put("X-EmptyList", List.of());
        return full.withExtraKeys(extras);
    }

    private static JsonNode value(JsonNode python, String key) {
        for (JsonNode pair : python.get("root").get("dict")) {
            if (pair.get(0).asText().equals(key)) {
                return pair.get(1);
            }
        }
        throw new AssertionError("plistlib did not return key " + key);
    }

    /** What launchguard meant to write: its own dictionary, tagged like the Python script tags. */
    private static JsonNode expected(LaunchdJob job) throws Exception {
        // Written and re-read so that number nodes have the types the Python side's JSON gets.
        return JSON.readTree(JSON.writeValueAsString(tag(PlistEncoder.encode(job))));
    }

    private static JsonNode tag(NSObject v) {
        ObjectNode node = JSON.createObjectNode();
        if (v instanceof NSNumber) {
            NSNumber n = (NSNumber) v;
            return n.isBoolean() ? node.put("bool", n.boolValue())
                    : n.isInteger() ? node.put("int", n.longValue()) : node.put("real", n.doubleValue());
        }
        if (v instanceof NSString) {
            return node.put("string", ((NSString) v).getContent());
        }
        if (v instanceof NSData) {
            return node.put("data", Base64.getEncoder().encodeToString(((NSData) v).bytes()));
        }
        if (v instanceof NSDate) {
            return node.put("date_ms", ((NSDate) v).getDate().getTime());
        }
        if (v instanceof NSArray) {
            ArrayNode items = node.putArray("array");
            for (NSObject item : ((NSArray) v).getArray()) {
                items.add(tag(item));
            }
            return node;
        }
        ArrayNode pairs = node.putArray("dict");
        ((NSDictionary) v).forEach((key, item) -> pairs.addArray().add(key).add(tag(item)));
        return node;
    }

    private static JsonNode plistlib(Path file) throws Exception {
        Path script = TestResources.path("/plist/plistlib_dump.py");
        Process python = new ProcessBuilder("python3", script.toString(), file.toString()).start();
        byte[] out = python.getInputStream().readAllBytes();
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(err).isZero();
        return JSON.readTree(out);
    }
}
