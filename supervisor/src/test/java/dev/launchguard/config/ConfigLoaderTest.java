package dev.launchguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.TestResources;
import dev.launchguard.probe.ProbeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Path.of("/home/op"));

    private static Path resource(String name) {
        return TestResources.path("/config/" + name);
    }

    @Test
    void aJobWithOnlyALivenessUrlGetsSensibleDefaults() {
        LaunchguardConfig c = loader.load(resource("minimal.yaml"));
        assertThat(c.listenHost()).isEqualTo("127.0.0.1");
        assertThat(c.listenPort()).isEqualTo(9470);
        assertThat(c.engine()).isEqualTo(EngineKind.AUTO);
        assertThat(c.stateDir()).isEqualTo(Path.of("/home/op/.launchguard"));
        assertThat(c.tokenFile()).isEqualTo(Path.of("/home/op/.launchguard/token"));
        assertThat(c.plists()).isEqualTo(resource("minimal.yaml").getParent().resolve("launchd"));
        JobConfig job = c.jobs().get(0);
        assertThat(job.label()).isEqualTo("com.example.web");
        assertThat(job.liveness().spec()).isEqualTo(ProbeSpec.Http.get("http://127.0.0.1:8080/healthz"));
        assertThat(job.liveness().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(job.liveness().timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(job.liveness().failureThreshold()).isEqualTo(3);
        assertThat(job.startup()).isEmpty();
        assertThat(job.readiness()).isEmpty();
        assertThat(job.readyProbe()).isEqualTo(job.liveness());
        assertThat(job.storm()).isEqualTo(new StormPolicy(5, Duration.ofMinutes(10), Duration.ofMinutes(5)));
        assertThat(job.recovery().fastInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(job.ports()).containsExactly(8080);
    }

    @Test
    void readsEveryKeyOfAFullFile() {
        LaunchguardConfig c = loader.load(resource("full.yaml"));
        assertThat(c.listenPort()).isEqualTo(19470);
        assertThat(c.engine()).isEqualTo(EngineKind.EMBEDDED);
        assertThat(c.stateDir()).isEqualTo(Path.of("/home/op/lg-state"));
        assertThat(c.plists()).isEqualTo(resource("full.yaml").getParent().getParent().resolve("plists"));
        assertThat(c.hostBudget()).isEqualTo(new RestartBudget(4, Duration.ofMinutes(2)));
        JobConfig model = c.job("dev.launchguard.demo.model").orElseThrow();
        assertThat(model.startup().orElseThrow().interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(model.startupBudget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(model.liveness().failureThreshold()).isEqualTo(2);
        ProbeSpec.Http ready = (ProbeSpec.Http) model.readiness().orElseThrow().spec();
        assertThat(ready.bodyContains()).contains("\"ready\":true");
        assertThat(model.recovery()).isEqualTo(new RecoveryPolicy(Duration.ofMillis(20), Duration.ofSeconds(60),
                Duration.ofSeconds(15)));
        assertThat(model.storm()).isEqualTo(new StormPolicy(3, Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThat(model.ports()).containsExactly(8081);
        ProbeSpec.Http live = (ProbeSpec.Http) model.liveness().spec();
        assertThat(live.method()).isEqualTo("POST");
        assertThat(live.requestBody()).contains("{\"input\":\"ping\"}");
        JobConfig db = c.job("dev.launchguard.demo.db").orElseThrow();
        assertThat(db.liveness().spec()).isEqualTo(new ProbeSpec.Tcp("127.0.0.1", 5432));
        assertThat(c.job("com.example.absent")).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        timeout-not-shorter-than-interval | jobs[0].liveness.timeout: 15s must be shorter than interval 10s
        unknown-key-with-suggestion       | jobs[0].liveness.intervall: unknown key; allowed: body, bodyContains, contentType, expectStatus, failureThreshold, headersFile, http, interval, method, successThreshold, tcp, timeout, tlsVerify; did you mean 'interval'?
        unknown-top-key                   | job: unknown key; allowed: api, engine, hostRestartBudget, jobs, listen, plists, snapshot, stateDir, tokenFile, watchers; did you mean 'jobs'?
        missing-label                     | jobs[0].label: is missing; every job names its launchd Label
        label-not-reverse-dns             | jobs[0].label: 'web' is not a reverse-DNS launchd Label (com.example.web)
        duplicate-label                   | jobs[1].label: 'com.example.a' appears twice; each job is listed once
        missing-liveness                  | jobs[0].liveness: is missing; give at least a liveness URL (http://127.0.0.1:8080/healthz)
        bad-duration                      | jobs[0].liveness.interval: 'fast' is not a duration; write a number with ms, s, m or h (500ms, 1.5s, 2m, 1h), plain seconds (30) or ISO-8601 (PT15S)
        zero-duration                     | jobs[0].liveness.interval: '0s' must be longer than zero
        bad-url                           | jobs[0].liveness: 'ftp://127.0.0.1/x' is not an http(s) URL with a host (http://127.0.0.1:8080/healthz)
        both-http-and-tcp                 | jobs[0].liveness: give exactly one of 'http' (a URL) or 'tcp' (HOST:PORT)
        tcp-without-port                  | jobs[0].liveness.tcp: '127.0.0.1' must be HOST:PORT with a port from 1 to 65535
        threshold-out-of-range            | jobs[0].liveness.failureThreshold: 0 must be a whole number from 1 to 100
        bad-engine                        | engine: 'systemd' is not an engine; allowed: auto, launchd, embedded
        bad-listen                        | listen: 'localhost' must be HOST:PORT with a port from 0 to 65535 (127.0.0.1:9470)
        jobs-not-a-list                   | jobs: a mapping must be a list
        http-option-on-tcp                | jobs[0].liveness.expectStatus: applies only to http probes
        body-on-get                       | jobs[0].liveness.body: is sent only with method POST, not GET
        bad-method                        | jobs[0].liveness.method: 'DELETE' is not a probe method; allowed: GET, HEAD, POST
        listen-beyond-loopback-without-tls | listen: '0.0.0.0' is not a loopback address: serving the API beyond this machine needs TLS (set api.tls.certificate and api.tls.key), or listen on 127.0.0.1
        api-host-with-port                | api.hosts[0]: 'mac.local:9470' is not a host name (letters, digits, '-' and '.', no port): the names this API may be addressed by, e.g. mac-studio.local
        api-tls-without-key               | api.tls.key: is missing; the API's TLS needs a PEM certificate chain and its PEM private key
        api-max-connections-too-low       | api.maxConnections: 2 must be a whole number from 4 to 65536
        duplicate-key                     | jobs[0].liveness.interval: is given twice in one mapping; each key may be given once (YAML would keep only the last)
        nested-too-deep                   | jobs[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nests lists and mappings more than 32 deep; a file may nest at most 32
        duration-out-of-range             | jobs[0].liveness.interval: '99999999999999999999s' is out of range; a duration is at most 8760h (365 days)
        """)
    void rejectsInvalidFilesNamingFileKeyAndWhatIsAllowed(String fixture, String message) {
        Path file = resource("invalid/" + fixture + ".yaml");
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void yamlSyntaxErrorsNameLineAndColumn() {
        Path file = resource("invalid/not-yaml.yaml");
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": is not valid YAML at line 1, column 40: while parsing a flow node; "
                        + "expected the node content, but found '<stream end>'");
    }

    @Test
    void aStateDirThatIsAFileIsRefusedBeforeAnythingIsWrittenThere() {
        Path file = resource("invalid/state-dir-not-a-folder.yaml");
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": stateDir: '" + resource("minimal.yaml") + "' is not a folder; name a folder (it is "
                        + "created when missing)");
    }

    @Test
    void everyListedInvalidFixtureIsCovered() throws Exception {
        try (var files = java.nio.file.Files.list(resource("invalid/not-yaml.yaml").getParent())) {
            assertThat(files.count()).isEqualTo(28);
        }
        assertThat(List.of(JobReader.text(Duration.ofMillis(250)), JobReader.text(Duration.ofSeconds(90)),
                JobReader.text(Duration.ofMinutes(2)), JobReader.text(Duration.ofHours(1))))
                .containsExactly("250ms", "90s", "2m", "1h");
    }

    @Test
    void readsAProbesHeadersFromAnOwnerOnlyFileAndRefusesOneOthersCanRead(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path headers = dir.resolve("model.headers");
        java.nio.file.Files.writeString(headers, "Authorization: Bearer s3cret\n");
        java.nio.file.Files.setPosixFilePermissions(headers, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path config = dir.resolve("launchguard.yaml");
        java.nio.file.Files.writeString(config, "jobs:\n  - label: com.example.model\n    liveness:\n"
                + "      http: http://127.0.0.1:8080/healthz\n      headersFile: model.headers\n");

        ProbeSpec.Http spec = (ProbeSpec.Http) loader.load(config).jobs().get(0).liveness().spec();
        assertThat(spec.headers().source()).contains(headers.toString());
        assertThat(spec.toString()).doesNotContain("s3cret");

        java.nio.file.Files.setPosixFilePermissions(headers, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(ConfigException.class).hasMessage(config
                + ": jobs[0].liveness.headersFile: '" + headers + "' can be read by others; it holds secrets, so chmod 600 it");
    }

    @Test
    void readsTheApiBlock() throws Exception {
        Path file = java.nio.file.Files.createTempFile("launchguard", ".yaml");
        try {
            java.nio.file.Files.writeString(file, "api:\n  hosts: [mac-studio.local]\n  requestTimeout: 5s\n"
                    + "  maxConnections: 64\njobs: []\n");
            ApiConfig api = loader.load(file).api();
            assertThat(api.hosts()).containsExactly("mac-studio.local");
            assertThat(api.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(api.maxConnections()).hasValue(64);
            assertThat(api.tls()).isEmpty();
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
