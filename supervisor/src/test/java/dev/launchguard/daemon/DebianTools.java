package dev.launchguard.daemon;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The real Prometheus tools an integration test runs, found on PATH as Debian installs them. */
final class DebianTools {

    private DebianTools() {
    }

    /**
     * {@code name} from PATH; the test is skipped, saying so, only where Debian's {@code debianPackage}
     * (which {@code .ci/run} installs) is not installed.
     */
    static Path binary(String name, String debianPackage) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), name + " is not installed (Debian package '" + debianPackage
                + "'; .ci/run installs it): skipping the check against the real " + name);
        return found.get();
    }

    /** Stops {@code process} with SIGTERM, then SIGKILL after 30 s. */
    static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
