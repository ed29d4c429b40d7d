package dev.launchguard.daemon;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where launchguard was built, and the interpreters the demo's plists run. */
public final class Home {

    private Home() {
    }

    /**
     * The repository: {@code LAUNCHGUARD_HOME} (the launcher script sets it), else three levels up
     * from {@code supervisor/target/launchguard.jar}.
     */
    public static Path locate() {
        String env = System.getenv("LAUNCHGUARD_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** The java binary running launchguard, so the demo's model server runs on the same JDK. */
    public static Path java() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** python3 by absolute path, as launchd requires. */
    public static Path python() {
        for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return Path.of("/usr/bin/python3");
    }
}
