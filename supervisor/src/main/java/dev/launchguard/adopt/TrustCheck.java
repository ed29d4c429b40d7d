package dev.launchguard.adopt;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * For one survey handshake: checks the server's certificate as a probe with {@code tlsVerify: true}
 * would (the JVM's default trust store, the host name), records the verdict, and lets the handshake
 * go on either way: the survey must learn what the port serves even when its certificate is
 * self-signed, and it only ever talks to loopback.
 */
final class TrustCheck extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager standard;
    private volatile Tls seen = new Tls(false, Optional.of("no certificate was checked"));

    TrustCheck() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509ExtendedTrustManager found = null;
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) {
                    found = x;
                }
            }
            this.standard = java.util.Objects.requireNonNull(found, "the JVM's default X509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's default trust store cannot be read: " + e.getMessage(), e);
        }
    }

    SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context: " + e.getMessage(), e);
        }
    }

    Tls seen() {
        return seen;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        try {
            standard.checkServerTrusted(chain, authType, socket);
            seen = new Tls(true, Optional.empty());
        } catch (CertificateException e) {
            seen = new Tls(false, Optional.of(String.valueOf(e.getMessage())));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("the survey uses sockets, not engines");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("the survey checks with the socket, for the host name");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the survey is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the survey is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the survey is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
