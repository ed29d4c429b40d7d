package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.client.ApiClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One chaos campaign against a running launchguard: inject each fault of the plan into a fleet
 * that is all READY, wait (bounded) until launchguard reports the job READY with a new instance,
 * record the event, and account for every restart. Runs on the caller's thread; the only pauses
 * are bounded polls of the API and the rate bound between faults.
 */
final class CampaignRun {

    /** How often the API is asked whether a job has recovered: well under a fast recovery's probe cadence. */
    private static final Duration POLL = Duration.ofMillis(50);
    /** A SIGKILLed process is gone within milliseconds; longer means it is not the process we think. */
    private static final Duration DEATH_BOUND = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUARANTINED = "QUARANTINED";
    private static final String QUARANTINE_HINT = Campaign.QUARANTINE_HINT;

    private final ApiClient api;
    private final Campaign.Settings settings;
    private final Map<String, Integer> adminPorts;
    private final Map<String, List<Integer>> childPorts;
    private final ServingChild servingChild;
    private final LaunchguardLife launchguard;
    private final ResultsLog log;
    private final Progress progress;
    private final RestartLedger ledger = new RestartLedger();
    private final List<ChaosEvent> events = new ArrayList<>();
    private volatile boolean stopping;
    private final HttpClient http = AdminPorts.client();

    /** {@code targets}: the model servers' admin ports and the ports of the jobs that serve from a child. */
    CampaignRun(ApiClient api, Campaign.Settings settings, CampaignTargets targets, ServingChild servingChild,
            LaunchguardLife launchguard, ResultsLog log, Progress progress) {
        this.api = api;
        this.settings = settings;
        this.adminPorts = targets.adminPorts();
        this.childPorts = targets.childPorts();
        this.servingChild = servingChild;
        this.launchguard = launchguard;
        this.log = log;
        this.progress = progress;
    }

    /** Runs the plan until its count or duration; returns the final verdict (already written to the log). */
    CampaignVerdict run(FaultPlan plan) throws IOException, InterruptedException {
        ledger.baseline(jobs());
        long end = System.nanoTime() + settings.duration().toNanos();
        int recovered = 0;
        for (int seq = 1; seq <= settings.count() && System.nanoTime() < end && !stopping; seq++) {
            long nextAt = System.nanoTime() + settings.interval().toNanos();
            FaultPlan.Step step = plan.next();
            ChaosEvent event = step.fault().targetsLaunchguard() ? launchguardEvent(seq) : jobEvent(seq, step);
            log.event(event);
            events.add(event);
            recovered += event.recovered() ? 1 : 0;
            progress.event(event);
            if (event.error().filter(m -> m.contains(QUARANTINE_HINT)).isPresent()) {
                // Every later fault would wait on a job that no longer runs: stop here.
                break;
            }
            long wait = nextAt - System.nanoTime();
            if (wait > 0 && seq < settings.count() && !stopping) {
                // The rate bound: faults no closer together than --interval.
                Thread.sleep(Duration.ofNanos(wait).toMillis());
            }
        }
        progress.done();
        CampaignVerdict verdict = new CampaignCheck(api, settings.eventTimeout()).verdict(events.size(), recovered,
                ledger.unprovoked(), settings.target(), CampaignVerdict.SlowRespawn.of(events, settings.target()));
        log.verdict(verdict);
        return verdict;
    }

    /**
     * Asks the campaign to inject no further fault: the event under way finishes, then the final
     * check runs and the verdict is written. Safe from any thread (a Ctrl-C hook).
     */
    void stop() {
        stopping = true;
    }

    /** The events so far, in order. */
    List<ChaosEvent> events() {
        return List.copyOf(events);
    }

    private ChaosEvent jobEvent(int seq, FaultPlan.Step step) throws IOException, InterruptedException {
        String label = step.label();
        Optional<String> notReady = awaitAllReady();
        if (notReady.isPresent()) {
            return ChaosEvent.failed(seq, label, step.fault(), Instant.now(), OptionalLong.empty(),
                    "the fleet was not READY before the fault: " + notReady.get());
        }
        JsonNode job;
        try {
            job = job(label);
        } catch (IOException e) {
            return ChaosEvent.failed(seq, label, step.fault(), Instant.now(), OptionalLong.empty(), e.getMessage());
        }
        if (!job.path("pid").isNumber()) {
            return ChaosEvent.failed(seq, label, step.fault(), Instant.now(), OptionalLong.empty(),
                    "job has no running process (state " + job.path("state").asText() + ")");
        }
        long pid = job.path("pid").asLong();
        Instant faultAt = Instant.now();
        Optional<String> failure = inject(step, pid);
        if (failure.isPresent()) {
            return ChaosEvent.failed(seq, label, step.fault(), faultAt, OptionalLong.of(pid), failure.get());
        }
        ChaosEvent event = awaitRespawn(seq, step, pid, faultAt);
        try {
            ledger.account(jobs(), label, OptionalLong.of(pid));
        } catch (IOException e) {
            // Accounted at the next look: the restarts stay in launchguard's history.
        }
        return event;
    }

    private Optional<String> inject(FaultPlan.Step step, long pid) throws IOException, InterruptedException {
        Fault fault = step.fault();
        if (fault.targetsChild()) {
            List<Integer> ports = childPorts.get(step.label());
            if (ports == null) {
                return Optional.of("job '" + step.label() + "' does not serve from a child of its main process");
            }
            OptionalLong child = servingChild.of(pid, ports);
            if (child.isEmpty()) {
                return Optional.of("job '" + step.label() + "' pid " + pid + " has no child listening on " + ports);
            }
            return ProcessSignals.send(child.getAsLong(), fault.signal().get());
        }
        if (fault.signal().isPresent()) {
            return ProcessSignals.send(pid, fault.signal().get());
        }
        Integer port = adminPorts.get(step.label());
        if (port == null) {
            return Optional.of("job '" + step.label() + "' is not a sample model server with --chaos");
        }
        String body = fault == Fault.EXIT ? "{\"mode\":\"exit\",\"code\":3}" : "{\"mode\":\"" + fault.adminMode().get() + "\"}";
        return AdminPorts.post(http, port, body);
    }

    private ChaosEvent awaitRespawn(int seq, FaultPlan.Step step, long pid, Instant faultAt)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.eventTimeout().toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode job = job(step.label());
                last = job.path("state").asText();
                Optional<Respawn> respawn = Respawn.replacing(job, pid);
                if ("READY".equals(last) && respawn.isPresent()) {
                    return recovered(seq, step, pid, faultAt, respawn.get());
                }
                if (QUARANTINED.equals(last)) {
                    return ChaosEvent.failed(seq, step.label(), step.fault(), faultAt, OptionalLong.of(pid),
                            "job QUARANTINED: " + QUARANTINE_HINT);
                }
            } catch (IOException e) {
                last = "launchguard did not answer: " + e.getMessage();
            }
            Thread.sleep(POLL.toMillis());
        }
        return ChaosEvent.failed(seq, step.label(), step.fault(), faultAt, OptionalLong.of(pid),
                "not READY with a new instance within " + settings.eventTimeout().toSeconds() + " s (last seen: " + last + ")");
    }

    private static ChaosEvent recovered(int seq, FaultPlan.Step step, long pid, Instant faultAt, Respawn respawn) {
        return new ChaosEvent(seq, step.label(), step.fault(), faultAt, OptionalLong.of(pid),
                OptionalLong.of(respawn.newPid()), true, Optional.of(respawn.cause()),
                OptionalDouble.of(respawn.totalMillis()), OptionalDouble.of(respawn.faultToReadyMillis(faultAt)),
                Optional.of(respawn.phases()), Optional.empty());
    }

    /** SIGKILL of launchguard: it must come back (restarted by the keeper or by launchd) and adopt every job. */
    private ChaosEvent launchguardEvent(int seq) throws IOException, InterruptedException {
        Fault fault = Fault.SUPERVISOR_KILL;
        Optional<String> notReady = awaitAllReady();
        if (notReady.isPresent()) {
            return ChaosEvent.failed(seq, FaultPlan.LAUNCHGUARD, fault, Instant.now(), OptionalLong.empty(),
                    "the fleet was not READY before the fault: " + notReady.get());
        }
        Map<String, Long> before;
        try {
            before = pids(jobs());
        } catch (IOException e) {
            return ChaosEvent.failed(seq, FaultPlan.LAUNCHGUARD, fault, Instant.now(), OptionalLong.empty(), e.getMessage());
        }
        LaunchguardLife.Killed killed;
        try {
            killed = launchguard.kill(DEATH_BOUND);
        } catch (IOException e) {
            return ChaosEvent.failed(seq, FaultPlan.LAUNCHGUARD, fault, Instant.now(), OptionalLong.empty(), e.getMessage());
        }
        long deadline = System.nanoTime() + settings.eventTimeout().toNanos();
        OptionalLong newPid = OptionalLong.empty();
        while (System.nanoTime() < deadline) {
            newPid = launchguard.runningOtherThan(killed.pid());
            if (newPid.isPresent() && awaitAllReadyOnce().isEmpty()) {
                double took = Duration.between(killed.at(), Instant.now()).toNanos() / 1_000_000.0;
                adopted(before);
                return new ChaosEvent(seq, FaultPlan.LAUNCHGUARD, fault, killed.at(), OptionalLong.of(killed.pid()),
                        newPid, true, Optional.empty(), OptionalDouble.of(took), OptionalDouble.of(took), Optional.empty(),
                        Optional.empty());
            }
            Thread.sleep(POLL.toMillis());
        }
        return ChaosEvent.failed(seq, FaultPlan.LAUNCHGUARD, fault, killed.at(), OptionalLong.of(killed.pid()),
                newPid.isEmpty() ? "launchguard did not come back within " + settings.eventTimeout().toSeconds() + " s"
                        : "launchguard came back (pid " + newPid.getAsLong() + ") but the fleet was not READY within "
                                + settings.eventTimeout().toSeconds() + " s");
    }

    /** After launchguard came back: every job keeps its instance; a changed PID is a restart no fault explains. */
    private void adopted(Map<String, Long> before) throws IOException {
        JsonNode jobs = jobs();
        Map<String, Long> after = pids(jobs);
        before.forEach((label, pid) -> {
            Long now = after.get(label);
            if (!pid.equals(now)) {
                ledger.unprovoked(new CampaignVerdict.UnprovokedRestart(label, Instant.now(),
                        "not adopted after launchguard restarted: pid " + pid + " became " + (now == null ? "none" : now),
                        pid));
            }
        });
        // The new launchguard starts a new history; everything in it from here on needs a cause.
        ledger.baseline(jobs);
    }

    private static Map<String, Long> pids(JsonNode jobs) {
        Map<String, Long> pids = new HashMap<>();
        jobs.path("jobs").forEach(j -> pids.put(j.path("label").asText(), j.path("pid").asLong(0)));
        return pids;
    }

    /** Empty once every job is READY; else what was not, after the event timeout. */
    private Optional<String> awaitAllReady() throws InterruptedException {
        long deadline = System.nanoTime() + settings.eventTimeout().toNanos();
        Optional<String> notReady = awaitAllReadyOnce();
        while (notReady.isPresent() && !notReady.get().contains(QUARANTINE_HINT) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            notReady = awaitAllReadyOnce();
        }
        return notReady;
    }

    private Optional<String> awaitAllReadyOnce() {
        try {
            List<String> waiting = new ArrayList<>();
            jobs().path("jobs").forEach(j -> {
                String state = j.path("state").asText();
                if (!"READY".equals(state)) {
                    waiting.add(j.path("label").asText() + " " + state
                            + (QUARANTINED.equals(state) ? " (" + QUARANTINE_HINT + ")" : ""));
                }
            });
            return waiting.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", waiting));
        } catch (IOException e) {
            return Optional.of("launchguard did not answer: " + e.getMessage());
        }
    }

    private JsonNode jobs() throws IOException {
        return get("/api/v1/jobs");
    }

    private JsonNode job(String label) throws IOException {
        return get("/api/v1/jobs/" + label);
    }

    private JsonNode get(String path) throws IOException {
        try {
            ApiClient.Reply reply = api.get(path);
            if (!reply.ok()) {
                throw new IOException(api.base() + path + " answered " + reply.status() + ": " + reply.error());
            }
            return JSON.readTree(reply.body());
        } catch (ApiClient.UnreachableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
