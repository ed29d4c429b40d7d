package dev.launchguard.launchctl;

import dev.launchguard.job.Termination;
import java.util.Optional;

/**
 * Decodes the three ways launchctl reports how a job's last instance ended; each output uses a
 * different encoding, so mixing them up turns exit 78 into "exit 19968".
 */
final class LastExit {

    private static final int SIGNAL_MASK = 0x7f;
    private static final int EXIT_SHIFT = 8;
    private static final int EXIT_MASK = 0xff;

    private LastExit() {
    }

    /**
     * The {@code Status} column of the {@code launchctl list} table: the exit code itself (78 in
     * list-table-2016-grep-exit78.txt), or, per launchctl(1), "the negative of the signal which
     * stopped the job" when negative.
     */
    static Optional<Termination> fromTableStatus(long status) {
        if (status < 0) {
            return Optional.of(Termination.signaled((int) -status));
        }
        return Optional.of(Termination.exited((int) status));
    }

    /**
     * {@code LastExitStatus} of {@code launchctl list <label>}: a raw wait(2) status, so
     * 19968 = 78 &lt;&lt; 8 is exit 78 (list-label-system-not-running-exit78-19968.txt) and a low
     * byte of 9 is SIGKILL. Some releases print a signal as a negative number; that reads as the
     * table's encoding.
     */
    static Optional<Termination> fromWaitStatus(long status) {
        if (status < 0) {
            return fromTableStatus(status);
        }
        int signal = (int) (status & SIGNAL_MASK);
        if (signal != 0) {
            return Optional.of(Termination.signaled(signal));
        }
        return Optional.of(Termination.exited((int) ((status >> EXIT_SHIFT) & EXIT_MASK)));
    }

    /**
     * {@code last terminating signal = Terminated: 15} of {@code launchctl print}: strsignal(3) text,
     * then the number after the last colon.
     */
    static Optional<Termination> fromSignalDescription(String text) {
        int colon = text.lastIndexOf(':');
        String number = (colon < 0 ? text : text.substring(colon + 1)).strip();
        return number.matches("\\d{1,9}") ? Optional.of(Termination.signaled(Integer.parseInt(number)))
                : Optional.empty();
    }
}
