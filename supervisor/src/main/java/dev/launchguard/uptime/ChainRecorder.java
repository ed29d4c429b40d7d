package dev.launchguard.uptime;

import java.net.Socket;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.KeyStoreException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that keeps every certificate chain a server presents, by {@code host:port},
 * before handing the decision to the real one. The uptime watcher reads expiry from the chain even
 * when the handshake then fails (an expired or untrusted certificate is exactly what it reports).
 */
final class ChainRecorder extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();

    ChainRecorder(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    /** The platform's default trust (the JDK's cacerts), which also verifies the host name. */
    static X509ExtendedTrustManager systemTrust() {
        return trust(null);
    }

    /** Trust in the certificates of {@code store} only; tests use it for the CA they generate. */
    static X509ExtendedTrustManager trust(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's TrustManagerFactory gave no X509ExtendedTrustManager");
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("the JDK's default trust cannot be loaded: " + e.getMessage(), e);
        }
    }

    Optional<List<X509Certificate>> chain(String host, int port) {
        return Optional.ofNullable(chains.get(host + ":" + port));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        chains.put(engine.getPeerHost() + ":" + engine.getPeerPort(), List.of(chain));
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        chains.put(socket.getInetAddress().getHostName() + ":" + socket.getPort(), List.of(chain));
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server chain is checked only with its connection, to know the host");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the uptime watcher is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the uptime watcher is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the uptime watcher is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ((X509TrustManager) delegate).getAcceptedIssuers();
    }
}
