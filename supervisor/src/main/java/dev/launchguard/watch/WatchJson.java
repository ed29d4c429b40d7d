package dev.launchguard.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.drift.DriftReport;
import dev.launchguard.drift.DriftResult;
import dev.launchguard.strays.StrayReport;
import dev.launchguard.uptime.UptimeReport;
import dev.launchguard.uptime.UptimeResult;
import java.util.List;

/**
 * The watchers' reports as JSON, one shape wherever they are shown: {@code launchguard watch ...
 * --json} and {@code GET /api/v1/drift}, {@code /uptime}, {@code /strays}.
 */
public final class WatchJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WatchJson() {
    }

    /** {@code {"at", "elapsedMs", "passed", "failed", "results": [{"check", "kind", "ok", "detail"}]}}. */
    public static ObjectNode drift(DriftReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("at", report.at().toString());
        root.put("elapsedMs", report.elapsed().toNanos() / 1e6);
        root.put("passed", report.results().size() - report.failures());
        root.put("failed", report.failures());
        ArrayNode results = root.putArray("results");
        for (DriftResult r : report.results()) {
            results.addObject().put("check", r.check()).put("kind", r.kind()).put("ok", r.ok()).put("detail", r.detail());
        }
        return root;
    }

    /** {@code {"results": [{"target", "up", "healthy", "status", "responseMs", "earliestCertificateExpiry", "problems"}]}}. */
    public static ObjectNode uptime(List<UptimeResult> results) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("results");
        for (UptimeResult r : results) {
            ObjectNode node = array.addObject().put("target", r.target()).put("up", r.up()).put("healthy", r.healthy());
            r.status().ifPresentOrElse(s -> node.put("status", s), () -> node.putNull("status"));
            node.put("responseMs", r.responseTime().toNanos() / 1e6);
            r.earliestExpiry().ifPresentOrElse(e -> node.put("earliestCertificateExpiry", e.toString()),
                    () -> node.putNull("earliestCertificateExpiry"));
            ArrayNode problems = node.putArray("problems");
            r.problems().forEach(problems::add);
        }
        return root;
    }

    /** {@link #uptime(List)} with when the run started, how long it took and the counts. */
    public static ObjectNode uptime(UptimeReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("at", report.at().toString());
        root.put("elapsedMs", report.elapsed().toNanos() / 1e6);
        root.put("healthy", report.results().size() - report.unhealthy());
        root.put("unhealthy", report.unhealthy());
        root.setAll(uptime(report.results()));
        return root;
    }

    /** {@code {"at", "reap", "jobs", "orphans": [...], "squatters": [...], "reaped": [...]}}. */
    public static ObjectNode strays(StrayReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("at", report.at().toString());
        root.put("reap", report.reap());
        ArrayNode jobs = root.putArray("jobs");
        report.jobs().forEach(jobs::add);
        problems(root.putArray("orphans"), report.orphans());
        problems(root.putArray("squatters"), report.squatters());
        ArrayNode reaped = root.putArray("reaped");
        for (StrayReport.Reaped r : report.reaped()) {
            reaped.addObject().put("label", r.label()).put("pid", r.pid()).put("instance", r.instance())
                    .put("command", r.command()).put("why", r.why());
        }
        return root;
    }

    /** Each problem as {@code {"kind", "label", "pid", "port", "message"}}, as doctor prints them too. */
    public static void problems(ArrayNode array, List<Diagnosis.Problem> problems) {
        for (Diagnosis.Problem problem : problems) {
            ObjectNode node = array.addObject().put("kind", problem.kind().tag()).put("label", problem.label());
            problem.pid().ifPresentOrElse(p -> node.put("pid", p), () -> node.putNull("pid"));
            problem.port().ifPresentOrElse(p -> node.put("port", p), () -> node.putNull("port"));
            node.put("message", problem.message());
        }
    }
}
