package dev.launchguard.daemon;

import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Renders the demo fleet from the templates in the repository's {@code launchd/} folder into a
 * state folder: the plists with absolute paths filled in, and a {@code launchguard.yaml} for them.
 */
public final class DemoFleet {

    private final Path home;

    /** {@code home} is the repository (the folder holding {@code launchd/} and the built jars). */
    public DemoFleet(Path home) {
        this.home = home;
    }

    /** The model server's jar, which must be built before the demo can run. */
    public Path modelJar() {
        return home.resolve("sample-model-server/target/sample-model-server.jar");
    }

    /**
     * Writes the rendered plists to {@code <stateDir>/demo/plists} and returns the path of the
     * rendered configuration. Each plist is read back before it is used, so a broken template fails
     * here with the plist's own message rather than half-loading a fleet. {@code restartLimit}, when
     * given, replaces both the per-job storm guard's restarts per window and the host's restart budget.
     */
    public Path render(Path stateDir, int port, Path java, Path python, OptionalInt restartLimit) {
        Path demo = stateDir.resolve("demo");
        Path plists = demo.resolve("plists");
        Map<String, String> values = Map.of("@JAVA@", java.toString(), "@PYTHON@", python.toString(),
                "@LAUNCHGUARD_HOME@", home.toString(), "@STATE@", demo.toString(), "@STATE_DIR@", stateDir.toString(),
                "@PORT@", String.valueOf(port),
                "@HOST_BUDGET@", restartLimit.isEmpty() ? "# hostRestartBudget: default"
                        : "hostRestartBudget: {restarts: " + restartLimit.getAsInt() + ", window: 1m}",
                "@STORM@", restartLimit.isEmpty() ? "# storm: default"
                        : "storm: {maxRestarts: " + restartLimit.getAsInt() + ", window: 10m}");
        try {
            Files.createDirectories(plists);
            Files.createDirectories(demo.resolve("logs"));
            try (Stream<Path> files = Files.list(plists)) {
                for (Path old : files.filter(p -> p.toString().endsWith(".plist")).toList()) {
                    Files.delete(old);
                }
            }
            for (Path template : templates()) {
                Path out = plists.resolve(template.getFileName());
                Files.writeString(out, fill(Files.readString(template), values));
                Plists.read(out);
            }
            Path config = demo.resolve("launchguard.yaml");
            Files.writeString(config, fill(Files.readString(home.resolve("launchd/launchguard.demo.yaml")), values));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("demo fleet cannot be written to " + demo + ": " + e.getMessage(), e);
        }
    }

    private List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("launchd"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("dev.launchguard.demo.")
                    && p.toString().endsWith(".plist")).sorted().toList();
        }
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
