package dev.launchguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.chaos.CampaignHeader;
import dev.launchguard.chaos.CampaignVerdict;
import dev.launchguard.chaos.ChaosEvent;
import dev.launchguard.chaos.Fault;
import dev.launchguard.chaos.RespawnPhase;
import dev.launchguard.chaos.RespawnPhases;
import java.nio.file.Path;
import java.time.Duration;
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
        CampaignHeader campaign = null;
        List<ChaosEvent> events = new ArrayList<>();
        CampaignVerdict verdict = null;
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
                    verdict = verdict(new JsonFields(where, VERDICT, node), events);
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

    private static CampaignHeader campaign(JsonFields f) {
        long version = f.integer("version");
        if (version != CampaignHeader.VERSION) {
            throw f.fail("version", version + " is not supported; allowed: " + CampaignHeader.VERSION
                    + " (a newer launchguard wrote this file)");
        }
        List<String> faults = f.texts("faults");
        List<Fault> kinds = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            kinds.add(fault(f, "faults[" + i + "]", faults.get(i)));
        }
        return new CampaignHeader((int) version, f.nullableInteger("seed"), f.instant("startedAt"), f.text("url"),
                f.texts("labels"), kinds, f.smallInteger("count"), f.text("order"));
    }

    private static ChaosEvent event(JsonFields f) {
        int seq = f.smallInteger("seq");
        String label = f.text("label");
        Fault fault = fault(f, "fault", f.text("fault"));
        boolean recovered = f.bool("recovered");
        OptionalLong newPid = f.nullableInteger("newPid");
        OptionalDouble respawn = f.nullableMillis("respawnMs");
        OptionalDouble faultToReady = f.nullableMillis("faultToReadyMs");
        Optional<RespawnPhases> phases = f.nullableObject("phasesMs").map(ChaosReader::phases);
        Optional<String> error = f.nullableText("error");
        if (recovered) {
            requireWhenRecovered(f, "newPid", newPid.isPresent());
            requireWhenRecovered(f, "respawnMs", respawn.isPresent());
            requireWhenRecovered(f, "faultToReadyMs", faultToReady.isPresent());
            if (!fault.targetsLaunchguard()) {
                requireWhenRecovered(f, "phasesMs", phases.isPresent());
            }
            if (error.isPresent()) {
                throw f.fail("error", "is set; an event that recovered has no error");
            }
        } else if (error.isEmpty()) {
            throw f.fail("error", "is null; an event that did not recover says why");
        }
        return new ChaosEvent(seq, label, fault, f.instant("faultAt"), f.nullableInteger("oldPid"), newPid, recovered,
                f.nullableText("cause"), respawn, faultToReady, phases, error);
    }

    /** A fault's name as the campaign writes it ({@code kill}, {@code supervisor-kill}). */
    private static Fault fault(JsonFields f, String field, String name) {
        try {
            return Fault.parse(name);
        } catch (IllegalArgumentException e) {
            throw f.fail(field, e.getMessage());
        }
    }

    private static void requireWhenRecovered(JsonFields f, String field, boolean present) {
        if (!present) {
            throw f.fail(field, "is null; required when recovered is true");
        }
    }

    private static RespawnPhases phases(JsonFields f) {
        Map<RespawnPhase, Double> millis = new EnumMap<>(RespawnPhase.class);
        for (RespawnPhase phase : RespawnPhase.values()) {
            millis.put(phase, f.millis(phase.key()));
        }
        return new RespawnPhases(millis);
    }

    /**
     * The verdict. Fields a campaign has always written but early results lack read as empty or
     * unknown: {@code notReady} (empty), a duplicate's {@code command} ("?"), an unprovoked restart's
     * {@code oldPid} (0). Results written before the target was part of the verdict have neither
     * {@code targetMs} nor {@code overTarget}: their events are judged against the 15 s target of the
     * time, and their {@code passed}, which did not count it, must agree with the rest of the verdict
     * without it. Otherwise {@code passed} must agree with the whole verdict.
     */
    private static CampaignVerdict verdict(JsonFields f, List<ChaosEvent> events) {
        boolean judgedTarget = f.has("targetMs");
        Duration target = judgedTarget ? target(f) : CampaignVerdict.DEFAULT_TARGET;
        CampaignVerdict verdict = new CampaignVerdict(f.instant("endedAt"), f.smallInteger("events"),
                f.smallInteger("recovered"), f.bool("allReady"),
                f.objects("orphans").stream()
                        .map(o -> new CampaignVerdict.Stray(o.text("label"), o.integer("pid"), 0, command(o))).toList(),
                f.objects("squatters").stream()
                        .map(s -> new CampaignVerdict.Stray(s.text("label"), s.integer("pid"), s.smallInteger("port"),
                                command(s))).toList(),
                f.objects("duplicates").stream().map(ChaosReader::duplicate).toList(),
                f.objects("unprovokedRestarts").stream().map(ChaosReader::unprovoked).toList(),
                f.has("notReady") ? f.texts("notReady") : List.of(), target,
                judgedTarget ? f.objects("overTarget").stream().map(ChaosReader::slow).toList()
                        : CampaignVerdict.SlowRespawn.of(events, target));
        boolean passed = f.bool("passed");
        boolean rest = judgedTarget ? verdict.passed() : verdict.recoveredCleanly();
        if (passed != rest) {
            throw f.fail("passed", passed + " contradicts the rest of the verdict, which says " + rest);
        }
        return verdict;
    }

    /** {@code targetMs}: more than 0, whole nanoseconds. */
    private static Duration target(JsonFields f) {
        double millis = f.millis("targetMs");
        if (millis == 0) {
            throw f.fail("targetMs", "is 0; a target is more than 0 ms");
        }
        return Duration.ofNanos(Math.round(millis * 1e6));
    }

    private static CampaignVerdict.SlowRespawn slow(JsonFields f) {
        return new CampaignVerdict.SlowRespawn(f.smallInteger("seq"), f.text("label"), fault(f, "fault", f.text("fault")),
                f.nullableText("cause"), f.millis("respawnMs"));
    }

    /** A process's command line; null (or missing) when the process was gone before it could be read. */
    private static String command(JsonFields f) {
        return f.has("command") ? f.nullableText("command").orElse("?") : "?";
    }

    private static CampaignVerdict.Duplicate duplicate(JsonFields f) {
        return new CampaignVerdict.Duplicate(f.text("label"), f.integers("pids"), command(f));
    }

    private static CampaignVerdict.UnprovokedRestart unprovoked(JsonFields f) {
        return new CampaignVerdict.UnprovokedRestart(f.text("label"), f.instant("at"),
                f.nullableText("cause").orElse("unknown"), f.has("oldPid") ? f.integer("oldPid") : 0);
    }
}
