package dev.launchguard.drift;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A job in a plist folder that no job of the configuration watches, or a plist there that cannot be
 * read at all (then {@code label} is the file name without {@code .plist}, since its Label is unknown).
 *
 * @param why in words: not watched, not watched and disabled, or the parser's error
 */
public record Unwatched(String label, Path plist, String why) {

    public Unwatched {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(plist, "plist");
        Objects.requireNonNull(why, "why");
    }
}
