package dev.launchguard.chaos;

import dev.launchguard.spelling.Spelling;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The faults a chaos campaign can inject, by the name they carry on the command line and in results. */
public enum Fault {
    /** SIGKILL of the job's instance: a crash. */
    KILL("KILL", null, false),
    /** SIGSTOP of the job's instance: alive, answering nothing. */
    WEDGE("STOP", null, false),
    /** SIGKILL of the child that serves the job's port under a wrapper (npm start, a shell). */
    KILL_CHILD("KILL", null, true),
    /** SIGSTOP of that serving child: the wrapper sleeps on, the service answers nothing. */
    WEDGE_CHILD("STOP", null, true),
    /** The sample model server's inference threads deadlock; its live endpoint still answers. */
    DEADLOCK(null, "deadlock", false),
    /** The sample model server's next inference request kills it. */
    POISON(null, "poison", false),
    /** The sample model server leaks heap until the JVM dies of OutOfMemoryError. */
    LEAK(null, "leak", false),
    /** The sample model server exits with status 3. */
    EXIT(null, "exit", false),
    /** SIGKILL of launchguard itself: its jobs must be adopted, not started twice. */
    SUPERVISOR_KILL("KILL", null, false);

    private final String signal;
    private final String adminMode;
    private final boolean child;

    Fault(String signal, String adminMode, boolean child) {
        this.signal = signal;
        this.adminMode = adminMode;
        this.child = child;
    }

    /** The name used in {@code --faults}, scripts and results: {@code kill}, {@code supervisor-kill}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The signal name for {@code kill -s}, for the faults that are signals. */
    public Optional<String> signal() {
        return Optional.ofNullable(signal);
    }

    /** The sample model server's {@code /admin/fault} mode, for the faults it injects into itself. */
    public Optional<String> adminMode() {
        return Optional.ofNullable(adminMode);
    }

    /** Whether the fault needs a job that is a sample model server started with {@code --chaos}. */
    public boolean needsModelServer() {
        return adminMode != null;
    }

    /**
     * Whether the signal goes to the child serving the job's port rather than to the job's main
     * process; only a job that serves from a child of its main process takes it.
     */
    public boolean targetsChild() {
        return child;
    }

    public boolean targetsLaunchguard() {
        return this == SUPERVISOR_KILL;
    }

    /** Faults that act on a job (every one but {@link #SUPERVISOR_KILL}). */
    public static List<Fault> jobFaults() {
        return Arrays.stream(values()).filter(f -> !f.targetsLaunchguard()).toList();
    }

    public static Fault parse(String text) {
        for (Fault fault : values()) {
            if (fault.wireName().equals(text)) {
                return fault;
            }
        }
        List<String> names = Arrays.stream(values()).map(Fault::wireName).toList();
        String hint = Spelling.nearest(text, names).map(n -> " (did you mean '" + n + "'?)").orElse("");
        throw new IllegalArgumentException("fault '" + text + "' is unknown" + hint + ": one of "
                + names.stream().collect(Collectors.joining(", ")));
    }
}
