package dev.launchguard.bench.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.daemon.SlowClients;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The descriptor-exhaustion attack of issue 14, measured: launchguard under launchd's default file
 * limit ({@code prlimit --nofile=256:256}) supervising three python3 static sites, while 300
 * connections trickle a header byte every 2 s (reconnecting when closed) for 25 s. Per trial: false
 * crash or wedge verdicts logged during the attack, jobs whose pid changed or that were not READY
 * after, "Too many open files" lines, and how long after the attack {@code /healthz} answered 200.
 *
 * <p>Two settings in the same run: {@code protected} (the defaults: connection cap from the file
 * limit, 10 s request deadline) and {@code unprotected} ({@code api: {maxConnections: 65536,
 * requestTimeout: 1h}}, as good as no cap and no deadline: launchguard before issue 14).
 *
 * <p>Usage: {@code ApiFloodBench JAR [trials=3] [connections=300] [seconds=25]}.
 */
public final class ApiFloodBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private static final int FILE_LIMIT = 256;
    private static final int SITES = 3;
    private static final Duration BOUND = Duration.ofSeconds(60);

    private record Trial(int verdicts, int notReadyAfter, int pidsChanged, int emfile, long healthzAfterMillis,
            SlowClients.Outcome attack) {
    }

    private ApiFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Duration attack = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 25);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("protected", "");
        settings.put("unprotected", "api: {maxConnections: 65536, requestTimeout: 1h}\n");
        System.out.printf("attack: %d connections, a header byte every %d s each, for %d s; file limit %d; %d sites%n",
                connections, SlowClients.TRICKLE.toSeconds(), attack.toSeconds(), FILE_LIMIT, SITES);
        for (int t = 0; t < trials; t++) {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Trial r = trial(jar, setting.getValue(), connections, attack);
                System.out.printf("%-11s trial %d: verdicts=%d notReadyAfter=%d pidsChanged=%d emfileLines=%d "
                        + "healthzAfterMs=%d attack=%s%n", setting.getKey(), t + 1, r.verdicts(), r.notReadyAfter(),
                        r.pidsChanged(), r.emfile(), r.healthzAfterMillis(), r.attack());
            }
        }
    }

    private static Trial trial(Path jar, String apiLine, int connections, Duration attack) throws Exception {
        BenchFleet fleet = new BenchFleet("api-flood-bench");
        Path www = Files.createDirectories(fleet.dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok\n");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < SITES; i++) {
            String label = "bench.flood.site" + i + ".p" + ProcessHandle.current().pid();
            int port = BenchFleet.freePort();
            labels.add(label);
            fleet.add(site(label, port, www, fleet.dir), "    liveness: http://127.0.0.1:" + port + "/\n");
        }
        int apiPort = BenchFleet.freePort();
        Path config = fleet.writeConfig();
        String yaml = Files.readString(config).replace("listen: 127.0.0.1:0", "listen: 127.0.0.1:" + apiPort);
        Files.writeString(config, apiLine + yaml);
        Path log = fleet.dir.resolve("launchguard.log");
        Process lg = new ProcessBuilder("prlimit", "--nofile=" + FILE_LIMIT + ":" + FILE_LIMIT, "--", "java", "-jar",
                jar.toString(), "run", "--config", config.toString()).directory(fleet.dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://127.0.0.1:" + apiPort;
        try {
            Map<String, Long> before = until(() -> {
                if (!lg.isAlive()) {
                    throw new IllegalStateException("launchguard exited " + lg.exitValue() + "; its log: " + log);
                }
                return readyPids(base, labels.size());
            }, "every site READY");
            long mark = Files.size(log);
            SlowClients.Outcome outcome;
            try (SlowClients clients = SlowClients.start(apiPort, connections)) {
                waitFor(attack);
                outcome = clients.outcome();
            }
            long ended = System.nanoTime();
            until(() -> status(base + "/healthz") == 200 ? Boolean.TRUE : null, "/healthz 200 after the attack");
            long healthzAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended);
            // The job list as soon as it answers again (the attack's sockets may still be closing).
            Map<String, Long> after = until(() -> jobList(base), "the job list after the attack");
            String during = Files.readString(log, StandardCharsets.UTF_8).substring((int) mark);
            int changed = 0;
            Map<String, String> states = until(() -> states(base), "the job list");
            for (Map.Entry<String, Long> e : before.entrySet()) {
                String now = states.getOrDefault(e.getKey(), "");
                changed += now.endsWith(" pid " + e.getValue()) ? 0 : 1;
            }
            System.out.println("   states after: " + states);
            return new Trial(count(during, "Job crashed") + count(during, "Job wedged"), labels.size() - after.size(),
                    changed, count(during, "Too many open files"), healthzAfter, outcome);
        } finally {
            lg.destroy();
            if (!lg.waitFor(60, TimeUnit.SECONDS)) {
                lg.destroyForcibly().waitFor();
            }
        }
    }

    private static LaunchdJob site(String label, int port, Path www, Path dir) {
        return LaunchdJob.of(label, List.of("/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1",
                        "--directory", www.toString(), String.valueOf(port)))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(5))
                .withStandardOutPath(dir.resolve(label + ".log")).withStandardErrorPath(dir.resolve(label + ".log"));
    }

    /** label → pid of every READY job, once all {@code expected} are; else null (not yet). */
    private static Map<String, Long> readyPids(String base, int expected) {
        Map<String, Long> pids = readyPidsOrEmpty(base);
        return pids.size() == expected ? pids : null;
    }

    private static Map<String, Long> readyPidsOrEmpty(String base) {
        Map<String, Long> pids = jobList(base);
        return pids == null ? new LinkedHashMap<>() : pids;
    }

    /** label → pid of every READY job; null while the job list does not answer 200. */
    private static Map<String, Long> jobList(String base) {
        Map<String, Long> pids = new LinkedHashMap<>();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode j : JSON.readTree(r.body()).path("jobs")) {
                    if ("READY".equals(j.path("state").asText()) && j.path("pid").isNumber()) {
                        pids.put(j.path("label").asText(), j.path("pid").asLong());
                    }
                }
                return pids;
            }
        } catch (IOException e) {
            // Not answering.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** label → state as the job list gives it; null while it does not answer 200. */
    private static Map<String, String> states(String base) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            Map<String, String> states = new LinkedHashMap<>();
            JSON.readTree(r.body()).path("jobs").forEach(j -> states.put(j.path("label").asText(),
                    j.path("state").asText() + " pid " + j.path("pid").asText()));
            return states;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private interface Poll<T> {
        T get() throws Exception;
    }

    /** Polls every 20 ms until {@code poll} gives a value, within {@link #BOUND}. */
    private static <T> T until(Poll<T> poll, String what) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            T value = poll.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(what + " not seen within " + BOUND.toSeconds() + " s");
    }

    private static void waitFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
