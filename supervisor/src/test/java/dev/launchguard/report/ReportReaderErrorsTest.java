package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fixture per rule of the input formats, each with its exact message: file, line, key path, what is wrong. */
class ReportReaderErrorsTest {

    private static final String NEITHER = ": neither chaos-campaign JSON lines (a first line {\"record\": "
            + "\"campaign\", ...}) nor a JMH JSON result (an array of benchmarks, from -rf json): ";

    private final ReportReader reader = new ReportReader();

    private void assertRejected(String fixture, String message) {
        Path file = Fixtures.invalid(fixture);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ReportException.class).hasMessage(file + message);
    }

    @Test
    void aFileOfNeitherFormat() {
        assertRejected("not-a-report.txt", ":1" + NEITHER + "it starts with neither '[' nor '{'");
    }

    @Test
    void aFirstLineWithoutARecordField() {
        assertRejected("no-record-field.jsonl", ":1" + NEITHER + "the first line has no \"record\" field");
    }

    @Test
    void aFirstLineThatIsNotJson(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("results.jsonl"), "\n{record: campaign}\n");

        assertThatThrownBy(() -> reader.read(file)).hasMessage(file + ":2" + NEITHER + "the first line is not JSON: "
                + "Unexpected character ('r' (code 114)): was expecting double-quote to start field name");
    }

    @Test
    void anEmptyFile() {
        assertRejected("empty.jsonl", ": is empty; expected chaos-campaign JSON lines or a JMH JSON result");
    }

    @Test
    void aLineThatIsNotJson() {
        assertRejected("bad-json-line.jsonl", ":3: not JSON: Unexpected end-of-input in field name");
    }

    @Test
    void anEventMissingARequiredField() {
        assertRejected("event-missing-fault.jsonl", ":3: event.fault: missing; the field is required");
    }

    @Test
    void aFieldOfTheWrongType() {
        assertRejected("respawn-not-a-number.jsonl", ":2: event.respawnMs: expected a number, got \"fast\"");
    }

    @Test
    void aTimeThatIsNotIso8601() {
        assertRejected("bad-fault-time.jsonl",
                ":2: event.faultAt: \"yesterday\" is not an ISO-8601 UTC time such as 2026-11-22T06:00:00Z");
    }

    @Test
    void aRecoveredEventWithoutItsLatency() {
        assertRejected("recovered-without-respawn.jsonl", ":2: event.respawnMs: is null; required when recovered is true");
    }

    @Test
    void anEventWithoutEveryPhase() {
        assertRejected("phase-missing.jsonl", ":2: event.phasesMs.portToReady: missing; the field is required");
    }

    @Test
    void anEventThatDidNotRecoverWithoutItsError() {
        assertRejected("unrecovered-without-error.jsonl",
                ":2: event.error: is null; an event that did not recover says why");
    }

    @Test
    void aVersionOtherThanOne() {
        assertRejected("campaign-version-2.jsonl",
                ":1: campaign.version: 2 is not supported; allowed: 1 (a newer launchguard wrote this file)");
    }

    @Test
    void aFirstRecordThatIsNotTheCampaign() {
        assertRejected("first-record-not-campaign.jsonl", ":1: the first record must be the campaign header, got 'event'");
    }

    @Test
    void anUnknownRecord() {
        assertRejected("unknown-record.jsonl",
                ":2: record: 'heartbeat' is not a record of chaos results; allowed: campaign, event, verdict");
    }

    @Test
    void aVerdictThatPassesWithARespawnOverItsTarget() {
        assertRejected("passed-with-a-respawn-over-target.jsonl",
                ":5: verdict.passed: true contradicts the rest of the verdict, which says false");
    }

    @Test
    void aRecordAfterTheVerdict() {
        assertRejected("record-after-verdict.jsonl",
                ":4: record 'event' after the verdict on line 3; the verdict is the last line");
    }

    @Test
    void aJmhBenchmarkWithoutAPrimaryMetricNamesTheLineTheBenchmarkStartsOn() {
        assertRejected("jmh-missing-primary-metric.json", ":149: benchmarks[1].primaryMetric: missing; the field is required");
    }

    @Test
    void aJmhSingleShotScoreThatIsNotATime() {
        assertRejected("jmh-single-shot-not-a-time.json", ":2: benchmarks[0].primaryMetric.scoreUnit: \"ops/s\" is not a "
                + "time per operation; allowed: ns/op, us/op, ms/op, s/op, min/op, hr/op");
    }

    @Test
    void aTruncatedJmhFile() {
        assertRejected("jmh-truncated.json",
                ":150: not JSON: Unexpected end-of-input: expected close marker for Object (opened on line 149)");
    }
}
