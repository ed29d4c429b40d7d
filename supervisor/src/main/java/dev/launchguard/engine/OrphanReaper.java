package dev.launchguard.engine;

import dev.launchguard.process.Zombies;
import dev.launchguard.process.Zombies.Zombie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what an init must when launchguard is PID 1 (a container's entry point): reaps the zombies
 * of processes it did not start. A job's child that outlives its parent (a double fork, a wrapper
 * killed under its server) is re-parented to PID 1, and when it ends only PID 1 can reap it; the
 * JVM never does (docs/engine.md, "launchguard as PID 1").
 *
 * <p>It must not take an exit status the JDK is waiting for: every {@link Process} has a JDK thread
 * blocked in {@code waitpid} on its PID, and a status taken from under it reads as exit 0. So a
 * zombie is reaped only when (1) the engine is not waiting for that PID (a run's main process, until
 * its exit event) and (2) it has stayed a zombie for {@link #GRACE}: a JDK waiter reaps its child
 * the moment it ends, so a zombie that is still there a second later has nobody waiting for it.
 * Each zombie is reaped by its own PID, never with {@code waitpid(-1)}.
 *
 * <p>Threads: one daemon thread, {@code engine-orphan-reaper}, sweeping every {@link #SWEEP}; its
 * state (when each zombie was first seen) is touched by that thread only.
 */
final class OrphanReaper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

    /** How often the zombie children are listed: one /proc pass, about a millisecond in a container. */
    static final Duration SWEEP = Duration.ofMillis(500);
    /** How long a zombie must stay unreaped before it counts as nobody's: far above a JDK waiter's reaction. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final Zombies zombies;
    private final LongPredicate awaited;
    private final LongSupplier nanos;
    private final Map<Long, Sighting> seen = new HashMap<>();
    private ScheduledExecutorService thread;

    private record Sighting(long startTicks, long firstSeenNanos) {
    }

    /** @param awaited true for a PID whose exit the engine is still waiting for through its {@link Process} */
    OrphanReaper(Zombies zombies, LongPredicate awaited, LongSupplier nanos) {
        this.zombies = zombies;
        this.awaited = awaited;
        this.nanos = nanos;
    }

    /** A started reaper when this JVM is PID 1 of its PID namespace; empty otherwise (an init reaps for us). */
    static Optional<OrphanReaper> startIfInit(LongPredicate awaited, LongSupplier nanos) {
        if (ProcessHandle.current().pid() != 1) {
            return Optional.empty();
        }
        OrphanReaper reaper = new OrphanReaper(new Zombies(), awaited, nanos);
        reaper.start();
        log.info("launchguard is PID 1: reaping orphaned children sweep={} grace={}", SWEEP, GRACE);
        return Optional.of(reaper);
    }

    private void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine-orphan-reaper");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::sweepSafely, SWEEP.toNanos(), SWEEP.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A failed pass must not cancel the schedule; the next one tries again.
            log.warn("Orphan sweep failed error={}", e.toString());
        }
    }

    /** One pass: lists the zombie children and reaps those that are due; returns the PIDs reaped. */
    List<Long> sweep() {
        List<Long> reaped = new ArrayList<>();
        for (Zombie zombie : due(zombies.children(), nanos.getAsLong())) {
            OptionalInt status = zombies.reap(zombie.pid());
            if (status.isPresent()) {
                reaped.add(zombie.pid());
                log.debug("Reaped orphan pid={} waitStatus={}", zombie.pid(), status.getAsInt());
            }
        }
        return reaped;
    }

    /**
     * The zombies among {@code current} that are nobody else's to reap: not awaited by the engine,
     * and seen as the same zombie (same start time) for at least {@link #GRACE}. Forgets zombies
     * that are gone, so a recycled PID starts its grace afresh.
     */
    List<Zombie> due(List<Zombie> current, long now) {
        Map<Long, Sighting> still = new HashMap<>();
        List<Zombie> due = new ArrayList<>();
        for (Zombie zombie : current) {
            if (awaited.test(zombie.pid())) {
                continue;
            }
            Sighting before = seen.get(zombie.pid());
            Sighting sighting = before != null && before.startTicks() == zombie.startTicks() ? before
                    : new Sighting(zombie.startTicks(), now);
            still.put(zombie.pid(), sighting);
            if (now - sighting.firstSeenNanos() >= GRACE.toNanos()) {
                due.add(zombie);
            }
        }
        seen.clear();
        seen.putAll(still);
        return due;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
