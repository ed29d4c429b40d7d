package dev.launchguard.bench.sidebyside;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The options of one side-by-side run, defaults in one place.
 *
 * @param trials faults per tool, target and fault kind, and probe phases per engine
 * @param bound how long a target may take to get healthy before the trial counts as not healed
 * @param rate probes per second in the paced phase (100 jobs every 500 ms, the default liveness interval)
 * @param phase length of each probe phase
 * @param inFlight probes in flight in the saturation phase
 * @param only {@code all}, {@code faults} or {@code probes}
 */
record Settings(int trials, Duration bound, double rate, Duration phase, int inFlight, int endpoints, Path out,
        Path launcher, Path monit, Path supervisord, Path exporter, List<String> driverJvmOptions, String only) {

    static final String USAGE = "SideBySide [--quick] [--trials N] [--bound-seconds S] [--rate R] [--phase-seconds S]"
            + " [--in-flight N] [--endpoints N] [--only all|faults|probes] [--out FILE] [--launcher PATH]"
            + " [--monit PATH] [--supervisord PATH] [--blackbox-exporter PATH] [--driver-jvm-options 'OPTS']";

    Settings {
        if (trials < 1 || inFlight < 1 || endpoints < 1 || rate <= 0) {
            throw new IllegalArgumentException("trials, in-flight, endpoints and rate must be positive; " + USAGE);
        }
        if (!List.of("all", "faults", "probes").contains(only)) {
            throw new IllegalArgumentException("--only " + only + " must be all, faults or probes");
        }
        driverJvmOptions = List.copyOf(driverJvmOptions);
    }

    static Settings parse(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int trials = quick ? 3 : 10;
        Duration bound = Duration.ofSeconds(quick ? 15 : 30);
        double rate = 200;
        Duration phase = Duration.ofSeconds(quick ? 2 : 5);
        int inFlight = 100;
        int endpoints = 100;
        Path out = Path.of("benchmarks/target/side-by-side.json");
        Path launcher = Path.of("launchguard").toAbsolutePath();
        Path monit = Path.of("/usr/bin/monit");
        Path supervisord = Path.of("/usr/bin/supervisord");
        Path exporter = Path.of("/usr/bin/prometheus-blackbox-exporter");
        List<String> jvm = List.of();
        String only = "all";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value; " + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--trials" -> trials = Integer.parseInt(v);
                case "--bound-seconds" -> bound = Duration.ofSeconds(Long.parseLong(v));
                case "--rate" -> rate = Double.parseDouble(v);
                case "--phase-seconds" -> phase = Duration.ofSeconds(Long.parseLong(v));
                case "--in-flight" -> inFlight = Integer.parseInt(v);
                case "--endpoints" -> endpoints = Integer.parseInt(v);
                case "--only" -> only = v;
                case "--out" -> out = Path.of(v);
                case "--launcher" -> launcher = Path.of(v).toAbsolutePath();
                case "--monit" -> monit = Path.of(v);
                case "--supervisord" -> supervisord = Path.of(v);
                case "--blackbox-exporter" -> exporter = Path.of(v);
                case "--driver-jvm-options" -> jvm = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
            }
        }
        return new Settings(trials, bound, rate, phase, inFlight, endpoints, out, launcher, monit, supervisord, exporter,
                jvm, only);
    }

    int probeTrials() {
        return trials;
    }

    boolean faults() {
        return !only.equals("probes");
    }

    boolean probes() {
        return !only.equals("faults");
    }
}
