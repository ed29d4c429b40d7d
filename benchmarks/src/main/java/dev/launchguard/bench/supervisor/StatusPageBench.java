package dev.launchguard.bench.supervisor;

import dev.launchguard.api.TokenFile;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the status page costs with {@code jobs} jobs and a full history: the bytes a browser loads and
 * the time launchguard takes to answer, against monit's status page for the same processes, measured
 * in the same run.
 *
 * <p>A real launchguard (embedded engine, in this JVM) runs {@code jobs} {@code /bin/sleep} jobs,
 * each with an HTTP liveness probe against one loopback server in a separate JVM. Every job is then
 * killed with SIGKILL {@code rounds} times (20: the history a job keeps, {@code JobView.HISTORY_KEPT};
 * more restarts in a day only raise the counts), each time waiting for all of them to be READY on a
 * new pid, so every row carries real restarts with real evidence and real respawns. monit then
 * checks the same processes through their pid files with its HTTP interface on loopback. Both pages
 * are asked in turns over keep-alive connections: launchguard's {@code /} without and with the token
 * (the evidence of the last restart of every job), a job's page with the token (its 20 restarts and
 * 20 respawns, its log tails), and monit's {@code /}.
 * Usage: {@code StatusPageBench JOBS ROUNDS REQUESTS MONIT}.
 */
public final class StatusPageBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int WARMUP = 30;

    private StatusPageBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path monit = Path.of(args.length > 3 ? args[3] : "/usr/bin/monit");
        LoopbackServers.Spawned target = LoopbackServers.spawn(1, 1);
        BenchFleet fleet = new BenchFleet("bench-status-page");
        Launchguard lg = null;
        Process monitProcess = null;
        try {
            int port = target.ports().get(0);
            for (int i = 0; i < jobs; i++) {
                fleet.add(BenchFleet.sleeper(label(i)), "    liveness: http://127.0.0.1:" + port + "/job/" + i + "\n"
                        + BenchFleet.LENIENT_STORM);
            }
            LaunchguardConfig config = new ConfigLoader(fleet.dir).load(fleet.writeConfig());
            lg = Launchguard.start(config, Clock.systemUTC());
            for (int i = 0; i < jobs; i++) {
                BenchFleet.awaitState(lg, label(i), HealthState.READY, Duration.ofMinutes(1));
            }
            long t0 = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                killAllAndAwaitNewPids(lg, jobs);
            }
            System.out.printf(Locale.ROOT, "history: %d jobs x %d SIGKILLs, all recovered, in %.1f s%n", jobs, rounds,
                    (System.nanoTime() - t0) / 1e9);
            JobView first = lg.supervisor().job(label(0)).orElseThrow();
            System.out.printf(Locale.ROOT, "job 0 keeps %d restarts, %d respawns; counts %d in the hour, %d in the day%n%n",
                    first.restarts().size(), first.respawns().size(), first.restartCounts().lastHour(),
                    first.restartCounts().lastDay());

            int monitPort = BenchFleet.freePort();
            monitProcess = startMonit(monit, fleet.dir, lg, jobs, monitPort);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
            String token = TokenFile.read(config.tokenFile());
            URI base = lg.url();
            URI monitPage = URI.create("http://127.0.0.1:" + monitPort + "/");
            awaitMonit(client, monitPage, label(jobs - 1));

            Map<String, Ask> asks = new LinkedHashMap<>();
            asks.put("launchguard `/` (no token)", new Ask(base.resolve("/"), null));
            asks.put("launchguard `/` (token: evidence shown)", new Ask(base.resolve("/"), "Bearer " + token));
            asks.put("launchguard `/jobs/<label>` (token: history, logs)", new Ask(base.resolve("/jobs/" + label(0)),
                    "Bearer " + token));
            asks.put("monit `/` (same " + jobs + " processes)", new Ask(monitPage, null));
            Map<String, List<Duration>> times = new LinkedHashMap<>();
            Map<String, Integer> bytes = new LinkedHashMap<>();
            for (int i = 0; i < WARMUP; i++) {
                for (Ask ask : asks.values()) {
                    get(client, ask);
                }
            }
            for (int i = 0; i < requests; i++) {
                for (var e : asks.entrySet()) {
                    long start = System.nanoTime();
                    String body = get(client, e.getValue());
                    times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(Duration.ofNanos(System.nanoTime() - start));
                    bytes.put(e.getKey(), body.getBytes(StandardCharsets.UTF_8).length);
                }
            }
            System.out.printf(Locale.ROOT, "## bytes on the wire with Accept-Encoding: gzip (what a browser gets)%n%n");
            for (var e : asks.entrySet()) {
                System.out.printf(Locale.ROOT, "%s: %d bytes gzipped%n", e.getKey(), gzipped(client, e.getValue()));
            }
            System.out.println();
            int css = get(client, new Ask(base.resolve("/page.css"), null)).getBytes(StandardCharsets.UTF_8).length;
            int js = get(client, new Ask(base.resolve("/page.js"), null)).getBytes(StandardCharsets.UTF_8).length;
            System.out.printf(Locale.ROOT, "## %d jobs, %d requests each, in turns, keep-alive%n%n", jobs, requests);
            System.out.println("| page | bytes (HTML) | bytes per job |");
            System.out.println("|---|---:|---:|");
            for (var e : bytes.entrySet()) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d |%n", e.getKey(), e.getValue(), e.getValue() / jobs);
            }
            System.out.printf(Locale.ROOT, "%nassets, loaded once and on every reload without cache: page.css %d bytes, "
                    + "page.js %d bytes%n%n", css, js);
            System.out.println(Spread.header());
            List<Spread> spreads = new ArrayList<>();
            for (var e : times.entrySet()) {
                Spread s = Spread.of(e.getKey(), e.getValue());
                spreads.add(s);
                System.out.println(s.row());
            }
            double open = spreads.get(0).percentile(50).toNanos();
            double signed = spreads.get(1).percentile(50).toNanos();
            double monitMedian = spreads.get(3).percentile(50).toNanos();
            System.out.printf(Locale.ROOT, "%nmedian launchguard / monit: %.2f (no token), %.2f (token)%n",
                    open / monitMedian, signed / monitMedian);
            System.out.printf(Locale.ROOT, "bytes launchguard / monit: %.2f (no token), %.2f (token)%n",
                    bytes.get("launchguard `/` (no token)") / (double) bytes.get("monit `/` (same " + jobs + " processes)"),
                    bytes.get("launchguard `/` (token: evidence shown)")
                            / (double) bytes.get("monit `/` (same " + jobs + " processes)"));
        } finally {
            if (monitProcess != null) {
                BenchFleet.stop(monitProcess);
            }
            target.close();
            if (lg != null) {
                lg.close();
            }
            fleet.delete();
        }
    }

    private record Ask(URI uri, String authorization) {
    }

    private static String label(int i) {
        return String.format(Locale.ROOT, "bench.page.job%02d", i);
    }

    /** One round of history: every job's process SIGKILLed at once, then each READY again on a new pid. */
    private static void killAllAndAwaitNewPids(Launchguard lg, int jobs) {
        long[] old = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            old[i] = lg.supervisor().job(label(i)).orElseThrow().pid().orElseThrow();
            ProcessHandle.of(old[i]).ifPresent(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (int i = 0; i < jobs; i++) {
            while (true) {
                JobView view = lg.supervisor().job(label(i)).orElseThrow();
                if (view.state() == HealthState.READY && view.pid().isPresent() && view.pid().getAsLong() != old[i]) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + label(i) + " not READY on a new pid within 2 min: "
                            + view.state());
                }
                BenchFleet.sleep(Duration.ofMillis(10));
            }
        }
    }

    /** monit on the same processes: their pid files, a 5 s cycle, its HTTP interface on loopback only. */
    private static Process startMonit(Path monit, Path dir, Launchguard lg, int jobs, int port) throws IOException {
        Path pids = Files.createDirectories(dir.resolve("monit-pids"));
        StringBuilder rc = new StringBuilder();
        rc.append("set daemon 5\n")
                .append("set logfile ").append(dir.resolve("monit.log")).append('\n')
                .append("set pidfile ").append(dir.resolve("monit.pid")).append('\n')
                .append("set idfile ").append(dir.resolve("monit.id")).append('\n')
                .append("set statefile ").append(dir.resolve("monit.state")).append('\n')
                .append("set httpd port ").append(port).append(" and use address 127.0.0.1\n")
                .append("    allow 127.0.0.1\n");
        for (int i = 0; i < jobs; i++) {
            long pid = lg.supervisor().job(label(i)).orElseThrow().pid().orElseThrow();
            Path file = Files.writeString(pids.resolve(label(i) + ".pid"), pid + "\n");
            rc.append("check process ").append(label(i).replace('.', '_')).append(" with pidfile ").append(file).append('\n');
        }
        Path file = dir.resolve("monitrc");
        Files.writeString(file, rc.toString());
        // monit refuses a control file that others can read.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return new ProcessBuilder(monit.toString(), "-I", "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("monit.out").toFile()).start();
    }

    private static void awaitMonit(HttpClient client, URI page, String lastLabel) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String name = lastLabel.replace('.', '_');
        while (System.nanoTime() < deadline) {
            try {
                String body = get(client, new Ask(page, null));
                // After its first cycle monit shows every process with its state ("OK").
                if (body.contains(name) && !body.contains("Initializing")) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            BenchFleet.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("monit's page did not list " + name + " within 60 s");
    }

    /** The size of the answer as sent to a client that accepts gzip ({@code -1}: sent uncompressed). */
    private static long gzipped(HttpClient client, Ask ask) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(ask.uri()).timeout(TIMEOUT).GET()
                .header("Accept-Encoding", "gzip");
        if (ask.authorization() != null) {
            request.header("Authorization", ask.authorization());
        }
        HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.headers().firstValue("content-encoding").filter("gzip"::equals).isPresent() ? r.body().length : -1;
    }

    private static String get(HttpClient client, Ask ask) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(ask.uri()).timeout(TIMEOUT).GET();
        if (ask.authorization() != null) {
            request.header("Authorization", ask.authorization());
        }
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(ask.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
