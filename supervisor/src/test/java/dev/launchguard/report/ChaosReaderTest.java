package dev.launchguard.report;

import static dev.launchguard.report.Fixtures.MODEL;
import static dev.launchguard.report.Fixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.chaos.CampaignHeader;
import dev.launchguard.chaos.CampaignVerdict;
import dev.launchguard.chaos.ChaosEvent;
import dev.launchguard.chaos.Fault;
import dev.launchguard.chaos.RespawnPhase;
import dev.launchguard.chaos.RespawnPhases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChaosReaderTest {

    private final ReportReader reader = new ReportReader();

    private ChaosRun read(String name) throws Exception {
        return (ChaosRun) reader.read(Fixtures.valid(name));
    }

    @Test
    void readsTheCampaignHeader() throws Exception {
        Path file = Fixtures.valid("chaos-campaign.jsonl");

        ChaosRun run = (ChaosRun) reader.read(file);

        assertThat(run.source()).isEqualTo(file);
        assertThat(run.campaign()).isEqualTo(new CampaignHeader(1, OptionalLong.of(42),
                Instant.parse("2026-11-22T06:00:00Z"), "http://127.0.0.1:9470", List.of(MODEL, WEB),
                List.of(Fault.KILL, Fault.WEDGE, Fault.DEADLOCK, Fault.POISON, Fault.LEAK, Fault.EXIT,
                        Fault.SUPERVISOR_KILL), 10, "random"));
    }

    @Test
    void readsARecoveredEventWithItsPhases() throws Exception {
        ChaosEvent first = read("chaos-campaign.jsonl").events().get(0);

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.label()).isEqualTo(MODEL);
        assertThat(first.fault()).isEqualTo(Fault.KILL);
        assertThat(first.faultAt()).isEqualTo(Instant.parse("2026-11-22T06:00:01.123Z"));
        assertThat(first.oldPid()).isEqualTo(OptionalLong.of(1234));
        assertThat(first.newPid()).isEqualTo(OptionalLong.of(1240));
        assertThat(first.cause()).contains("crash");
        assertThat(first.respawnMillis()).isEqualTo(OptionalDouble.of(812.4));
        assertThat(first.faultToReadyMillis()).isEqualTo(OptionalDouble.of(830.1));
        RespawnPhases phases = first.phases().orElseThrow();
        assertThat(List.of(phases.of(RespawnPhase.DETECTION), phases.of(RespawnPhase.KILL), phases.of(RespawnPhase.SPAWN_WAIT),
                phases.of(RespawnPhase.START_TO_PORT), phases.of(RespawnPhase.PORT_TO_READY)))
                .containsExactly(3.1, 0.0, 5.2, 700.3, 103.8);
        assertThat(first.error()).isEmpty();
    }

    @Test
    void aSupervisorKillHasNoPhasesAndIsASampleOfLaunchguardItself() throws Exception {
        ChaosEvent kill = read("chaos-campaign.jsonl").events().get(7);

        assertThat(kill.fault()).isEqualTo(Fault.SUPERVISOR_KILL);
        assertThat(kill.phases()).isEmpty();
        assertThat(kill.cause()).isEmpty();
        assertThat(Sample.of(kill)).contains(new Sample("launchguard", Optional.of("supervisor-kill"), 2300.0,
                OptionalDouble.of(2310.0), Optional.empty()));
    }

    @Test
    void anEventThatDidNotRecoverHasItsErrorAndNoSample() throws Exception {
        ChaosRun run = read("chaos-campaign.jsonl");

        assertThat(run.unrecovered()).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(9);
            assertThat(e.fault()).isEqualTo(Fault.LEAK);
            assertThat(e.newPid()).isEmpty();
            assertThat(e.respawnMillis()).isEmpty();
            assertThat(e.error()).contains("not READY within 60 s (last seen: RECOVERING)");
            assertThat(Sample.of(e)).isEmpty();
        });
        assertThat(run.events()).hasSize(10);
        assertThat(run.samples()).hasSize(9);
    }

    @Test
    void readsTheVerdict() throws Exception {
        CampaignVerdict verdict = read("chaos-campaign.jsonl").verdict().orElseThrow();

        assertThat(verdict.endedAt()).isEqualTo(Instant.parse("2026-11-22T06:05:30Z"));
        assertThat(verdict.events()).isEqualTo(10);
        assertThat(verdict.recovered()).isEqualTo(9);
        assertThat(verdict.allReady()).isFalse();
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.orphans()).containsExactly(new CampaignVerdict.Stray(WEB, 4242, 0, "node server.js --port 18081"));
        assertThat(verdict.squatters()).isEmpty();
        assertThat(verdict.duplicates()).isEmpty();
        assertThat(verdict.notReady()).isEmpty();
        // this fixture predates the unprovoked restart's oldPid: it reads as 0, unknown
        assertThat(verdict.unprovokedRestarts()).containsExactly(
                new CampaignVerdict.UnprovokedRestart(MODEL, Instant.parse("2026-11-22T06:04:00Z"), "wedge", 0));
    }

    @Test
    void anInterruptedScriptedCampaignHasNoSeedAndNoVerdict() throws Exception {
        ChaosRun run = read("chaos-interrupted.jsonl");

        assertThat(run.campaign().seed()).isEmpty();
        assertThat(run.campaign().order()).isEqualTo("scripted");
        assertThat(run.events()).hasSize(3);
        assertThat(run.verdict()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        // the header carries "host" and event 2 "note": fields a newer writer might add
        ChaosEvent second = read("chaos-campaign.jsonl").events().get(1);

        assertThat(second.label()).isEqualTo(WEB);
        assertThat(second.respawnMillis()).isEqualTo(OptionalDouble.of(45.0));
    }
}
