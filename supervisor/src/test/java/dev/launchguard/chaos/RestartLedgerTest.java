package dev.launchguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RestartLedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode jobs(String webRestarts, String modelRestarts) throws Exception {
        return JSON.readTree("{\"jobs\":[{\"label\":\"web\",\"restarts\":[" + webRestarts + "]},"
                + "{\"label\":\"model\",\"restarts\":[" + modelRestarts + "]}]}");
    }

    private static String restart(String at, long oldPid, String reason) {
        return "{\"at\":\"" + at + "\",\"reason\":\"" + reason + "\",\"evidence\":\"seen\",\"oldPid\":" + oldPid + "}";
    }

    @Test
    void theFaultsOwnRestartIsAccountedForAndEverythingElseIsUnprovoked() throws Exception {
        RestartLedger ledger = new RestartLedger();
        String old = restart("2026-11-22T06:00:00Z", 10, "crash");
        ledger.baseline(jobs(old, ""));

        String caused = restart("2026-11-22T06:01:00Z", 11, "crash");
        String second = restart("2026-11-22T06:01:05Z", 12, "wedge");
        String elsewhere = restart("2026-11-22T06:01:02Z", 20, "crash");
        int matched = ledger.account(jobs(old + "," + caused + "," + second, elsewhere), "web", OptionalLong.of(11));

        assertThat(matched).isEqualTo(1);
        assertThat(ledger.unprovoked()).containsExactly(
                new CampaignVerdict.UnprovokedRestart("web", Instant.parse("2026-11-22T06:01:05Z"), "wedge: seen", 12),
                new CampaignVerdict.UnprovokedRestart("model", Instant.parse("2026-11-22T06:01:02Z"), "crash: seen", 20));
    }

    @Test
    void aRestartIsCountedOnceHoweverOftenItIsSeen() throws Exception {
        RestartLedger ledger = new RestartLedger();
        ledger.baseline(jobs("", ""));
        String stray = restart("2026-11-22T06:01:00Z", 30, "crash");

        ledger.account(jobs(stray, ""), "model", OptionalLong.of(99));
        ledger.account(jobs(stray, ""), "model", OptionalLong.of(98));

        assertThat(ledger.unprovoked()).hasSize(1);
    }

    @Test
    void aFaultThatLaunchguardNeverRestartedMatchesNothing() throws Exception {
        RestartLedger ledger = new RestartLedger();
        ledger.baseline(jobs("", ""));

        assertThat(ledger.account(jobs("", ""), "web", OptionalLong.of(11))).isZero();
        assertThat(ledger.unprovoked()).isEmpty();
    }

    @Test
    void nearestRankPercentiles() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(CampaignSummary.percentile(sorted, 50)).isEqualTo(5);
        assertThat(CampaignSummary.percentile(sorted, 90)).isEqualTo(9);
        assertThat(CampaignSummary.percentile(sorted, 99)).isEqualTo(10);
        assertThat(CampaignSummary.percentile(new double[] {42}, 50)).isEqualTo(42);
    }
}
