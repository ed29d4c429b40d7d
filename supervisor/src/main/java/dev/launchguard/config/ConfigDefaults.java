package dev.launchguard.config;

import java.time.Duration;

/**
 * Every default of {@code launchguard.yaml}, in one place, with the reason for each. The few that
 * {@code adopt} needs to know which values it may leave out of a proposed file are public.
 */
public final class ConfigDefaults {

    private ConfigDefaults() {
    }

    /** Loopback only: the API can kickstart jobs, so it is never exposed unless asked. */
    static final String LISTEN_HOST = "127.0.0.1";
    static final int LISTEN_PORT = 9470;

    /**
     * Liveness every 500 ms with a 300 ms deadline: a stopped process is seen on the first failed
     * attempt (its state is T), so a SIGSTOP is judged within ~0.8 s; a deadlock needs
     * {@link #LIVENESS_FAILURES} failures with no CPU progress.
     */
    static final Duration LIVENESS_INTERVAL = Duration.ofMillis(500);
    public static final Duration LIVENESS_TIMEOUT = Duration.ofMillis(300);
    static final int LIVENESS_FAILURES = 3;

    static final Duration READINESS_INTERVAL = Duration.ofSeconds(1);
    static final Duration READINESS_TIMEOUT = Duration.ofMillis(500);
    static final int READINESS_FAILURES = 2;

    /** Startup probes poll quickly so "ready" is seen soon after it happens. */
    static final Duration STARTUP_INTERVAL = Duration.ofMillis(250);
    static final Duration STARTUP_TIMEOUT = Duration.ofMillis(200);
    /** A large model can take minutes to load; progress evidence extends nothing beyond this. */
    public static final Duration STARTUP_BUDGET = Duration.ofMinutes(2);

    static final int SUCCESSES = 1;

    /** Tens of ms: the respawn target is measured from the first ready answer. */
    static final Duration FAST_INTERVAL = Duration.ofMillis(25);
    static final Duration READY_BUDGET = Duration.ofMinutes(2);
    /**
     * A saturated server gets this long to answer liveness again before it is judged wedged. Long
     * enough to ride out a minute of full load (a batch job, a traffic spike) without a restart,
     * which is what tight Kubernetes and monit settings get wrong; still bounded, so a livelock ends.
     */
    static final Duration OVERLOAD_GRACE = Duration.ofMinutes(2);

    /** Five restarts in ten minutes is a crash loop, not bad luck. */
    static final int STORM_MAX_RESTARTS = 5;
    static final Duration STORM_WINDOW = Duration.ofMinutes(10);
    static final Duration STORM_BACKOFF = Duration.ofMinutes(5);

    /** Ten restarts a minute across all jobs: beyond that the fault is shared (GPU, memory). */
    static final int HOST_RESTARTS = 10;
    static final Duration HOST_WINDOW = Duration.ofMinutes(1);

    /**
     * A request's head and body arrive within 10 s or it is answered 408: a local client sends both
     * in milliseconds, and a slow sender (one header byte every 2 s) cannot hold a descriptor.
     */
    static final Duration API_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static final String STATE_DIR = ".launchguard";
    static final String TOKEN_FILE = "token";

    /** Drift and uptime every ten minutes, as the launchd plists run them (StartInterval 600). */
    static final Duration WATCH_INTERVAL = Duration.ofMinutes(10);
    /**
     * A process-table scan costs 50-130 ms of CPU (docs/watchers.md, benchmark), so once a minute:
     * an orphan holding memory or a port is seen within a minute, at well under 1% of a core.
     */
    static final Duration STRAYS_INTERVAL = Duration.ofMinutes(1);
    /** Gatus's thresholds: three failures in a row is a problem, two successes in a row is a fix. */
    static final int ALERT_FAILURES = 3;
    static final int ALERT_SUCCESSES = 2;
    /** Five attempts 1, 2, 4 and 8 s apart ride out a receiver's restart of about fifteen seconds. */
    static final int WEBHOOK_ATTEMPTS = 5;
    static final Duration WEBHOOK_BACKOFF = Duration.ofSeconds(1);
    static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(5);
    /** osascript or curl finish in well under a second; a hung hook is killed after this. */
    static final Duration ALERT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Alertmanager resolves an alert whose {@code endsAt} has passed, so a firing alert is sent again
     * this often; once a minute is Prometheus's own resend delay ({@code --rules.alert.resend-delay}).
     */
    static final Duration ALERTMANAGER_REPEAT = Duration.ofMinutes(1);
    /** Below this the re-sends of firing alerts would be traffic, not a heartbeat. */
    static final Duration ALERTMANAGER_MIN_REPEAT = Duration.ofSeconds(1);
    /** An HA pair is two, a three-node cluster three; more is a wrong list. */
    static final int ALERTMANAGER_MAX_URLS = 10;
    /** Where each alert's {@code runbook_url} points, an anchor per alert appended: the runbook in the repository. */
    static final String ALERTMANAGER_RUNBOOK = "docs/operations.md";

    // Limits. A file beyond one is refused in one line before it can cost memory or time, at start and
    // at a reload alike (the daemon's heap is 64 MB: docs/operations.md).

    /**
     * One launchguard watches at most this many jobs: ten times the largest fleet measured (100 jobs,
     * docs/benchmarks.md). A job costs about 60 KB of heap (live set 13 MB at 50 jobs, 16 MB at 100),
     * so a fleet of several hundred needs a larger {@code -Xmx}; 5,000 jobs ran the 64 MB heap out
     * of memory at start and at a reload, and at the default intervals would be 10,000 probes a second.
     */
    static final int MAX_JOBS = 1_000;
    /**
     * 1,000 jobs with every key written out are 1.1 MB of YAML (ConfigLimitsTest); the file is read
     * whole into memory, so about four times that and no more.
     */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    /**
     * SnakeYAML's scanner copies its buffer every 1,024 characters of a token, so one long line costs
     * time in the square of its length (a 4 MB one-line value: 15 to 24 s of a core with the daemon's
     * JVM options, ConfigLimitsTiming). Lines are checked before the scanner sees them; at this length
     * one costs milliseconds. A URL, a probe body or a drift check's expected text fit many times over.
     */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** A value spread over lines (a block scalar) is held to the same length as one on a single line. */
    static final int MAX_VALUE_CHARS = 64 * 1024;
    /**
     * launchguard.yaml nests 4 levels deep ({@code jobs[0].liveness.http}); 32 leaves room for the
     * application files a drift {@code config} check reads, and stops a deep nest while it is parsed.
     */
    static final int MAX_DEPTH = 32;
    /**
     * Keys, values, lists and mappings in one file: a job written out in full is 99, so 1,000 such
     * jobs fit twice over, and the parsed tree stays a few megabytes.
     */
    static final int MAX_TOKENS = 200_000;
    /** The longest duration anywhere: a year (see {@link dev.launchguard.duration.DurationSyntax#MAX}). */
    static final Duration MAX_DURATION = dev.launchguard.duration.DurationSyntax.MAX;

    /**
     * Half a second: a wedged job's kill waits for its snapshot, and jcmd's Thread.print answers
     * in about 250 ms here; a slower tool is cut and the kill goes ahead.
     */
    static final Duration SNAPSHOT_BUDGET = Duration.ofMillis(500);
    /** Twenty restarts' evidence per job: a restart loop keeps its latest, not its first. */
    static final int SNAPSHOT_KEEP = 20;
    /** 256 KiB holds a thread dump of a few hundred threads and two 16 KiB log tails. */
    static final int SNAPSHOT_MAX_BYTES = 256 * 1024;
    static final int SNAPSHOT_MAX_JOB_BYTES = 4 * 1024 * 1024;
}
