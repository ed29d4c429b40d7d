package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A campaign's results as JSON lines (docs/chaos.md): a {@code campaign} record, one {@code event}
 * per fault, a {@code verdict} at the end, written from the same records {@code launchguard report}
 * reads them into ({@link CampaignHeader}, {@link ChaosEvent}, {@link CampaignVerdict}). Each line is flushed as it is written, so an interrupted
 * campaign leaves every event it finished.
 */
public final class ResultsLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;

    public ResultsLog(Writer out) {
        this.out = out;
    }

    /** The header: what the campaign was asked to do. */
    public void campaign(CampaignHeader c) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("record", "campaign").put("version", c.version());
        pid(node, "seed", c.seed());
        node.put("startedAt", c.startedAt().toString()).put("url", c.url());
        ArrayNode labelNodes = node.putArray("labels");
        c.labels().forEach(labelNodes::add);
        ArrayNode faultNodes = node.putArray("faults");
        c.faults().forEach(f -> faultNodes.add(f.wireName()));
        node.put("count", c.count()).put("order", c.order());
        write(node);
    }

    public void event(ChaosEvent e) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("record", "event").put("seq", e.seq()).put("label", e.label())
                .put("fault", e.fault().wireName()).put("faultAt", e.faultAt().toString());
        pid(node, "oldPid", e.oldPid());
        pid(node, "newPid", e.newPid());
        node.put("recovered", e.recovered());
        e.cause().ifPresentOrElse(c -> node.put("cause", c), () -> node.putNull("cause"));
        millis(node, "respawnMs", e.respawnMillis());
        millis(node, "faultToReadyMs", e.faultToReadyMillis());
        e.phases().ifPresentOrElse(p -> {
            ObjectNode phases = node.putObject("phasesMs");
            for (RespawnPhase phase : RespawnPhase.values()) {
                phases.put(phase.key(), p.of(phase));
            }
        }, () -> node.putNull("phasesMs"));
        e.error().ifPresentOrElse(m -> node.put("error", m), () -> node.putNull("error"));
        write(node);
    }

    public void verdict(CampaignVerdict v) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("record", "verdict").put("endedAt", v.endedAt().toString())
                .put("events", v.events()).put("recovered", v.recovered()).put("allReady", v.allReady());
        ArrayNode notReady = node.putArray("notReady");
        v.notReady().forEach(notReady::add);
        ArrayNode orphans = node.putArray("orphans");
        v.orphans().forEach(o -> orphans.addObject().put("label", o.label()).put("pid", o.pid()).put("command", o.command()));
        ArrayNode squatters = node.putArray("squatters");
        v.squatters().forEach(s -> squatters.addObject().put("label", s.label()).put("port", s.port())
                .put("pid", s.pid()).put("command", s.command()));
        ArrayNode duplicates = node.putArray("duplicates");
        v.duplicates().forEach(d -> {
            ObjectNode dup = duplicates.addObject().put("label", d.label());
            d.pids().forEach(dup.putArray("pids")::add);
            dup.put("command", d.command());
        });
        ArrayNode unprovoked = node.putArray("unprovokedRestarts");
        v.unprovokedRestarts().forEach(u -> unprovoked.addObject().put("label", u.label()).put("at", u.at().toString())
                .put("cause", u.cause()).put("oldPid", u.oldPid()));
        node.put("targetMs", v.target().toNanos() / 1e6);
        ArrayNode overTarget = node.putArray("overTarget");
        v.overTarget().forEach(o -> {
            ObjectNode slow = overTarget.addObject().put("seq", o.seq()).put("label", o.label())
                    .put("fault", o.fault().wireName());
            o.cause().ifPresentOrElse(c -> slow.put("cause", c), () -> slow.putNull("cause"));
            slow.put("respawnMs", Math.round(o.respawnMillis() * 1000) / 1000.0);
        });
        node.put("passed", v.passed());
        write(node);
    }

    private void write(ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
        out.flush();
    }

    private static void pid(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }

    private static void millis(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, Math.round(value.getAsDouble() * 1000) / 1000.0);
        } else {
            node.putNull(field);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
