package dev.launchguard.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plist a watcher last (re)loaded its job from, as a digest of the file's bytes, so
 * {@code launchguard doctor} can tell an edited plist on disk from the one the job runs under.
 *
 * <p>The digest is taken when launchguard starts watching the job and whenever it bootstraps the
 * job itself (enable, quarantine retry). Under launchd a plist edited before launchguard started,
 * and never reloaded, is therefore not seen as different: launchd keeps no copy to compare against.
 *
 * @param path the plist file
 * @param sha256 the file's SHA-256 in lower-case hex, empty when it could not be read
 * @param loadedAt when the digest was taken
 * @param ports the job's ports from launchguard's configuration
 */
public record LoadedPlist(Path path, Optional<String> sha256, Instant loadedAt, List<Integer> ports) {

    public LoadedPlist {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(loadedAt, "loadedAt");
        ports = List.copyOf(ports);
    }

    /** Digests {@code path} now; a file that cannot be read gives an empty digest, not an error. */
    public static LoadedPlist of(Path path, Instant at, List<Integer> ports) {
        return new LoadedPlist(path, digest(path), at, ports);
    }

    /** The SHA-256 of the file's bytes, empty when it cannot be read. */
    public static Optional<String> digest(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
