package dev.launchguard.adopt;

import dev.launchguard.duration.DurationSyntax;
import java.time.Duration;

/** How the survey and the proposals write a duration: as launchguard.yaml does ({@code 500ms}, {@code 10s}). */
final class Durations {

    private Durations() {
    }

    /** A measured time, to the millisecond; under one millisecond reads {@code <1ms}, not {@code 0ms}. */
    static String took(Duration d) {
        return d.toMillis() == 0 ? "<1ms" : DurationSyntax.text(Duration.ofMillis(d.toMillis()));
    }

    /** A configured value: exactly as the YAML gets it. */
    static String text(Duration d) {
        return DurationSyntax.text(d);
    }
}
