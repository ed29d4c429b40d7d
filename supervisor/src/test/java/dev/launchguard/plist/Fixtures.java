package dev.launchguard.plist;

import dev.launchguard.TestResources;
import java.nio.file.Path;

/** Locates the plist fixtures under src/test/resources/plist. */
final class Fixtures {

    private Fixtures() {
    }

    static Path valid(String name) {
        return TestResources.path("/plist/valid/" + name);
    }

    static Path invalid(String name) {
        return TestResources.path("/plist/invalid/" + name);
    }
}
