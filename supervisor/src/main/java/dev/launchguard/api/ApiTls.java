package dev.launchguard.api;

import dev.launchguard.config.ApiConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The API's TLS, required when it listens beyond loopback: the configured PEM certificate chain and
 * PKCS#8 private key, loaded once at start on the caller's thread. A key file others can read is
 * refused, as the token file is: whoever reads it can impersonate this launchguard.
 */
final class ApiTls {

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private ApiTls() {
    }

    /** @throws UncheckedIOException naming the file and what is wrong with it */
    static SslContext serverContext(ApiConfig.Tls tls) {
        checkPrivate(tls.key());
        try {
            return SslContextBuilder.forServer(tls.certificate().toFile(), tls.key().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("HTTP API TLS certificate '" + tls.certificate() + "' and key '"
                    + tls.key() + "' could not be loaded (PEM certificate chain, PEM PKCS#8 key): " + e.getMessage(), e));
        }
    }

    private static void checkPrivate(Path key) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(key);
            if (mode.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw new UncheckedIOException(new IOException("HTTP API TLS key '" + key + "' can be read or written by "
                        + "others (mode " + TokenFile.mode(mode) + "); chmod 600 it"));
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("HTTP API TLS key '" + key + "' cannot be read: " + e, e));
        }
    }
}
