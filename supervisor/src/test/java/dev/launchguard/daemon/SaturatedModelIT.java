package dev.launchguard.daemon;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.probe.ProbeRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.launchguard.health.HealthState;
import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.probe.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The case tight Kubernetes and monit settings get wrong: a model server pinned at full CPU by real
 * inference traffic for a minute, its liveness inference slow, must not be restarted at the
 * default policy (the demo configuration's probes, everything else default).
 */
class SaturatedModelIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration SATURATION = Duration.ofSeconds(60);
    /** Clients: enough queued batches that a probe waits behind several of them, on two inference threads. */
    private static final int CLIENTS = 8;
    private static final int TEXTS_PER_REQUEST = 32;

    @TempDir
    Path dir;

    private Fleet fleet;
    private final String model = Fleet.label("busy");
    private final int port = Fleet.freePort();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final Logger watcherLog = (Logger) LoggerFactory.getLogger("dev.launchguard.supervisor.JobWatcher");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @AfterEach
    void stop() throws InterruptedException {
        watcherLog.detachAppender(logged);
        loading.set(false);
        clients.shutdownNow();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).as("load clients stopped").isTrue();
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void modelSaturatedForAMinuteWithItsLivenessSlowIsNeverRestarted() {
        logged.start();
        watcherLog.addAppender(logged);
        fleet = new Fleet(dir);
        fleet.add(fleet.modelServer(model, port, 0), Fleet.modelProbes(port));
        fleet.start();
        await().atMost(START).until(() -> fleet.view(model).state() == HealthState.READY);
        long pid = fleet.view(model).pid().orElseThrow();

        ProcessTable processes = new ProcessTable(System::nanoTime);
        ProcessSample before = sample(processes, pid);
        AtomicLong served = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        for (int i = 0; i < CLIENTS; i++) {
            clients.execute(() -> drive(served, failed));
        }
        Set<HealthState> states = ConcurrentHashMap.newKeySet();
        Set<Outcome> liveness = ConcurrentHashMap.newKeySet();
        AtomicLong longestFailureRun = new AtomicLong();
        await().during(SATURATION).atMost(SATURATION.plusSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JobView v = fleet.view(model);
            states.add(v.state());
            ProbeView live = v.lastProbes().get(ProbeRole.LIVENESS);
            if (live != null) {
                liveness.add(live.outcome());
                longestFailureRun.accumulateAndGet(live.consecutiveFailures(), Math::max);
            }
            return v.restarts().isEmpty() && v.state() != HealthState.WEDGED && v.state() != HealthState.RECOVERING;
        });
        ProcessSample during = sample(processes, pid);
        loading.set(false);

        // The load was real: the model's process tree used at least half a core over the minute
        // (about a full core on an idle 2-core host). Whether the liveness probe then times out, and
        // how often in a row, depends on the host, so those are checked only where they happened.
        assertThat(during.cpuShareSince(before)).as("CPU share of the model server under load").isGreaterThan(0.5);
        assertThat(states).doesNotContain(HealthState.WEDGED, HealthState.RECOVERING, HealthState.CRASHED);
        if (liveness.contains(Outcome.TIMEOUT)) {
            assertThat(states).as("a liveness timeout made the job suspect, nothing more").contains(HealthState.SUSPECT);
        }
        // How many failures in a row the load causes depends on the host; once they reach the
        // threshold, the verdict must have read the busy CPU and given grace rather than a restart.
        if (longestFailureRun.get() >= 3) {
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).as("the verdict read the busy CPU")
                    .anySatisfy(m -> assertThat(m).startsWith("Liveness failing but process busy, giving grace")
                            .contains("job=" + model));
        }
        assertThat(served.get()).as("inferences served under load").isPositive();
        assertThat(failed.get()).as("load requests that failed").isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view(model).state() == HealthState.READY);
        JobView after = fleet.view(model);
        assertThat(after.restarts()).isEmpty();
        assertThat(after.pid()).hasValue(pid);
        assertThat(fleet.scrape())
                .contains("launchguard_restarts_total{label=\"" + model + "\",reason=\"crash\"} 0.0")
                .contains("launchguard_restarts_total{label=\"" + model + "\",reason=\"wedge\"} 0.0");
    }

    /** One client: batches of real sentences back to back until the run ends. Loopback only. */
    private static ProcessSample sample(ProcessTable processes, long pid) {
        ProcessEvidence.Sample sample = processes.sample(pid);
        assertThat(sample).as("the model's process tree, read").isInstanceOf(ProcessEvidence.Alive.class);
        return ((ProcessEvidence.Alive) sample).sample();
    }

    private void drive(AtomicLong served, AtomicLong failed) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS_PER_REQUEST; i++) {
            texts.add("\"sentence " + i + " about a cat that sat on the mat while the dog slept by the fire\"");
        }
        String body = "{\"model\":\"" + Fleet.MODEL + "\",\"input\":[" + String.join(",", texts) + "]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/embeddings"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        while (loading.get() && !Thread.currentThread().isInterrupted()) {
            try {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                (r.statusCode() == 200 ? served : failed).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                if (loading.get()) {
                    failed.incrementAndGet();
                }
            }
        }
    }
}
