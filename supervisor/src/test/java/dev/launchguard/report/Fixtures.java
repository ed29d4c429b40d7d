package dev.launchguard.report;

import dev.launchguard.TestResources;
import java.nio.file.Path;

/** Locates the report fixtures under src/test/resources/report (their origin: README.md there). */
final class Fixtures {

    static final String MODEL = "dev.launchguard.demo.model";
    static final String WEB = "dev.launchguard.demo.web";

    private Fixtures() {
    }

    static Path valid(String name) {
        return TestResources.path("/report/" + name);
    }

    static Path invalid(String name) {
        return TestResources.path("/report/invalid/" + name);
    }
}
