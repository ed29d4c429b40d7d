package dev.launchguard.daemon;

import dev.launchguard.config.ConfigException;
import dev.launchguard.config.LaunchguardConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration a reload asks for, loaded on the reload's own thread before anything running is
 * touched. A file that does not load, for whatever reason, is one WARN line and changes nothing.
 */
final class NextConfig {

    private static final Logger log = LoggerFactory.getLogger(NextConfig.class);

    private NextConfig() {
    }

    /** The configuration {@code loader} reads from {@code file}, or empty when it was refused (logged). */
    static Optional<LaunchguardConfig> load(Path file, Function<Path, LaunchguardConfig> loader) {
        try {
            return Optional.of(loader.apply(file));
        } catch (ConfigException e) {
            log.warn("Reload rejected, nothing changed: {} file={}", e.getMessage(), file);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                // Out of memory or a broken JVM: nothing can be trusted to go on (the launcher exits on it).
                throw e;
            }
            // A loader bug, not a bad file; still only the file was read, so nothing changed.
            log.warn("Reload rejected, nothing changed: {}: could not be loaded: {} file={}", file, e, file);
        }
        return Optional.empty();
    }
}
