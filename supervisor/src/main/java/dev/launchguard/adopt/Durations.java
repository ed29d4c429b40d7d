package dev.launchguard.adopt;

import dev.launchguard.duration.DurationSyntax;
import java.time.Duration;
import java.util.Locale;

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

    /** How long a process has run, for a person: {@code 3.5s}, {@code 3m 10s}, {@code 5h 2m}, {@code 3d 4h}. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", Math.max(0, d.toMillis()) / 1000.0);
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }
}
