package dev.launchguard.daemon;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.probe.ProbeRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.health.HealthState;
import dev.launchguard.probe.Outcome;
import dev.launchguard.recovery.RestartReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample model server (a real model, a real JVM) supervised by a real launchguard on the
 * embedded engine, with the demo configuration's probes and every other policy at its default:
 * killed, stopped, deadlocked, and slow to load.
 */
class ModelServerRecoveryIT {

    /** Generous: the host's two cores are shared, and a model server JVM needs seconds to start. */
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Fleet fleet;
    private final String model = Fleet.label("model");
    private final int port = Fleet.freePort();

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private JobView startModel(int warmup) {
        fleet = new Fleet(dir);
        fleet.add(fleet.modelServer(model, port, warmup), Fleet.modelProbes(port));
        fleet.start();
        await().atMost(START).until(() -> fleet.view(model).state() == HealthState.READY);
        return fleet.view(model);
    }

    private JobView awaitRespawned() {
        await().atMost(START).until(() -> fleet.view(model).respawns().size() == 1
                && fleet.view(model).state() == HealthState.READY);
        return fleet.view(model);
    }

    @Test
    void killedModelServerComesBackReadyWithItsRespawnMeasuredInParts() {
        long old = startModel(0).pid().orElseThrow();

        Fleet.signal(old, "KILL");

        JobView view = awaitRespawned();
        RespawnRecord respawn = view.respawns().get(0);
        assertThat(respawn.cause()).isEqualTo(RestartReason.CRASH);
        assertThat(respawn.oldPid()).hasValue(old);
        assertThat(respawn.newPid()).isEqualTo(view.pid());
        assertThat(view.pid().orElseThrow()).isNotEqualTo(old);
        assertThat(respawn.total()).isPositive();
        // A crash is an event: nothing to detect, nothing to kill.
        assertThat(respawn.detection()).isZero();
        assertThat(respawn.kill()).isZero();
        // The JVM starts before it binds its port, and the model loads after the port opens.
        assertThat(respawn.startToPort()).isPositive();
        assertThat(respawn.portToReady()).isPositive();
        assertThat(partsAfterVerdict(respawn)).isBetween(respawn.total(), respawn.total().plusMillis(50));
        assertThat(view.restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.CRASH);
            assertThat(r.oldPid()).hasValue(old);
            assertThat(r.evidence()).contains("process " + old).contains("signal 9");
        });
        assertThat(fleet.scrape())
                .contains("launchguard_restarts_total{label=\"" + model + "\",reason=\"crash\"} 1.0")
                .contains("launchguard_respawn_duration_seconds_count{label=\"" + model + "\"} 1")
                .contains("launchguard_job_up{label=\"" + model + "\"} 1.0");
        assertThat(Fleet.tagged(model)).singleElement().satisfies(p -> assertThat(p.pid()).isEqualTo(view.pid().orElseThrow()));
    }

    @Test
    void stoppedModelServerIsJudgedWedgedFromItsStateKilledAndReplaced() {
        long old = startModel(0).pid().orElseThrow();

        Fleet.signal(old, "STOP");

        JobView view = awaitRespawned();
        assertThat(view.restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.oldPid()).hasValue(old);
            assertThat(r.evidence()).startsWith("process " + old + " is stopped (state T)");
        });
        RespawnRecord respawn = view.respawns().get(0);
        assertThat(respawn.cause()).isEqualTo(RestartReason.WEDGE);
        assertThat(respawn.total()).isPositive();
        assertThat(partsAfterVerdict(respawn)).isBetween(respawn.total(), respawn.total().plusMillis(50));
        assertThat(view.pid().orElseThrow()).isNotEqualTo(old);
        assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false)).as("stopped instance killed").isFalse();
        assertThat(Fleet.tagged(model)).singleElement().satisfies(p -> assertThat(p.stopped()).isFalse());
        assertThat(fleet.scrape())
                .contains("launchguard_restarts_total{label=\"" + model + "\",reason=\"wedge\"} 1.0")
                .contains("launchguard_wedge_detection_seconds_count{label=\"" + model + "\"} 1");
    }

    @Test
    void deadlockedInferenceIsJudgedFromNoCpuProgressAndRecovered() throws Exception {
        long old = startModel(0).pid().orElseThrow();

        Fleet.fault(port, "deadlock");

        JobView view = awaitRespawned();
        assertThat(view.restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.oldPid()).hasValue(old);
            assertThat(r.evidence()).contains("no CPU progress across 3 liveness failures").endsWith("deadlocked");
        });
        assertThat(view.pid().orElseThrow()).isNotEqualTo(old);
        assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        // The new instance serves inferences again: the deadlock went with the old process.
        assertThat(Fleet.post("http://127.0.0.1:" + port + "/v1/embeddings",
                "{\"model\":\"" + Fleet.MODEL + "\",\"input\":\"after\"}", Duration.ofSeconds(10)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void modelStillLoadingIsNeverRestartedAndBecomesReady() {
        fleet = new Fleet(dir);
        // About 12-13 s of warmup on the reference machine; ready answers 503 throughout, and so does
        // the liveness inference, which would restart the model if the startup probe did not gate it.
        fleet.add(fleet.modelServer(model, port, 200), Fleet.modelProbes(port));
        fleet.start();
        Set<Long> pids = ConcurrentHashMap.newKeySet();
        Set<Outcome> startupOutcomes = ConcurrentHashMap.newKeySet();

        await().atMost(START).pollInterval(Duration.ofMillis(100)).until(() -> {
            JobView v = fleet.view(model);
            v.pid().ifPresent(pids::add);
            assertThat(v.state()).as("state while loading").isIn(HealthState.STOPPED, HealthState.STARTING,
                    HealthState.READY);
            ProbeView gate = v.lastProbes().get(ProbeRole.READINESS);
            if (gate != null && v.state() == HealthState.STARTING) {
                startupOutcomes.add(gate.outcome());
            }
            return v.state() == HealthState.READY;
        });

        JobView view = fleet.view(model);
        assertThat(startupOutcomes).as("the warming model was probed and answered not ready").contains(Outcome.DOWN);
        assertThat(pids).as("one instance from start to ready").containsExactly(view.pid().orElseThrow());
        assertThat(view.restarts()).isEmpty();
        assertThat(fleet.scrape())
                .contains("launchguard_restarts_total{label=\"" + model + "\",reason=\"crash\"} 0.0")
                .contains("launchguard_restarts_total{label=\"" + model + "\",reason=\"wedge\"} 0.0");
    }

    /** Kill, spawn wait, start to port and port to ready: the stretch from verdict (or exit) to ready. */
    private static Duration partsAfterVerdict(RespawnRecord r) {
        return r.kill().plus(r.spawnWait()).plus(r.startToPort()).plus(r.portToReady());
    }
}
