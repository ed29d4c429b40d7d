package dev.launchguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResultsLogTest {

    private static final Instant AT = Instant.parse("2026-11-22T06:00:01.123Z");

    @Test
    void writesTheCampaignEventsAndVerdictAsOneJsonObjectPerLine() throws Exception {
        StringWriter out = new StringWriter();
        ResultsLog log = new ResultsLog(out);
        FaultPlan plan = FaultPlan.random(42, Map.of("com.example.web", List.of(Fault.KILL)));

        log.campaign(CampaignHeader.of(plan, Instant.parse("2026-11-22T06:00:00Z"), "http://127.0.0.1:9470",
                List.of("com.example.web"), List.of(Fault.KILL, Fault.SUPERVISOR_KILL), 2));
        log.event(new ChaosEvent(1, "com.example.web", Fault.KILL, AT, OptionalLong.of(100), OptionalLong.of(101), true,
                Optional.of("crash"), OptionalDouble.of(812.4004), OptionalDouble.of(830.1),
                Optional.of(RespawnPhases.byKey(Map.of("detection", 3.1, "kill", 0.0, "spawnWait", 5.2, "startToPort",
                        700.3, "portToReady", 103.8))), Optional.empty()));
        log.event(ChaosEvent.failed(2, "launchguard", Fault.SUPERVISOR_KILL, AT, OptionalLong.of(7),
                "launchguard did not come back within 120 s"));
        log.verdict(new CampaignVerdict(Instant.parse("2026-11-22T06:01:00Z"), 2, 1, true,
                List.of(new CampaignVerdict.Stray("com.example.web", 55, 0, "/bin/sleep 600")), List.of(),
                List.of(new CampaignVerdict.Duplicate("com.example.web", List.of(101L, 102L), "python3 -m http.server")),
                List.of(new CampaignVerdict.UnprovokedRestart("com.example.web", AT, "crash: exited 1", 101)),
                List.of(), Duration.ofSeconds(15), List.of(new CampaignVerdict.SlowRespawn(1, "com.example.web",
                        Fault.KILL, Optional.of("crash"), 15000.0004))));

        assertThat(out.toString().split("\n")).containsExactly(
                "{\"record\":\"campaign\",\"version\":1,\"seed\":42,\"startedAt\":\"2026-11-22T06:00:00Z\","
                        + "\"url\":\"http://127.0.0.1:9470\",\"labels\":[\"com.example.web\"],"
                        + "\"faults\":[\"kill\",\"supervisor-kill\"],\"count\":2,\"order\":\"random\"}",
                "{\"record\":\"event\",\"seq\":1,\"label\":\"com.example.web\",\"fault\":\"kill\","
                        + "\"faultAt\":\"2026-11-22T06:00:01.123Z\",\"oldPid\":100,\"newPid\":101,\"recovered\":true,"
                        + "\"cause\":\"crash\",\"respawnMs\":812.4,\"faultToReadyMs\":830.1,\"phasesMs\":{\"detection\":3.1,"
                        + "\"kill\":0.0,\"spawnWait\":5.2,\"startToPort\":700.3,\"portToReady\":103.8},\"error\":null}",
                "{\"record\":\"event\",\"seq\":2,\"label\":\"launchguard\",\"fault\":\"supervisor-kill\","
                        + "\"faultAt\":\"2026-11-22T06:00:01.123Z\",\"oldPid\":7,\"newPid\":null,\"recovered\":false,"
                        + "\"cause\":null,\"respawnMs\":null,\"faultToReadyMs\":null,\"phasesMs\":null,"
                        + "\"error\":\"launchguard did not come back within 120 s\"}",
                "{\"record\":\"verdict\",\"endedAt\":\"2026-11-22T06:01:00Z\",\"events\":2,\"recovered\":1,"
                        + "\"allReady\":true,\"notReady\":[],\"orphans\":[{\"label\":\"com.example.web\",\"pid\":55,"
                        + "\"command\":\"/bin/sleep 600\"}],\"squatters\":[],\"duplicates\":[{\"label\":\"com.example.web\","
                        + "\"pids\":[101,102],\"command\":\"python3 -m http.server\"}],\"unprovokedRestarts\":"
                        + "[{\"label\":\"com.example.web\",\"at\":\"2026-11-22T06:00:01.123Z\",\"cause\":\"crash: exited 1\","
                        + "\"oldPid\":101}],\"targetMs\":15000.0,\"overTarget\":[{\"seq\":1,\"label\":\"com.example.web\","
                        + "\"fault\":\"kill\",\"cause\":\"crash\",\"respawnMs\":15000.0}],\"passed\":false}");
    }

    @Test
    void onlyACleanCampaignPasses() {
        CampaignVerdict clean = verdict(3, 3, true, List.of(), List.of(), List.of());

        assertThat(clean.passed()).isTrue();
        assertThat(clean.headline()).isEqualTo("PASSED");
        assertThat(verdict(3, 2, true, List.of(), List.of(), List.of()).headline())
                .isEqualTo("FAILED: 1 event did not recover");
        assertThat(verdict(3, 3, false, List.of(), List.of(), List.of("a STOPPED")).headline())
                .isEqualTo("FAILED: not every job READY at the end");
        assertThat(verdict(3, 3, true, List.of(new CampaignVerdict.Stray("a", 9, 80, "nc -l 80")), List.of(), List.of())
                .headline()).isEqualTo("FAILED: 1 process left behind");
    }

    @Test
    void aRespawnOverTheTargetFailsTheCampaignAndIsNamed() {
        ChaosEvent fast = recovered(1, "com.example.web", 14_999.9);
        ChaosEvent exactlyOnTarget = recovered(2, "com.example.web", 15_000.0);
        ChaosEvent slow = recovered(3, "com.example.model", 20_000.0);
        ChaosEvent lost = ChaosEvent.failed(4, "com.example.web", Fault.KILL, AT, OptionalLong.of(5), "gone");

        List<CampaignVerdict.SlowRespawn> over = CampaignVerdict.SlowRespawn.of(List.of(fast, exactlyOnTarget, slow, lost),
                Duration.ofSeconds(15));
        CampaignVerdict verdict = verdict(3, 3, true, List.of(), over, List.of());

        assertThat(over).containsExactly(new CampaignVerdict.SlowRespawn(3, "com.example.model", Fault.KILL,
                Optional.of("crash"), 20_000.0));
        assertThat(verdict.recoveredCleanly()).isTrue();
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.headline()).isEqualTo("FAILED: 1 respawn missed the 15 s target");
        assertThat(CampaignSummary.slow(over.get(0))).isEqualTo("event 3: com.example.model kill (crash), respawn 20.00 s");
    }

    @Test
    void aVerdictJudgedAgainstAnotherTargetCountsItsOwnSlowRespawns() {
        List<ChaosEvent> events = List.of(recovered(1, "a", 600.0), recovered(2, "a", 400.0));
        CampaignVerdict verdict = verdict(2, 2, true, List.of(), List.of(), List.of());

        CampaignVerdict strict = verdict.against(Duration.ofMillis(500), events);

        assertThat(strict.target()).isEqualTo(Duration.ofMillis(500));
        assertThat(strict.overTarget()).extracting(CampaignVerdict.SlowRespawn::seq).containsExactly(1);
        assertThat(strict.headline()).isEqualTo("FAILED: 1 respawn missed the 500 ms target");
    }

    @Test
    void aTargetReadsAsItIsWritten() {
        assertThat(CampaignVerdict.targetText(Duration.ofSeconds(15))).isEqualTo("15 s");
        assertThat(CampaignVerdict.targetText(Duration.ofMillis(500))).isEqualTo("500 ms");
        assertThat(CampaignVerdict.targetText(Duration.ofNanos(250_000))).isEqualTo("0.25 ms");
        assertThat(CampaignVerdict.targetText(Duration.ofMillis(2_500))).isEqualTo("2.50 s");
    }

    private static CampaignVerdict verdict(int events, int recovered, boolean allReady,
            List<CampaignVerdict.Stray> squatters, List<CampaignVerdict.SlowRespawn> over, List<String> notReady) {
        return new CampaignVerdict(Instant.parse("2026-11-22T06:01:00Z"), events, recovered, allReady, List.of(), squatters,
                List.of(), List.of(), notReady, Duration.ofSeconds(15), over);
    }

    private static ChaosEvent recovered(int seq, String label, double respawnMillis) {
        return new ChaosEvent(seq, label, Fault.KILL, AT, OptionalLong.of(100), OptionalLong.of(101), true,
                Optional.of("crash"), OptionalDouble.of(respawnMillis), OptionalDouble.of(respawnMillis), Optional.empty(),
                Optional.empty());
    }

    @Test
    void anEventCarriesAnErrorExactlyWhenItDidNotRecover() {
        assertThatThrownBy(() -> new ChaosEvent(3, "a", Fault.KILL, AT, OptionalLong.empty(), OptionalLong.empty(), false,
                Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty()))
                .hasMessage("event 3 must carry an error exactly when it did not recover");
    }

    @Test
    void faultNamesRoundTripAndAnUnknownOneSaysWhatIsAllowed() {
        for (Fault fault : Fault.values()) {
            assertThat(Fault.parse(fault.wireName())).isEqualTo(fault);
        }
        assertThat(Fault.SUPERVISOR_KILL.wireName()).isEqualTo("supervisor-kill");
        assertThat(Fault.WEDGE.signal()).hasValue("STOP");
        assertThat(Fault.LEAK.adminMode()).hasValue("leak");
        assertThat(Fault.KILL_CHILD.wireName()).isEqualTo("kill-child");
        assertThat(Fault.WEDGE_CHILD.signal()).hasValue("STOP");
        assertThat(Fault.WEDGE_CHILD.targetsChild()).isTrue();
        assertThat(Fault.WEDGE.targetsChild()).isFalse();
        assertThat(Fault.jobFaults()).doesNotContain(Fault.SUPERVISOR_KILL).hasSize(8);
        assertThatThrownBy(() -> Fault.parse("sigkill")).hasMessage("fault 'sigkill' is unknown: one of kill, wedge, "
                + "kill-child, wedge-child, deadlock, poison, leak, exit, supervisor-kill");
    }
}
