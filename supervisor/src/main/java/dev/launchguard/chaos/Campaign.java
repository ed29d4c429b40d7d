package dev.launchguard.chaos;

import dev.launchguard.client.ApiClient;
import dev.launchguard.process.ProcessTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A chaos campaign against one running launchguard, built from its targets and settings and run
 * once: the results log, launchguard's own life (and its keeper, when the campaign restarts it) and
 * the run are made here. The campaign runs on the caller's thread; a shutdown hook (Ctrl-C,
 * SIGTERM) only asks it to stop after the event under way.
 */
public final class Campaign {

    /** What a campaign against the storm guard's defaults runs into, and what to do about it. */
    public static final String QUARANTINE_HINT = "launchguard's storm guard quarantined it, as it should after that many "
            + "restarts; a campaign needs a storm.maxRestarts above its own fault rate (launchguard demo --restart-limit N)";

    /**
     * The campaign's bounds: how many faults, for how long, how far apart, how long one recovery may
     * take; and the respawn target each recovery is judged against.
     */
    public record Settings(int count, Duration duration, Duration interval, Duration eventTimeout, Duration target) {
    }

    private final ApiClient api;
    private final Settings settings;
    private final CampaignTargets targets;
    private final Optional<LaunchguardKeeper> keeper;
    private final LaunchguardLife life;
    private List<ChaosEvent> events = List.of();

    /**
     * @param stateDir the targeted launchguard's state folder (its runtime file, its log)
     * @param url the API URL the campaign targets, which the runtime file must name before launchguard is killed
     * @param restartLaunchguard whether the campaign itself starts launchguard again after killing it
     */
    public Campaign(ApiClient api, Settings settings, CampaignTargets targets, Path stateDir, URI url,
            boolean restartLaunchguard) {
        this.api = api;
        this.settings = settings;
        this.targets = targets;
        this.keeper = restartLaunchguard
                ? Optional.of(new LaunchguardKeeper(stateDir.resolve("logs").resolve("launchguard.log")))
                : Optional.empty();
        this.life = new LaunchguardLife(stateDir, url, keeper);
    }

    /**
     * Runs the plan, writing the results to {@code out} as it goes, and returns the verdict (the last
     * line of the results). {@code faults} are the faults asked for, as the header records them;
     * progress goes to {@code err}, as a bar when it is a terminal.
     */
    public CampaignVerdict run(FaultPlan plan, List<Fault> faults, Path out, PrintWriter err, boolean terminal)
            throws IOException, InterruptedException {
        try (ResultsLog log = new ResultsLog(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            log.campaign(CampaignHeader.of(plan, Instant.now(), api.base().toString(),
                    List.copyOf(targets.faults().keySet()), faults, settings.count()));
            CampaignRun run = new CampaignRun(api, settings, targets, new ServingChild(new ProcessTable()), life, log,
                    new Progress(err, settings.count(), terminal));
            try {
                return runUntilInterrupted(run, plan);
            } finally {
                events = run.events();
            }
        }
    }

    /** The events of the run, in order; empty before it. */
    public List<ChaosEvent> events() {
        return events;
    }

    /** Where the output of a launchguard the campaign restarted went, when it restarts launchguard itself. */
    public Optional<Path> keeperLog() {
        return keeper.map(LaunchguardKeeper::log);
    }

    /**
     * Runs the campaign; Ctrl-C or SIGTERM stops it after the event under way and still writes the
     * final check's verdict (the JVM waits for the hook, which waits for the campaign, bounded).
     */
    private CampaignVerdict runUntilInterrupted(CampaignRun run, FaultPlan plan) throws IOException, InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Duration bound = settings.eventTimeout().multipliedBy(3);
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "campaign-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.run(plan);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and returns now that the latch is open.
            }
        }
    }
}
