package dev.launchguard.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates generated for a test with the JDK's keytool: a root CA, and PKCS#12 key stores for
 * servers whose certificates are valid, close to expiry, expired, self-signed, or issued by an
 * intermediate that expires first. All for {@code localhost}. Public for the status page's browser
 * test, which serves one to a real launchguard.
 */
public final class TestCertificates {

    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

    private final Path dir;
    final Path root;

    public TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        this.root = dir.resolve("root.p12");
        keypair(root, "root", "CN=Test Root", 3650, "bc:c");
    }

    /** A trust store holding only the test root. */
    KeyStore trustStore() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", load(root).getCertificate("root"));
        return trust;
    }

    /** A localhost server key store whose leaf the root signed, valid from {@code startDays} (negative: past) for {@code days}. */
    public Path leaf(String name, int startDays, int days) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keypair(store, "server", "CN=localhost", 3650);
        Path cert = sign(store, "server", root, "root", startDays, days, "san=dns:localhost");
        importCert(store, "root", export(root, "root"));
        importCert(store, "server", cert);
        return store;
    }

    /** A localhost server whose certificate signs itself. */
    Path selfSigned(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keypair(store, "server", "CN=localhost", 365, "san=dns:localhost");
        return store;
    }

    /** root → intermediate (valid {@code intermediateDays}) → localhost leaf valid a year. */
    Path viaIntermediate(String name, int intermediateDays) throws Exception {
        Path ca = dir.resolve(name + "-ca.p12");
        keypair(ca, "intermediate", "CN=Test Intermediate", 3650);
        Path caCert = sign(ca, "intermediate", root, "root", 0, intermediateDays, "bc:c");
        importCert(ca, "root", export(root, "root"));
        importCert(ca, "intermediate", caCert);
        Path store = dir.resolve(name + ".p12");
        keypair(store, "server", "CN=localhost", 3650);
        Path cert = sign(store, "server", ca, "intermediate", 0, 365, "san=dns:localhost");
        importCert(store, "root", export(root, "root"));
        importCert(store, "intermediate", caCert);
        importCert(store, "server", cert);
        return store;
    }

    public static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** The chain the server in {@code store} presents. */
    public static List<Certificate> chain(Path store) throws Exception {
        return List.of(load(store).getCertificateChain("server"));
    }

    private void keypair(Path store, String alias, String dname, int days, String... ext) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-keystore", store.toString(), "-alias", alias,
                "-dname", dname, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", String.valueOf(days)));
        for (String e : ext) {
            args.add("-ext");
            args.add(e);
        }
        keytool(args);
    }

    private Path sign(Path store, String alias, Path caStore, String caAlias, int startDays, int days, String ext)
            throws Exception {
        Path csr = dir.resolve(store.getFileName() + "." + alias + ".csr");
        Path cert = dir.resolve(store.getFileName() + "." + alias + ".cer");
        keytool(List.of("-certreq", "-keystore", store.toString(), "-alias", alias, "-file", csr.toString()));
        keytool(List.of("-gencert", "-keystore", caStore.toString(), "-alias", caAlias, "-infile", csr.toString(),
                "-outfile", cert.toString(), "-startdate", (startDays >= 0 ? "+" : "") + startDays + "d",
                "-validity", String.valueOf(days), "-ext", ext, "-rfc"));
        return cert;
    }

    private Path export(Path store, String alias) throws Exception {
        Path cert = dir.resolve(store.getFileName() + "." + alias + ".export.cer");
        if (!Files.exists(cert)) {
            keytool(List.of("-exportcert", "-keystore", store.toString(), "-alias", alias, "-file", cert.toString(), "-rfc"));
        }
        return cert;
    }

    private void importCert(Path store, String alias, Path cert) throws Exception {
        keytool(List.of("-importcert", "-noprompt", "-keystore", store.toString(), "-alias", alias, "-file", cert.toString()));
    }

    private void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KEYTOOL));
        command.addAll(args);
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        Path log = dir.resolve("keytool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool %s finished", args.get(0)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args, Files.readString(log)).isZero();
    }
}
