package dev.launchguard.api;

import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.drift.DriftReport;
import dev.launchguard.drift.DriftResult;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.health.HealthState;
import dev.launchguard.markup.Markup;
import dev.launchguard.strays.StrayReport;
import dev.launchguard.time.Latency;
import dev.launchguard.uptime.UptimeReport;
import dev.launchguard.uptime.UptimeResult;
import dev.launchguard.watch.WatchState;
import dev.launchguard.watch.WatchView;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status page at {@code /}: every job with its state and why, its uptime, restarts, the last
 * restart, probe latency, CPU and memory, and respawn latencies against the target; then what the
 * watchers found (drift checks, uptime targets with their certificates, orphans and squatters).
 */
final class StatusPage {

    /** What the page shows, read once per request. */
    record Model(List<JobView> jobs, Map<String, ProcessUsage> usage, WatchView watchers, boolean signedIn,
            Instant now) {
    }

    private StatusPage() {
    }

    static String render(Model model) {
        StringBuilder html = new StringBuilder(4096 + model.jobs().size() * 1536);
        PageHtml.open(html, title(model.jobs()), model.signedIn());
        html.append("<h1>").append(model.jobs().size()).append(model.jobs().size() == 1 ? " job" : " jobs")
                .append("</h1>\n");
        summary(html, model.jobs());
        attention(html, model.jobs());
        if (model.jobs().isEmpty()) {
            html.append("<p class=\"muted\">no jobs configured: add them to launchguard.yaml "
                    + "(or write it with <code>launchguard init</code>)</p>\n");
        } else {
            PageHtml.jobsHead(html, "jobs");
            for (JobView job : model.jobs()) {
                PageHtml.jobRow(html, job, Optional.ofNullable(model.usage().get(job.label())), model.signedIn(),
                        model.now());
            }
            PageHtml.jobsTail(html);
        }
        html.append("<section id=\"watchers\">\n");
        drift(html, model.watchers().drift(), model.signedIn(), model.now());
        uptime(html, model.watchers().uptime(), model.now());
        strays(html, model.watchers().strays(), model.signedIn(), model.now());
        html.append("</section>\n");
        PageHtml.close(html, model.now());
        return html.toString();
    }

    /** The tab's title says what matters first: how many jobs are not well. */
    static String title(List<JobView> jobs) {
        long unwell = jobs.stream().filter(StatusPage::unwell).count();
        return (unwell == 0 ? "all ready" : unwell + " not ready") + " · launchguard";
    }

    private static void summary(StringBuilder html, List<JobView> jobs) {
        Map<HealthState, Integer> counts = new EnumMap<>(HealthState.class);
        jobs.forEach(j -> counts.merge(j.state(), 1, Integer::sum));
        html.append("<p class=\"summary\">");
        counts.forEach((state, n) -> html.append("<span class=\"count\" data-state=\"").append(state.name())
                .append("\">").append(n).append(' ').append(state.name()).append("</span>"));
        html.append("</p>\n");
    }

    /**
     * The jobs not READY (nor deliberately off), named first with why: on a phone the table is a
     * long column of cards, and the one that needs a hand must not be below the fold. The table
     * keeps the configuration's order, so rows do not move under the reader as states change.
     */
    private static void attention(StringBuilder html, List<JobView> jobs) {
        List<JobView> unwell = jobs.stream().filter(StatusPage::unwell).toList();
        if (unwell.isEmpty()) {
            return;
        }
        html.append("<ul id=\"attention\" class=\"checks\">\n");
        for (JobView job : unwell) {
            html.append("<li data-state=\"").append(job.state().name()).append("\"><a href=\"#job-")
                    .append(Markup.escape(job.label())).append("\">").append(Markup.escapeContent(job.label()))
                    .append("</a> <span class=\"bad\">").append(job.state().name()).append("</span>");
            job.reason().ifPresent(r -> html.append(" <span class=\"muted\">").append(Markup.escapeContent(r))
                    .append("</span>"));
            html.append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static boolean unwell(JobView j) {
        return j.state() != HealthState.READY && j.state() != HealthState.DISABLED && j.state() != HealthState.STOPPED;
    }

    private static void drift(StringBuilder html, WatchState<DriftReport> drift, boolean signedIn, Instant now) {
        html.append("<section id=\"drift\">\n<h2>Drift checks</h2>\n");
        if (!preamble(html, drift, "drift checks", now)) {
            html.append("</section>\n");
            return;
        }
        DriftReport report = drift.latest().get();
        long failing = report.results().stream().filter(r -> !r.ok()).count();
        html.append("<p class=\"").append(failing == 0 ? "ok" : "bad").append("\">")
                .append(failing == 0 ? "all " + report.results().size() + " pass"
                        : failing + " of " + report.results().size() + " failing")
                .append(" <span class=\"muted\">(run ").append(PageHtml.time(report.at(), now)).append(")</span></p>\n");
        report.unreachable().ifPresent(u -> html.append("<p class=\"bad\">").append(Markup.escapeContent(u))
                .append("</p>\n"));
        html.append("<ul class=\"checks\">\n");
        // Failing checks first: they are what the reader came for.
        report.results().stream().sorted((a, b) -> Boolean.compare(a.ok(), b.ok())).forEach(r -> check(html, r, signedIn));
        html.append("</ul>\n</section>\n");
    }

    private static void check(StringBuilder html, DriftResult r, boolean signedIn) {
        html.append("<li class=\"check\" data-check=\"").append(Markup.escape(r.check())).append("\" data-ok=\"")
                .append(r.ok()).append("\"><span class=\"").append(r.ok() ? "ok\">pass" : "bad\">FAIL")
                .append("</span> ").append(Markup.escapeContent(r.check())).append(" <span class=\"muted\">(")
                .append(Markup.escapeContent(r.kind())).append(")</span>");
        if (signedIn) {
            html.append("<div class=\"evidence\">").append(Markup.escapeContent(r.detail())).append("</div>");
        }
        html.append("</li>\n");
    }

    private static void uptime(StringBuilder html, WatchState<UptimeReport> uptime, Instant now) {
        html.append("<section id=\"uptime\">\n<h2>Uptime targets</h2>\n");
        if (!preamble(html, uptime, "uptime targets", now)) {
            html.append("</section>\n");
            return;
        }
        UptimeReport report = uptime.latest().get();
        html.append("<p class=\"").append(report.unhealthy() == 0 ? "ok" : "bad").append("\">")
                .append(report.unhealthy() == 0 ? "all " + report.results().size() + " healthy"
                        : report.unhealthy() + " of " + report.results().size() + " unhealthy")
                .append(" <span class=\"muted\">(run ").append(PageHtml.time(report.at(), now)).append(")</span></p>\n");
        html.append("<table class=\"cards\">\n<thead><tr><th>target</th><th>status</th><th>answer</th>")
                .append("<th>TLS days left</th><th>problems</th></tr></thead>\n<tbody>\n");
        report.results().forEach(r -> target(html, r, now));
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void target(StringBuilder html, UptimeResult r, Instant now) {
        html.append("<tr class=\"target\" data-target=\"").append(Markup.escape(r.target())).append("\" data-healthy=\"")
                .append(r.healthy()).append("\">");
        PageHtml.cell(html, "name", "target", Markup.escapeContent(r.target()));
        PageHtml.cell(html, "status", "status", "<span class=\"" + (r.healthy() ? "ok\">healthy" : r.up() ? "warn\">up, with problems"
                : "bad\">DOWN") + "</span>");
        PageHtml.cell(html, "answer", "answer", (r.status().isPresent() ? r.status().getAsInt() + " in " : "no answer after ")
                + Latency.format(JobJson.millis(r.responseTime())));
        PageHtml.cell(html, "tls-days", "TLS days left", r.earliestExpiry()
                .map(e -> Long.toString(Math.floorDiv(Duration.between(now, e).toSeconds(), 86_400L))).orElse("–"));
        PageHtml.cell(html, "problems", "problems", r.problems().isEmpty() ? "<span class=\"muted\">none</span>"
                : Markup.escapeContent(String.join("; ", r.problems())));
        html.append("</tr>\n");
    }

    private static void strays(StringBuilder html, WatchState<StrayReport> strays, boolean signedIn, Instant now) {
        html.append("<section id=\"strays\">\n<h2>Orphans and squatters</h2>\n");
        if (!preamble(html, strays, "stray watch", now)) {
            html.append("</section>\n");
            return;
        }
        StrayReport report = strays.latest().get();
        int found = report.orphans().size() + report.squatters().size();
        html.append("<p class=\"").append(found == 0 ? "ok" : "bad").append("\">")
                .append(found == 0 ? "none found" : report.orphans().size() + " orphaned, " + report.squatters().size()
                        + " squatting")
                .append(" <span class=\"muted\">(run ").append(PageHtml.time(report.at(), now)).append(")</span></p>\n");
        if (found > 0) {
            html.append("<ul class=\"checks\">\n");
            report.orphans().forEach(p -> stray(html, "orphan", p, signedIn));
            report.squatters().forEach(p -> stray(html, "squatter", p, signedIn));
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    private static void stray(StringBuilder html, String cls, Diagnosis.Problem p, boolean signedIn) {
        html.append("<li class=\"").append(cls).append("\"><span class=\"bad\">").append(cls).append("</span> ")
                .append(p.label() == null ? "" : Markup.escapeContent(p.label()));
        p.pid().ifPresent(pid -> html.append(" pid ").append(pid));
        p.port().ifPresent(port -> html.append(" port ").append(port));
        html.append(" <span class=\"muted\">(").append(p.kind().tag()).append(")</span>");
        if (signedIn) {
            html.append("<div class=\"evidence\">").append(Markup.escapeContent(p.message())).append("</div>");
        }
        html.append("</li>\n");
    }

    /** Says why a watcher has nothing to show; true when its latest report is there to render. */
    private static boolean preamble(StringBuilder html, WatchState<?> state, String what, Instant now) {
        state.fileError().ifPresent(e -> html.append("<p class=\"bad\">its file was refused, the previous checks "
                + "keep running: ").append(Markup.escapeContent(e)).append("</p>\n"));
        if (!state.configured()) {
            html.append("<p class=\"off\">no ").append(what).append(" configured</p>\n");
            return false;
        }
        if (state.latest().isEmpty()) {
            html.append("<p class=\"muted\">configured; the first run has not finished yet</p>\n");
            return false;
        }
        return true;
    }
}
