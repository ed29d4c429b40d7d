package dev.launchguard.report;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the report fixtures under src/test/resources/report (their origin: README.md there). */
final class Fixtures {

    static final String MODEL = "dev.launchguard.demo.model";
    static final String WEB = "dev.launchguard.demo.web";

    private Fixtures() {
    }

    static Path valid(String name) {
        return resource("/report/" + name);
    }

    static Path invalid(String name) {
        return resource("/report/invalid/" + name);
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
