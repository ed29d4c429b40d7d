package dev.launchguard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.fleet.LogChunk;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.job.Teardown;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The JSON shape of a job in the API (documented in docs/api.md): times as ISO-8601 instants,
 * durations as milliseconds with microsecond precision, absent values as {@code null}.
 */
final class JobJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JobJson() {
    }

    static ObjectNode jobs(List<JobView> jobs) {
        ObjectNode root = NODES.objectNode();
        ArrayNode array = root.putArray("jobs");
        jobs.forEach(job -> array.add(job(job)));
        return root;
    }

    static ObjectNode job(JobView job) {
        ObjectNode node = NODES.objectNode();
        node.put("label", job.label());
        node.put("state", job.state().name());
        node.put("since", job.since().toString());
        putPid(node, "pid", job.pid());
        ObjectNode probes = node.putObject("lastProbes");
        // In role order (liveness, readiness, startup: the tags sort the same) whatever map the watcher built.
        new TreeMap<>(job.lastProbes()).forEach((role, probe) -> probes.set(role.tag(), probe(probe)));
        ArrayNode restarts = node.putArray("restarts");
        job.restarts().forEach(r -> restarts.add(restart(r)));
        ArrayNode respawns = node.putArray("respawns");
        job.respawns().forEach(r -> respawns.add(respawn(r)));
        job.lastRespawn().ifPresentOrElse(r -> node.put("lastRespawnMs", millis(r.total())),
                () -> node.putNull("lastRespawnMs"));
        job.startedAt().ifPresentOrElse(t -> node.put("startedAt", t.toString()), () -> node.putNull("startedAt"));
        node.putObject("restartCounts").put("lastHour", job.restartCounts().lastHour())
                .put("lastDay", job.restartCounts().lastDay());
        job.reason().ifPresentOrElse(r -> node.put("reason", r), () -> node.putNull("reason"));
        job.hint().ifPresentOrElse(h -> node.put("hint", h), () -> node.putNull("hint"));
        job.quarantine().ifPresentOrElse(q -> {
            ObjectNode quarantine = node.putObject("quarantine");
            quarantine.put("since", q.since().toString());
            quarantine.put("evidence", q.evidence());
            quarantine.put("maxRestarts", q.maxRestarts());
            quarantine.put("windowMs", millis(q.window()));
            quarantine.put("trialAt", q.trialAt().toString());
        }, () -> node.putNull("quarantine"));
        node.put("readyBudgetMs", millis(job.readyBudget()));
        return node;
    }

    /** One job as its own route shows it: with the CPU and memory of its running process tree. */
    static ObjectNode job(JobView job, Optional<ProcessUsage> process) {
        ObjectNode node = job(job);
        process.ifPresentOrElse(p -> {
            ObjectNode usage = node.putObject("process");
            ArrayNode pids = usage.putArray("pids");
            p.pids().forEach(pids::add);
            usage.put("cpuPercent", p.cpuPercent());
            usage.put("rssBytes", p.rssBytes());
        }, () -> node.putNull("process"));
        return node;
    }

    /** A piece of a job's log file. */
    static ObjectNode log(LogChunk chunk) {
        ObjectNode node = NODES.objectNode();
        node.put("path", chunk.path().toString());
        node.put("offset", chunk.offset());
        node.put("next", chunk.next());
        node.put("size", chunk.size());
        node.put("text", chunk.text());
        node.put("file", chunk.file());
        return node;
    }

    /** The evidence of a verified teardown, with the job as its watcher shows it afterwards. */
    static ObjectNode teardown(Teardown teardown, Optional<JobView> job) {
        ObjectNode node = NODES.objectNode();
        node.put("label", teardown.label());
        node.put("clean", teardown.clean());
        ArrayNode stopped = node.putArray("stoppedPids");
        teardown.stoppedPids().forEach(stopped::add);
        node.put("forced", teardown.forced());
        ArrayNode survivors = node.putArray("survivors");
        teardown.survivors().forEach(survivors::add);
        ArrayNode ports = node.putArray("portsFreed");
        teardown.portsFreed().forEach(ports::add);
        node.put("elapsedMs", millis(teardown.elapsed()));
        job.ifPresentOrElse(j -> node.set("job", job(j)), () -> node.putNull("job"));
        return node;
    }

    /** The plist a job was last loaded from and its digest then. */
    static ObjectNode plist(String label, LoadedPlist plist) {
        ObjectNode node = NODES.objectNode();
        node.put("label", label);
        node.put("path", plist.path().toString());
        plist.sha256().ifPresentOrElse(d -> node.put("sha256", d), () -> node.putNull("sha256"));
        node.put("loadedAt", plist.loadedAt().toString());
        ArrayNode ports = node.putArray("ports");
        plist.ports().forEach(ports::add);
        return node;
    }

    private static ObjectNode probe(ProbeView probe) {
        ObjectNode node = NODES.objectNode();
        node.put("target", probe.target());
        node.put("outcome", probe.outcome().tag());
        OptionalInt status = probe.status();
        if (status.isPresent()) {
            node.put("status", status.getAsInt());
        } else {
            node.putNull("status");
        }
        node.put("durationMs", millis(probe.duration()));
        node.put("detail", probe.detail());
        node.put("consecutiveFailures", probe.consecutiveFailures());
        node.put("at", probe.at().toString());
        return node;
    }

    /** A job's kept snapshots, newest first. */
    static ObjectNode snapshots(String label, java.util.List<dev.launchguard.fleet.SnapshotEntry> list) {
        ObjectNode node = NODES.objectNode();
        node.put("label", label);
        ArrayNode items = node.putArray("snapshots");
        for (dev.launchguard.fleet.SnapshotEntry e : list) {
            ObjectNode item = items.addObject();
            item.put("id", e.id());
            item.put("at", e.at().toString());
            item.put("reason", e.reason());
            item.put("pid", e.pid());
            item.put("bytes", e.bytes());
            item.put("complete", e.complete());
        }
        return node;
    }

    private static ObjectNode restart(RestartRecord restart) {
        ObjectNode node = NODES.objectNode();
        node.put("at", restart.at().toString());
        node.put("reason", restart.reason().tag());
        node.put("evidence", restart.evidence());
        putPid(node, "oldPid", restart.oldPid());
        if (restart.snapshot().isPresent()) {
            node.put("snapshot", restart.snapshot().get());
        } else {
            node.putNull("snapshot");
        }
        return node;
    }

    private static ObjectNode respawn(RespawnRecord respawn) {
        ObjectNode node = NODES.objectNode();
        node.put("cause", respawn.cause().tag());
        node.put("stoppedServingAt", respawn.stoppedServingAt().toString());
        putPid(node, "oldPid", respawn.oldPid());
        putPid(node, "newPid", respawn.newPid());
        node.put("totalMs", millis(respawn.total()));
        ObjectNode phases = node.putObject("phasesMs");
        phases.put("detection", millis(respawn.detection()));
        phases.put("kill", millis(respawn.kill()));
        phases.put("spawnWait", millis(respawn.spawnWait()));
        phases.put("startToPort", millis(respawn.startToPort()));
        phases.put("portToReady", millis(respawn.portToReady()));
        return node;
    }

    private static void putPid(ObjectNode node, String field, OptionalLong pid) {
        if (pid.isPresent()) {
            node.put(field, pid.getAsLong());
        } else {
            node.putNull(field);
        }
    }

    /** Milliseconds with microsecond precision: a loopback probe takes well under one millisecond. */
    static double millis(Duration duration) {
        return duration.toNanos() / 1_000 / 1_000.0;
    }
}
