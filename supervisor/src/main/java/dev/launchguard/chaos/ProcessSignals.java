package dev.launchguard.chaos;

import dev.launchguard.job.Signal;
import dev.launchguard.process.Signals;
import java.util.Locale;
import java.util.Optional;

/** A fault's signal, by name, through kill(2) ({@link Signals}): no {@code kill} child, no shell. */
public final class ProcessSignals {

    private ProcessSignals() {
    }

    /** Empty when the signal was delivered, else why not. {@code signal} is a name without SIG: KILL, STOP. */
    public static Optional<String> send(long pid, String signal) {
        Signal named;
        try {
            named = Signal.valueOf(signal.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + signal + "' is not a signal launchguard sends");
        }
        return Signals.send(pid, named) ? Optional.empty()
                : Optional.of("no process " + pid + ", or not one this user may signal");
    }
}
