package dev.launchguard.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one launchguard can carry, checked when a configuration is loaded (at start and at a reload
 * alike), so a fleet beyond it is refused in one line instead of running out of heap or falling
 * behind its own probe schedule. Measured with {@code benchmarks/scale.sh} (docs/benchmarks.md,
 * "Scale: cost per job"): a probe costs about 0.4 ms of CPU, and a job about 100 KB of heap.
 */
public final class Capacity {

    /**
     * Liveness and readiness probes a second across the fleet. At 500 a second (250 jobs at the
     * default 500 ms) launchguard kept to its schedule (486 probes a second served) at 21% of a
     * core; at 1,000 a second it fell behind (870 served), and at 2,000 (1,000 jobs at 500 ms) it
     * managed 70 a second and took 110 s to probe every job once.
     */
    public static final double MAX_PROBES_PER_SECOND = 500;
    /** The heap a launchguard needs with no job: the live set measured with a few jobs, and room to collect. */
    static final long BASE_HEAP_BYTES = 24L * 1024 * 1024;
    /** The heap one more job needs: live set 51 MB with 250 jobs, 92-100 MB with 1,000 (scale.sh, GC log). */
    static final long HEAP_PER_JOB_BYTES = 100L * 1024;

    private Capacity() {
    }

    /** Probes a second the jobs ask for: each liveness probe, and each readiness probe where there is one. */
    static double probesPerSecond(List<JobConfig> jobs) {
        double rate = 0;
        for (JobConfig job : jobs) {
            rate += perSecond(job.liveness().interval());
            rate += job.readiness().map(r -> perSecond(r.interval())).orElse(0.0);
        }
        return rate;
    }

    private static double perSecond(Duration interval) {
        return 1e9 / Math.max(1, interval.toNanos());
    }

    /** The heap {@code jobs} jobs need. */
    static long heapFor(int jobs) {
        return BASE_HEAP_BYTES + HEAP_PER_JOB_BYTES * jobs;
    }

    /**
     * Refuses {@code jobs} when their probes exceed {@link #MAX_PROBES_PER_SECOND} or they need more
     * heap than {@code maxHeap} (this JVM's {@code -Xmx}).
     */
    static void check(ConfigNode top, List<JobConfig> jobs, long maxHeap) {
        double rate = probesPerSecond(jobs);
        if (rate > MAX_PROBES_PER_SECOND) {
            throw top.error("jobs", String.format(Locale.ROOT, "%,d jobs ask for %,.0f probes a second; allowed: at "
                    + "most %,.0f on one launchguard (about 0.4 ms of CPU each): probe less often (a liveness "
                    + "interval of %s for all of them) or split the fleet (docs/configuration.md, Limits)",
                    jobs.size(), rate, MAX_PROBES_PER_SECOND, evenInterval(jobs)));
        }
        long need = heapFor(jobs.size());
        if (need > maxHeap) {
            throw top.error("jobs", String.format(Locale.ROOT, "%,d jobs need about %d MB of heap and this JVM has "
                    + "%d MB (-Xmx); allowed: a heap of at least %d MB: start it with a larger -Xmx in "
                    + "LAUNCHGUARD_JAVA_OPTS, or split the fleet (docs/configuration.md, Limits)", jobs.size(),
                    mb(need), mb(maxHeap), mb(need)));
        }
    }

    /** The interval that keeps {@code jobs} liveness probes within the budget, rounded up to whole seconds. */
    private static String evenInterval(List<JobConfig> jobs) {
        long probes = jobs.stream().mapToLong(j -> 1 + (j.readiness().isPresent() ? 1 : 0)).sum();
        return (long) Math.ceil(probes / MAX_PROBES_PER_SECOND) + "s";
    }

    private static long mb(long bytes) {
        return (bytes + 1024 * 1024 - 1) / (1024 * 1024);
    }
}
