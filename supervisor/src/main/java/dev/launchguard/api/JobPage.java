package dev.launchguard.api;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.markup.Markup;
import dev.launchguard.time.Human;
import dev.launchguard.time.Latency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A job's own page at {@code /jobs/LABEL}: its row as on the overview, the facts behind its state,
 * every probe's last answer, the restarts and respawns it keeps (newest first) and, for a reader
 * with the token, the tails of its stdout and stderr.
 */
final class JobPage {

    /** How much of each log the page shows: the end, where a crash leaves its last words. */
    static final int LOG_TAIL_BYTES = 8 * 1024;

    /** One of the job's two logs: its tail, or why there is none. */
    record Log(String stream, Optional<String> path, Optional<String> tail, Optional<String> unavailable) {
    }

    /** What the page shows, read once per request; {@code logs} is empty unless signed in. */
    record Model(JobView job, Optional<ProcessUsage> usage, boolean signedIn, Instant now, List<Log> logs,
            int keep) {
    }

    private JobPage() {
    }

    static String render(Model model) {
        JobView job = model.job();
        Instant now = model.now();
        StringBuilder html = new StringBuilder(8192);
        PageHtml.open(html, job.label() + " " + job.state().name() + " · launchguard", model.signedIn());
        html.append("<p><a href=\"/\">← all jobs</a></p>\n<h1>").append(Markup.escapeContent(job.label())).append("</h1>\n");
        PageHtml.jobsHead(html, "job");
        PageHtml.jobRow(html, job, model.usage(), model.signedIn(), now);
        PageHtml.jobsTail(html);
        facts(html, model);
        probes(html, job, now);
        restarts(html, model);
        respawns(html, job.respawns(), model.keep());
        logs(html, model);
        PageHtml.close(html, now);
        return html.toString();
    }

    private static void facts(StringBuilder html, Model model) {
        JobView job = model.job();
        html.append("<h2>State</h2>\n<dl class=\"facts\">\n");
        fact(html, "state", job.state().name() + " since " + PageHtml.time(job.since(), model.now()));
        job.reason().ifPresent(r -> fact(html, "why", Markup.escapeContent(r)));
        job.hint().ifPresent(h -> fact(html, "next", "<code>" + Markup.escapeContent(h) + "</code>"));
        fact(html, "pid", job.pid().isPresent() ? Long.toString(job.pid().getAsLong()) : "none (no process runs)");
        job.startedAt().filter(t -> job.pid().isPresent())
                .ifPresent(t -> fact(html, "started", PageHtml.time(t, model.now())));
        model.usage().ifPresent(u -> fact(html, "process tree", u.pids().size() + (u.pids().size() == 1 ? " process" : " processes")
                + ", CPU " + String.format(java.util.Locale.ROOT, "%.1f %%", u.cpuPercent()) + ", RSS " + Human.bytes(u.rssBytes())));
        fact(html, "ready budget", Human.age(job.readyBudget()) + " <span class=\"muted\">(what a start may take to "
                + "become ready)</span>");
        job.quarantine().ifPresent(q -> {
            fact(html, "quarantined", PageHtml.time(q.since(), model.now()) + " after " + q.maxRestarts()
                    + " restarts within " + Human.age(q.window()));
            fact(html, "trial restart", "<time datetime=\"" + q.trialAt() + "\">in "
                    + Human.age(Duration.between(model.now(), q.trialAt())) + "</time>");
            if (model.signedIn()) {
                fact(html, "evidence", "<span class=\"evidence\">" + Markup.escapeContent(q.evidence()) + "</span>");
            }
        });
        html.append("</dl>\n");
    }

    private static void probes(StringBuilder html, JobView job, Instant now) {
        html.append("<h2>Probes</h2>\n");
        if (job.lastProbes().isEmpty()) {
            html.append("<p class=\"muted\">no probe has answered yet</p>\n");
            return;
        }
        html.append("<table id=\"probes\" class=\"cards\">\n<thead><tr><th>role</th><th>target</th><th>outcome</th>")
                .append("<th>latency</th><th>status</th><th>failures in a row</th><th>when</th><th>detail</th>")
                .append("</tr></thead>\n<tbody>\n");
        new TreeMap<>(job.lastProbes()).forEach((role, p) -> probe(html, role.tag(), p, now));
        html.append("</tbody>\n</table>\n");
    }

    private static void probe(StringBuilder html, String role, ProbeView p, Instant now) {
        html.append("<tr class=\"probe\" data-role=\"").append(role).append("\">");
        PageHtml.cell(html, "role", "role", role);
        PageHtml.cell(html, "target", "target", Markup.escapeContent(p.target()));
        PageHtml.cell(html, "outcome", "outcome", "<span class=\"" + (p.outcome() == dev.launchguard.probe.Outcome.UP
                ? "ok" : "bad") + "\">" + p.outcome().tag() + "</span>");
        PageHtml.cell(html, "latency", "latency", Latency.format(JobJson.millis(p.duration())));
        PageHtml.cell(html, "status", "status", p.status().isPresent() ? Integer.toString(p.status().getAsInt()) : "–");
        PageHtml.cell(html, "failures", "failures", Integer.toString(p.consecutiveFailures()));
        PageHtml.cell(html, "when", "when", PageHtml.time(p.at(), now));
        PageHtml.cell(html, "detail", "detail", Markup.escapeContent(p.detail()));
        html.append("</tr>\n");
    }

    private static void restarts(StringBuilder html, Model model) {
        JobView job = model.job();
        html.append("<h2>Restarts</h2>\n<p>").append(job.restartCounts().lastHour()).append(" in the last hour, ")
                .append(job.restartCounts().lastDay()).append(" in the last day")
                .append(" <span class=\"muted\">(the page keeps the last ").append(model.keep()).append(")</span></p>\n");
        if (job.restarts().isEmpty()) {
            html.append("<p class=\"muted\">no restart since launchguard started watching it</p>\n");
            return;
        }
        html.append("<table id=\"restarts\" class=\"cards\">\n<thead><tr><th>restart</th></tr></thead>\n<tbody>\n");
        for (RestartRecord r : newestFirst(job.restarts())) {
            html.append("<tr class=\"restart\">");
            PageHtml.cell(html, "restart", "restart", PageHtml.restart(job.label(), r, model.signedIn(), model.now()));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void respawns(StringBuilder html, List<RespawnRecord> respawns, int keep) {
        html.append("<h2>Respawn latency</h2>\n");
        if (respawns.isEmpty()) {
            html.append("<p class=\"muted\">no respawn measured yet</p>\n");
            return;
        }
        html.append(PageHtml.chart(respawns, 14, Math.max(240, respawns.size() * 18), 120, "chart"))
                .append("<p class=\"muted\">from the moment it stopped serving to ready again; dashed: the ")
                .append(dev.launchguard.metrics.Metrics.RESPAWN_TARGET.toSeconds()).append(" s target; the last ")
                .append(keep).append(" are kept</p>\n");
        html.append("<table id=\"respawns\" class=\"cards\">\n<thead><tr><th>stopped serving</th><th>cause</th>")
                .append("<th>pid</th><th>total</th><th>detection</th><th>kill</th><th>spawn</th><th>to port</th>")
                .append("<th>to ready</th></tr></thead>\n<tbody>\n");
        for (RespawnRecord r : newestFirst(respawns)) {
            html.append("<tr class=\"respawn\">");
            PageHtml.cell(html, "at", "stopped serving", "<time datetime=\"" + r.stoppedServingAt() + "\">"
                    + r.stoppedServingAt() + "</time>");
            PageHtml.cell(html, "cause", "cause", r.cause().tag());
            PageHtml.cell(html, "pids", "pid", (r.oldPid().isPresent() ? Long.toString(r.oldPid().getAsLong()) : "–")
                    + " → " + (r.newPid().isPresent() ? Long.toString(r.newPid().getAsLong()) : "–"));
            phase(html, "total", r.total());
            phase(html, "detection", r.detection());
            phase(html, "kill", r.kill());
            phase(html, "spawn", r.spawnWait());
            phase(html, "to port", r.startToPort());
            phase(html, "to ready", r.portToReady());
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void phase(StringBuilder html, String name, Duration d) {
        PageHtml.cell(html, "num", name, Latency.format(JobJson.millis(d)));
    }

    private static void logs(StringBuilder html, Model model) {
        html.append("<h2>Logs</h2>\n");
        if (!model.signedIn()) {
            html.append("<p><a class=\"signin\" href=\"/signin\">sign in with the token</a> to see the ends of its "
                    + "stdout and stderr</p>\n");
            return;
        }
        for (Log log : model.logs()) {
            html.append("<h3>").append(log.stream()).append(log.path().map(p -> " <span class=\"muted\">"
                    + Markup.escapeContent(p) + "</span>").orElse("")).append("</h3>\n");
            if (log.tail().filter(t -> !t.isEmpty()).isPresent()) {
                html.append("<pre class=\"log\" id=\"log-").append(log.stream()).append("\">")
                        .append(Markup.escapeContent(log.tail().get())).append("</pre>\n");
            } else {
                html.append("<p class=\"muted\">").append(Markup.escapeContent(log.unavailable().orElse("empty so far")))
                        .append("</p>\n");
            }
        }
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> copy = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>").append(name).append("</dt><dd>").append(value).append("</dd>\n");
    }
}
