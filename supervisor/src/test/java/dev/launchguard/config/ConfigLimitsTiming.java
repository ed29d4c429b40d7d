package dev.launchguard.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * How long a refusal at each limit takes, and a file at the limits to load: a measurement run by
 * hand, never by {@code mvn verify}. Run it with the daemon's JVM options (docs/operations.md) on
 * the test classpath: {@code java -Xmx64m ... dev.launchguard.config.ConfigLimitsTiming [--baseline]};
 * {@code --baseline} also times the 4 MB one-line value through an unlimited reader, as before the
 * limits (it takes many seconds).
 */
public final class ConfigLimitsTiming {

    private static final int RUNS = 5;

    private ConfigLimitsTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("limits-timing");
        try {
            measure(dir, Arrays.asList(args).contains("--baseline"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static void measure(Path dir, boolean baseline) throws IOException {
        ConfigLoader loader = new ConfigLoader(dir);
        Path scalar = Files.writeString(dir.resolve("scalar.yaml"), "jobs:\n  - label: " + "a".repeat(4_000_000) + "\n");
        Path big = Files.writeString(dir.resolve("big.yaml"), "jobs: []\n" + "#".repeat(ConfigDefaults.MAX_FILE_BYTES));
        StringBuilder lines = new StringBuilder("jobs: []\n");
        for (int i = 0; lines.length() < ConfigDefaults.MAX_FILE_BYTES - 70_000; i++) {
            lines.append("k").append(i).append(": ").append("v".repeat(ConfigDefaults.MAX_LINE_BYTES - 16)).append('\n');
        }
        Path longest = Files.writeString(dir.resolve("longest-lines.yaml"), lines);
        Path flood = Files.writeString(dir.resolve("flood.yaml"), "jobs: []\nx: [" + "1,\n".repeat(1_300_000) + "1]\n");
        StringBuilder jobs = new StringBuilder("jobs:\n");
        for (int i = 0; i < ConfigDefaults.MAX_JOBS; i++) {
            jobs.append(ConfigLimitsTest.fullJob(i));
        }
        Path thousand = Files.writeString(dir.resolve("thousand.yaml"), jobs);

        time("4 MB one-line value, refused", scalar, RUNS, () -> outcome(loader, scalar));
        time("file of 4 MiB + 9 bytes, refused", big, RUNS, () -> outcome(loader, big));
        time("4 MiB of 64 KiB lines, parsed then refused", longest, RUNS, () -> outcome(loader, longest));
        time("1.3 M tiny values, refused at 200k", flood, RUNS, () -> outcome(loader, flood));
        time("1,000 jobs written in full, loaded", thousand, RUNS, () -> outcome(loader, thousand));
        if (baseline) {
            ObjectMapper unlimited = new ObjectMapper(new YAMLFactory());
            time("4 MB one-line value, unlimited reader (before)", scalar, 1, () -> {
                try {
                    return "read " + unlimited.readTree(Files.readAllBytes(scalar)).size() + " keys";
                } catch (IOException e) {
                    return "refused: " + e.getClass().getSimpleName();
                }
            });
        }
    }

    private static String outcome(ConfigLoader loader, Path file) {
        try {
            return "loaded " + loader.load(file).jobs().size() + " jobs";
        } catch (ConfigException e) {
            String detail = e.detail();
            return "refused: " + (detail.length() > 110 ? detail.substring(0, 110) + "..." : detail);
        }
    }

    private static void time(String what, Path file, int runs, Supplier<String> run) throws IOException {
        long[] millis = new long[runs];
        String outcome = "";
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            outcome = run.get();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("%-50s %9d bytes  median %6d ms  (min %d, max %d)  %s%n", what, Files.size(file),
                millis[runs / 2], millis[0], millis[runs - 1], outcome);
    }
}
