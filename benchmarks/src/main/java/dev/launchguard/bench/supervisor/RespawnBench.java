package dev.launchguard.bench.supervisor;

import dev.launchguard.daemon.Launchguard;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Fault → ready again, through the whole product: a real launchguard (embedded engine, default
 * liveness policy) supervises one job; the harness SIGSTOPs or SIGKILLs it N times and reads each
 * respawn from the job's {@link JobView}.
 *
 * <p>Usage: {@code RespawnBench stop|kill [trials=30] [python|model] [model-jar]}. Times:
 * fault = just before kill(2); ready = the supervisor's first successful ready probe of the new
 * instance ({@link RespawnRecord#stoppedServingAt()} + total); start-to-ready = the new instance's
 * spawn to that probe (startToPort + portToReady). Before each fault the instance has run past its
 * ThrottleInterval (1 s) and a random 0–500 ms more, so faults land at every phase of the 500 ms
 * liveness interval.
 */
public final class RespawnBench {

    private static final String LABEL = "bench.supervisor.target";
    private static final Duration THROTTLE = Duration.ofSeconds(1);
    private static final Duration LIVENESS_INTERVAL = Duration.ofMillis(500);
    private static final Duration TRIAL_BOUND = Duration.ofSeconds(60);

    private RespawnBench() {
    }

    public static void main(String[] args) throws Exception {
        String fault = args.length > 0 ? args[0] : "stop";
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String target = args.length > 2 ? args[2] : "python";
        int signal = switch (fault) {
            case "stop" -> Signals.SIGSTOP;
            case "kill" -> Signals.SIGKILL;
            default -> throw new IllegalArgumentException("fault '" + fault + "' must be stop or kill");
        };
        BenchFleet fleet = new BenchFleet("respawn-bench");
        int port = BenchFleet.freePort();
        if (target.equals("model")) {
            fleet.add(BenchFleet.modelServer(LABEL, fleet.dir, Path.of(args.length > 3 ? args[3] : "sample-model-server/target/sample-model-server.jar"), port, "256m"),
                    BenchFleet.modelProbes(port) + BenchFleet.LENIENT_STORM);
        } else {
            fleet.add(httpServer(fleet.dir, port), "    liveness: http://127.0.0.1:" + port + "/\n" + BenchFleet.LENIENT_STORM);
        }
        List<RespawnRecord> records = new ArrayList<>();
        List<Duration> totals = new ArrayList<>();
        Random phase = new Random(42);
        try (Launchguard lg = fleet.start()) {
            JobView view = BenchFleet.awaitState(lg, LABEL, HealthState.READY, Duration.ofMinutes(2));
            Instant readySince = view.since();
            for (int i = 0; i < trials; i++) {
                Duration ran = Duration.between(readySince, Clock.systemUTC().instant());
                Duration wait = THROTTLE.plus(Duration.ofMillis(phase.nextInt((int) LIVENESS_INTERVAL.toMillis())))
                        .minus(ran);
                if (!wait.isNegative()) {
                    BenchFleet.sleep(wait);
                }
                view = BenchFleet.awaitState(lg, LABEL, HealthState.READY, TRIAL_BOUND);
                Optional<RespawnRecord> before = view.lastRespawn();
                long pid = view.pid().orElseThrow();
                Instant faultAt = Clock.systemUTC().instant();
                Signals.send(pid, signal);
                RespawnRecord r = awaitRespawn(lg, before, pid);
                Instant readyAt = r.stoppedServingAt().plus(r.total());
                records.add(r);
                totals.add(Duration.between(faultAt, readyAt));
                readySince = readyAt;
                System.err.printf(Locale.ROOT, "trial %d: %s ms (start-to-ready %s ms)%n", i + 1,
                        Spread.ms(Duration.between(faultAt, readyAt)), Spread.ms(startToReady(r)));
            }
            report(fault, target, records, totals, lg.supervisor().job(LABEL).orElseThrow());
        } finally {
            fleet.delete();
        }
    }

    private static RespawnRecord awaitRespawn(Launchguard lg, Optional<RespawnRecord> before, long oldPid) {
        long deadline = System.nanoTime() + TRIAL_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RespawnRecord> last = lg.supervisor().job(LABEL).orElseThrow().lastRespawn();
            if (last.isPresent() && !last.equals(before) && last.get().oldPid().orElse(0) == oldPid) {
                return last.get();
            }
            BenchFleet.sleep(Duration.ofMillis(5));
        }
        throw new IllegalStateException("no respawn of pid " + oldPid + " within " + TRIAL_BOUND);
    }

    private static Duration startToReady(RespawnRecord r) {
        return r.startToPort().plus(r.portToReady());
    }

    private static void report(String fault, String target, List<RespawnRecord> records, List<Duration> totals,
            JobView last) {
        List<Duration> net = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            net.add(totals.get(i).minus(startToReady(records.get(i))));
        }
        String what = fault.equals("stop") ? "SIGSTOP" : "kill -9";
        System.out.println();
        System.out.println("fault=" + what + " target=" + target + " trials=" + records.size() + " causes="
                + records.stream().map(RespawnRecord::cause).distinct().toList() + " restarts(last 20)="
                + last.restarts().size() + " final state=" + last.state().tag());
        System.out.println(Spread.header());
        System.out.println(Spread.of(what + " → ready", totals).row());
        System.out.println(Spread.of(what + " → ready − start-to-ready", net).row());
        System.out.println(Spread.of("start-to-ready (new instance)", records.stream().map(RespawnBench::startToReady).toList()).row());
        System.out.println(Spread.of("record: detection", records.stream().map(RespawnRecord::detection).toList()).row());
        System.out.println(Spread.of("record: kill", records.stream().map(RespawnRecord::kill).toList()).row());
        System.out.println(Spread.of("record: spawn wait", records.stream().map(RespawnRecord::spawnWait).toList()).row());
        System.out.println(Spread.of("record: start → port", records.stream().map(RespawnRecord::startToPort).toList()).row());
        System.out.println(Spread.of("record: port → ready", records.stream().map(RespawnRecord::portToReady).toList()).row());
        System.out.println(Spread.of("record: total (from stopped serving)", records.stream().map(RespawnRecord::total).toList()).row());
    }

    /** python3's http.server: ready as soon as its port is bound (~0.1 s). */
    private static LaunchdJob httpServer(Path dir, int port) throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        return LaunchdJob.of(LABEL, List.of(BenchFleet.python(), "-m", "http.server", Integer.toString(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(THROTTLE)
                .withExitTimeOut(Duration.ofSeconds(2)).withStandardErrorPath(dir.resolve("job.err.log"));
    }
}
