package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * What a client waiting on one job (a chaos fault's recovery, an operator's kickstart, enable or
 * reset) tells the operator, and when: once a second has passed, then at every change of the job's
 * state or reason and at least every {@link #EVERY}. One per wait; not thread-safe.
 */
public final class WaitProgress {

    /** How often a long wait says it is still waiting, when nothing changed. */
    public static final Duration EVERY = Duration.ofSeconds(5);
    /** States from which no READY follows without an operator. */
    public static final Set<String> SETTLED = Set.of("QUARANTINED", "DISABLED");
    private static final Duration FIRST = Duration.ofSeconds(1);

    private final long start;
    private long next;
    private String told = "";

    /** A wait that began at {@code startNanos}. */
    public WaitProgress(long startNanos) {
        this.start = startNanos;
        this.next = startNanos + FIRST.toNanos();
    }

    /** The job's state and, when it has one, its reason: {@code RECOVERING — respawning after a crash: ...}. */
    public static String describe(JsonNode job) {
        return job.path("state").asText() + (job.path("reason").isTextual() ? " — " + job.path("reason").asText() : "");
    }

    /** Whether {@code current} is to be told now ({@code nowNanos}); if so it counts as told. */
    public boolean due(long nowNanos, String current) {
        boolean changed = !current.equals(told);
        if (nowNanos >= next || (changed && nowNanos - start >= FIRST.toNanos())) {
            told = current;
            next = nowNanos + EVERY.toNanos();
            return true;
        }
        return false;
    }
}
