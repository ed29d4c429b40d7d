package dev.launchguard.bench.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the sample model server from outside, as a supervisor sees it: cold start to ready at
 * several warmups, {@code /v1/embeddings} throughput and latency at several concurrencies, and peak
 * RSS. Prints Markdown tables. Run by {@code benchmarks/model-server.sh}; never by {@code mvn verify}.
 *
 * <p>Threads: {@code main} starts and stops every server process in turn; a load run adds one
 * client thread per concurrent connection. At most one server runs at a time.
 */
public final class ModelServerBench {

    record Options(Path jar, int runs, List<Integer> warmups, List<Integer> concurrencies, Duration warm,
            Duration measure, String heap) {
    }

    private ModelServerBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = parse(args);
        System.out.println("## Cold start to ready (" + options.runs() + " runs each, -Xmx" + options.heap() + ")");
        System.out.println();
        System.out.println("| warmup batches | p50 s | p90 s | min s | max s | peak RSS MiB (median) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int warmup : options.warmups()) {
            coldStarts(options, warmup);
        }
        System.out.println();
        System.out.println("## /v1/embeddings, one sentence per request (warm " + options.warm().toSeconds()
                + " s, measured " + options.measure().toSeconds() + " s per row)");
        System.out.println();
        System.out.println("| concurrency | requests/s | p50 ms | p99 ms | max ms | errors |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        long peak;
        try (ServerUnderTest server = ServerUnderTest.start(options.jar(), options.heap(), 0)) {
            server.awaitReady();
            for (int concurrency : options.concurrencies()) {
                LoadRun.Result result = LoadRun.run(server, concurrency, options.warm(), options.measure());
                System.out.printf(java.util.Locale.ROOT, "| %d | %.1f | %s | %s | %s | %d |%n", concurrency,
                        result.throughputPerSecond(), Samples.millis(result.latencies().percentile(50)),
                        Samples.millis(result.latencies().percentile(99)), Samples.millis(result.latencies().max()),
                        result.errors());
            }
            peak = server.peakRssMib();
        }
        System.out.println();
        System.out.println("Peak RSS after all load runs: " + peak + " MiB (VmHWM)");
    }

    private static void coldStarts(Options options, int warmup) throws InterruptedException {
        List<Long> nanos = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            try (ServerUnderTest server = ServerUnderTest.start(options.jar(), options.heap(), warmup)) {
                nanos.add(server.awaitReady().toNanos());
                rss.add(server.peakRssMib());
            }
        }
        Samples samples = Samples.of(nanos);
        rss.sort(Long::compare);
        System.out.printf("| %d | %s | %s | %s | %s | %d |%n", warmup, Samples.seconds(samples.percentile(50)),
                Samples.seconds(samples.percentile(90)), Samples.seconds(samples.min()),
                Samples.seconds(samples.max()), rss.get(rss.size() / 2));
    }

    private static Options parse(String[] args) {
        Path jar = Path.of("sample-model-server/target/sample-model-server.jar");
        int runs = 5;
        List<Integer> warmups = List.of(0, 240);
        List<Integer> concurrencies = List.of(1, 8, 32);
        Duration warm = Duration.ofSeconds(5);
        Duration measure = Duration.ofSeconds(20);
        String heap = "512m";
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--jar" -> jar = Path.of(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--warmups" -> warmups = ints(value);
                case "--concurrency" -> concurrencies = ints(value);
                case "--warm-seconds" -> warm = Duration.ofSeconds(Long.parseLong(value));
                case "--measure-seconds" -> measure = Duration.ofSeconds(Long.parseLong(value));
                case "--heap" -> heap = value;
                default -> throw new IllegalArgumentException("option '" + args[i] + "' is unknown");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("server jar '" + jar + "' is missing: build sample-model-server first");
        }
        return new Options(jar, runs, warmups, concurrencies, warm, measure, heap);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
