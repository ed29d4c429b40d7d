package dev.launchguard.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * What this launchguard was built from, for {@code launchguard_build_info}: the version and
 * revision its jar's manifest names (written by the supervisor pom: {@code Implementation-Version},
 * {@code Launchguard-Revision}), and the Java it runs on. Run from classes rather than the jar, the
 * version is {@code development} and the revision {@code unknown}.
 */
record BuildInfo(String version, String revision, String javaVersion) {

    static final String REVISION = "Launchguard-Revision";

    static BuildInfo current() {
        Optional<Attributes> manifest = ownManifest();
        return new BuildInfo(
                manifest.map(a -> a.getValue(Attributes.Name.IMPLEMENTATION_VERSION)).orElse("development"),
                manifest.map(a -> a.getValue(REVISION)).filter(r -> !r.isBlank()).orElse("unknown"),
                Runtime.version().toString());
    }

    /** The main attributes of the jar this class was loaded from; empty when it was not loaded from a jar. */
    private static Optional<Attributes> ownManifest() {
        URL self = BuildInfo.class.getResource("BuildInfo.class");
        if (self == null || !"jar".equals(self.getProtocol())) {
            return Optional.empty();
        }
        String spec = self.toString();
        try (InputStream in = new URL(spec.substring(0, spec.indexOf("!/") + 2) + "META-INF/MANIFEST.MF").openStream()) {
            return Optional.of(new Manifest(in).getMainAttributes());
        } catch (IOException e) {
            // No manifest in the jar: as for a development build.
            return Optional.empty();
        }
    }
}
