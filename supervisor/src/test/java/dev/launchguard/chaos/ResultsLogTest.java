package dev.launchguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
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
                List.of()));

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
                        + "\"oldPid\":101}],\"passed\":false}");
    }

    @Test
    void onlyACleanCampaignPasses() {
        Instant end = Instant.parse("2026-11-22T06:01:00Z");
        CampaignVerdict clean = new CampaignVerdict(end, 3, 3, true, List.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(clean.passed()).isTrue();
        assertThat(new CampaignVerdict(end, 3, 2, true, List.of(), List.of(), List.of(), List.of(), List.of()).passed()).isFalse();
        assertThat(new CampaignVerdict(end, 3, 3, false, List.of(), List.of(), List.of(), List.of(), List.of("a STOPPED")).passed())
                .isFalse();
        assertThat(new CampaignVerdict(end, 3, 3, true, List.of(), List.of(new CampaignVerdict.Stray("a", 9, 80, "nc -l 80")), List.of(),
                List.of(), List.of()).passed()).isFalse();
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
