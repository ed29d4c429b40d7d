package dev.launchguard;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates a file under src/test/resources, for code that wants a {@link Path}. */
public final class TestResources {

    private TestResources() {
    }

    /** The file at {@code name}, an absolute resource name such as {@code /plist/valid/x.plist}. */
    public static Path path(String name) {
        URL url = TestResources.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
