package dev.launchguard.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import dev.launchguard.job.Signal;
import java.util.EnumMap;
import java.util.Map;

/**
 * Sends a signal to a PID with kill(2) through JNA: no {@code kill} child process, no shell. Callers
 * name the signal; its number is this OS's, because some differ between Linux and macOS (SIGSTOP
 * is 19 on Linux, 17 on macOS: signal(7), and sys/signal.h in the macOS SDK).
 */
public final class Signals {

    private static final Map<Signal, Integer> LINUX = numbers(10, 12, 18, 19);
    private static final Map<Signal, Integer> DARWIN = numbers(30, 31, 19, 17);

    private Signals() {
    }

    /**
     * Sends {@code signal} to {@code pid}; true when it was delivered, false when the process is gone
     * (ESRCH) or not ours to signal (EPERM), as a {@code kill} that exits 1 told the callers before.
     * Callers check the start time first, so a recycled PID is never signalled.
     *
     * @throws IllegalArgumentException for a PID below 1, which kill(2) reads as a process group or
     *     every process
     */
    public static boolean send(long pid, Signal signal) {
        if (pid < 1 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("process '" + pid + "' is not a process ID; cannot send "
                    + signal.signalName());
        }
        try {
            return LibC.get().kill((int) pid, number(signal)) == 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ESRCH || e.getErrorCode() == LibC.EPERM) {
                return false;
            }
            throw new IllegalStateException("process '" + pid + "' cannot be sent " + signal.signalName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code signal}'s number on this OS. */
    static int number(Signal signal) {
        if (Platform.isMac()) {
            return DARWIN.get(signal);
        }
        if (Platform.isLinux()) {
            return LINUX.get(signal);
        }
        throw new IllegalStateException("signal '" + signal.signalName() + "' has no known number on "
                + System.getProperty("os.name") + "; launchguard runs on Linux and macOS");
    }

    /** The numbers POSIX leaves to the OS (USR1, USR2, CONT, STOP); the rest are the same everywhere. */
    private static Map<Signal, Integer> numbers(int usr1, int usr2, int cont, int stop) {
        Map<Signal, Integer> numbers = new EnumMap<>(Signal.class);
        numbers.put(Signal.HUP, 1);
        numbers.put(Signal.INT, 2);
        numbers.put(Signal.QUIT, 3);
        numbers.put(Signal.KILL, 9);
        numbers.put(Signal.TERM, 15);
        numbers.put(Signal.USR1, usr1);
        numbers.put(Signal.USR2, usr2);
        numbers.put(Signal.CONT, cont);
        numbers.put(Signal.STOP, stop);
        return Map.copyOf(numbers);
    }
}
