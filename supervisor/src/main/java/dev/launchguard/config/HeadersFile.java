package dev.launchguard.config;

import dev.launchguard.probe.ProbeHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a probe's {@code headersFile}: owner-only (mode 0600 or stricter), small, {@code Name: value}
 * lines. Errors name the file and the line, never a header's value.
 */
final class HeadersFile {

    /** A few API keys fit in far less; a bigger file is a wrong path. */
    static final long MAX_BYTES = 16 * 1024;
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private HeadersFile() {
    }

    static ProbeHeaders read(ConfigNode node, String key, Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw node.error(key, "'" + file + "' is not a file");
            }
            try {
                if (Files.getPosixFilePermissions(file).stream().anyMatch(GROUP_OR_OTHER::contains)) {
                    throw node.error(key, "'" + file + "' can be read by others; it holds secrets, so chmod 600 it");
                }
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: nothing to check.
            }
            if (Files.size(file) > MAX_BYTES) {
                throw node.error(key, "'" + file + "' is larger than " + MAX_BYTES + " bytes; it holds a few 'Name: value' lines");
            }
            return ProbeHeaders.parse(file.toString(), Files.readString(file));
        } catch (NoSuchFileException e) {
            throw node.error(key, "'" + file + "' does not exist");
        } catch (IOException e) {
            throw node.error(key, "'" + file + "' cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw node.error(key, "'" + file + "' " + e.getMessage());
        }
    }
}
