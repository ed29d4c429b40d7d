package dev.launchguard.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the client's talk to a launchguard serving HTTPS: trust exactly the certificate its runtime
 * file names, nothing else. The CLI reaches it on loopback, an address the certificate rarely names
 * ({@code mac-studio.local}), so the host-name check is off for this process: with a single pinned
 * certificate it adds nothing.
 */
final class PinnedCertificate {

    private PinnedCertificate() {
    }

    static SSLContext context(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("certificate '" + pem + "' holds no PEM certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trust.setCertificateEntry("launchguard-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            // Read by the JDK's HTTP client when it first loads; the CLI makes no other TLS connection.
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("certificate '" + pem + "' cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("certificate '" + pem + "' is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
