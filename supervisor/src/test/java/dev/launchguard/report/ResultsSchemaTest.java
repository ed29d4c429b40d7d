package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.chaos.CampaignHeader;
import dev.launchguard.chaos.CampaignVerdict;
import dev.launchguard.chaos.ChaosEvent;
import dev.launchguard.chaos.Fault;
import dev.launchguard.chaos.FaultPlan;
import dev.launchguard.chaos.ResultsLog;
import dev.launchguard.chaos.RespawnPhases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign's writer and the report's reader share one schema: what is written is read back equal. */
class ResultsSchemaTest {

    private static final Instant AT = Instant.parse("2026-11-22T06:00:01.123Z");
    private static final String WEB = "com.example.web";

    @Test
    void everyRecordTheCampaignWritesIsReadBackEqual(@TempDir Path dir) throws Exception {
        CampaignHeader header = CampaignHeader.of(FaultPlan.random(7, Map.of(WEB, List.of(Fault.KILL))),
                Instant.parse("2026-11-22T06:00:00Z"), "http://127.0.0.1:9470", List.of(WEB, FaultPlan.LAUNCHGUARD),
                List.of(Fault.KILL, Fault.WEDGE_CHILD, Fault.SUPERVISOR_KILL), 4);
        List<ChaosEvent> events = List.of(
                new ChaosEvent(1, WEB, Fault.KILL, AT, OptionalLong.of(100), OptionalLong.of(101), true,
                        Optional.of("crash"), OptionalDouble.of(812.4), OptionalDouble.of(830.125),
                        Optional.of(RespawnPhases.byKey(Map.of("detection", 3.1, "kill", 0.0, "spawnWait", 5.2,
                                "startToPort", 700.3, "portToReady", 103.8))), Optional.empty()),
                new ChaosEvent(2, FaultPlan.LAUNCHGUARD, Fault.SUPERVISOR_KILL, AT.plusSeconds(5), OptionalLong.of(7),
                        OptionalLong.of(8), true, Optional.empty(), OptionalDouble.of(2174.511),
                        OptionalDouble.of(2174.511), Optional.empty(), Optional.empty()),
                ChaosEvent.failed(3, WEB, Fault.WEDGE_CHILD, AT.plusSeconds(9), OptionalLong.of(101),
                        "not READY with a new instance within 120 s (last seen: RECOVERING)"),
                ChaosEvent.failed(4, WEB, Fault.KILL, AT.plusSeconds(200), OptionalLong.empty(),
                        "the fleet was not READY before the fault: com.example.web QUARANTINED"));
        CampaignVerdict verdict = new CampaignVerdict(Instant.parse("2026-11-22T06:05:00Z"), 4, 2, false,
                List.of(new CampaignVerdict.Stray(WEB, 55, 0, "/bin/sleep 600")),
                List.of(new CampaignVerdict.Stray(WEB, 56, 18080, "nc -l 18080")),
                List.of(new CampaignVerdict.Duplicate(WEB, List.of(101L, 102L), "python3 -m http.server")),
                List.of(new CampaignVerdict.UnprovokedRestart(WEB, AT, "crash: exited 1", 101)),
                List.of(WEB + " QUARANTINED"), Duration.ofMillis(800),
                List.of(new CampaignVerdict.SlowRespawn(1, WEB, Fault.KILL, Optional.of("crash"), 812.4),
                        new CampaignVerdict.SlowRespawn(2, FaultPlan.LAUNCHGUARD, Fault.SUPERVISOR_KILL, Optional.empty(),
                                2174.511)));
        Path file = dir.resolve("results.jsonl");
        try (ResultsLog log = new ResultsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            log.campaign(header);
            for (ChaosEvent event : events) {
                log.event(event);
            }
            log.verdict(verdict);
        }

        ChaosRun run = (ChaosRun) new ReportReader().read(file);

        assertThat(run.campaign()).isEqualTo(header);
        assertThat(run.events()).containsExactlyElementsOf(events);
        assertThat(run.verdict()).contains(verdict);
    }

    @Test
    void aScriptedCampaignsHeaderHasNoSeedAndReadsBackEqual(@TempDir Path dir) throws Exception {
        CampaignHeader header = CampaignHeader.of(FaultPlan.scripted(List.of(new FaultPlan.Step(WEB, Fault.KILL))),
                Instant.parse("2026-11-22T06:00:00Z"), "https://127.0.0.1:9470", List.of(WEB), List.of(Fault.values()), 1);
        Path file = dir.resolve("results.jsonl");
        try (ResultsLog log = new ResultsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            log.campaign(header);
        }

        ChaosRun run = (ChaosRun) new ReportReader().read(file);

        assertThat(run.campaign()).isEqualTo(header);
        assertThat(run.campaign().seed()).isEmpty();
        assertThat(run.verdict()).isEmpty();
    }
}
