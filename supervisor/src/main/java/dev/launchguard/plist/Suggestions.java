package dev.launchguard.plist;

import dev.launchguard.spelling.Spelling;
import java.util.Collection;

/** The linter's wording of a spelling suggestion. */
final class Suggestions {

    private Suggestions() {
    }

    /** {@code " (did you mean KeepAlive?)"}, or the empty string when nothing is near. */
    static String didYouMean(String key, Collection<String> candidates) {
        return Spelling.nearest(key, candidates)
                .map(best -> best.equals(key) ? "" : best.equalsIgnoreCase(key)
                        ? " (did you mean " + best + "? keys are case-sensitive)"
                        : " (did you mean " + best + "?)")
                .orElse("");
    }
}
