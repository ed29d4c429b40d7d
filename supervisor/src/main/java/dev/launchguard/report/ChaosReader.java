package dev.launchguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads chaos-campaign results: JSON lines, one {@code campaign} header, then one {@code event} per
 * injected fault, then a {@code verdict} unless the campaign was interrupted. Blank lines are
 * skipped; unknown fields are ignored; anything else that does not fit the schema (docs/reports.md)
 * stops the reading with the file, line and field.
 */
final class ChaosReader {

    private static final String CAMPAIGN = "campaign";
    private static final String EVENT = "event";
    private static final String VERDICT = "verdict";

    private final ObjectMapper json = new ObjectMapper();

    /** The results in {@code lines} (the whole file), read from {@code source}. */
    ChaosRun read(Path source, List<String> lines) {
        Campaign campaign = null;
        List<ChaosEvent> events = new ArrayList<>();
        Verdict verdict = null;
        int verdictLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = source + ":" + (i + 1);
            JsonNode node = parse(where, lines.get(i));
            String record = recordOf(where, node);
            if (verdict != null) {
                throw new ReportException(where + ": record '" + record + "' after the verdict on line "
                        + verdictLine + "; the verdict is the last line");
            }
            if (campaign == null && !CAMPAIGN.equals(record)) {
                throw new ReportException(where + ": the first record must be the campaign header, got '" + record
                        + "'");
            }
            switch (record) {
                case CAMPAIGN -> {
                    if (campaign != null) {
                        throw new ReportException(where + ": a second campaign header; one file holds one campaign");
                    }
                    campaign = campaign(new JsonFields(where, CAMPAIGN, node));
                }
                case EVENT -> events.add(event(new JsonFields(where, EVENT, node)));
                case VERDICT -> {
                    verdict = verdict(new JsonFields(where, VERDICT, node));
                    verdictLine = i + 1;
                }
                default -> throw new ReportException(where + ": record: '" + record
                        + "' is not a record of chaos results; allowed: campaign, event, verdict");
            }
        }
        if (campaign == null) {
            throw new ReportException(source + ": no campaign header; the file holds only blank lines");
        }
        return new ChaosRun(source, campaign, events, Optional.ofNullable(verdict));
    }

    /** One line as a JSON tree; {@code where} names the file and line in the error. */
    JsonNode parse(String where, String line) {
        try {
            return json.readTree(line);
        } catch (JsonProcessingException e) {
            throw JsonFields.notJson(where, e);
        }
    }

    /** The discriminating {@code record} field of an object, if it is one. */
    static String recordOf(String where, JsonNode node) {
        JsonNode record = node.get("record");
        if (!node.isObject() || record == null || !record.isTextual()) {
            throw new ReportException(where + ": record: missing; every line of chaos results is a JSON object with "
                    + "\"record\": \"campaign\", \"event\" or \"verdict\"");
        }
        return record.textValue();
    }

    private static Campaign campaign(JsonFields f) {
        long version = f.integer("version");
        if (version != Campaign.VERSION) {
            throw f.fail("version", version + " is not supported; allowed: " + Campaign.VERSION
                    + " (a newer launchguard wrote this file)");
        }
        return new Campaign((int) version, f.nullableInteger("seed"), f.instant("startedAt"), f.text("url"),
                f.texts("labels"), f.texts("faults"), f.smallInteger("count"), f.text("order"));
    }

    private static ChaosEvent event(JsonFields f) {
        long seq = f.integer("seq");
        String label = f.text("label");
        String fault = f.text("fault");
        boolean recovered = f.bool("recovered");
        OptionalLong newPid = f.nullableInteger("newPid");
        OptionalDouble respawn = f.nullableMillis("respawnMs");
        OptionalDouble faultToReady = f.nullableMillis("faultToReadyMs");
        Optional<Phases> phases = f.nullableObject("phasesMs").map(ChaosReader::phases);
        Optional<String> error = f.nullableText("error");
        if (recovered) {
            requireWhenRecovered(f, "newPid", newPid.isPresent());
            requireWhenRecovered(f, "respawnMs", respawn.isPresent());
            requireWhenRecovered(f, "faultToReadyMs", faultToReady.isPresent());
            if (!ChaosEvent.SUPERVISOR_KILL.equals(fault)) {
                requireWhenRecovered(f, "phasesMs", phases.isPresent());
            }
        } else if (error.isEmpty()) {
            throw f.fail("error", "is null; an event that did not recover says why");
        }
        return new ChaosEvent(seq, label, fault, f.instant("faultAt"), f.integer("oldPid"), newPid, recovered,
                f.nullableText("cause"), respawn, faultToReady, phases, error);
    }

    private static void requireWhenRecovered(JsonFields f, String field, boolean present) {
        if (!present) {
            throw f.fail(field, "is null; required when recovered is true");
        }
    }

    private static Phases phases(JsonFields f) {
        Map<Phase, Double> millis = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            millis.put(phase, f.millis(phase.key()));
        }
        return new Phases(millis);
    }

    private static Verdict verdict(JsonFields f) {
        return new Verdict(f.instant("endedAt"), f.smallInteger("events"), f.smallInteger("recovered"),
                f.bool("allReady"),
                f.objects("orphans").stream()
                        .map(o -> new Verdict.Orphan(o.text("label"), o.integer("pid"), command(o))).toList(),
                f.objects("squatters").stream()
                        .map(s -> new Verdict.Squatter(s.text("label"), s.smallInteger("port"), s.integer("pid"),
                                command(s))).toList(),
                f.objects("duplicates").stream().map(ChaosReader::duplicate).toList(),
                f.objects("unprovokedRestarts").stream()
                        .map(r -> new Verdict.UnprovokedRestart(r.text("label"), r.instant("at"),
                                r.nullableText("cause").orElse("unknown")))
                        .toList(),
                f.bool("passed"));
    }

    /** A process's command line; null when the process was gone before it could be read. */
    private static String command(JsonFields f) {
        return f.nullableText("command").orElse("?");
    }

    private static Verdict.Duplicate duplicate(JsonFields f) {
        return new Verdict.Duplicate(f.text("label"), f.integers("pids"));
    }
}
