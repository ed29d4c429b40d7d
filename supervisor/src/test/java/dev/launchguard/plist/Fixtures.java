package dev.launchguard.plist;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the plist fixtures under src/test/resources/plist. */
final class Fixtures {

    private Fixtures() {
    }

    static Path valid(String name) {
        return resource("/plist/valid/" + name);
    }

    static Path invalid(String name) {
        return resource("/plist/invalid/" + name);
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
