package dev.launchguard.api;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.markup.Markup;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.time.Human;
import dev.launchguard.time.Latency;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pieces both status pages are made of: the frame (head, header, footer), a job's row, times,
 * and the respawn chart. Everything is rendered on the server, so the page reads the same with
 * scripts off; {@code /page.js} only swaps a fresh {@code <main>} in every second.
 *
 * <p>Evidence (a restart's evidence, a snapshot link, a drift check's finding, a stray's command,
 * log tails) is written only when the request carried the token; the page says how to sign in
 * otherwise.
 */
final class PageHtml {

    /** Strict: the page's own stylesheet and script and nothing else, inline included. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /** How often the page reloads itself when scripts are off (with scripts it asks every second). */
    static final int NOSCRIPT_REFRESH_SECONDS = 2;

    private static final String NONE = "–";

    private PageHtml() {
    }

    /** The document up to and including the opening of {@code <main>}. */
    static void open(StringBuilder html, String title, boolean signedIn) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<noscript><meta http-equiv=\"refresh\" content=\"").append(NOSCRIPT_REFRESH_SECONDS)
                .append("\"></noscript>\n")
                .append("<title>").append(Markup.escape(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/page.css\">\n")
                .append("<script src=\"/page.js\" defer></script>\n</head>\n<body data-live=\"off\">\n<header>\n")
                .append("<a class=\"brand\" href=\"/\">launchguard</a>\n")
                .append("<span id=\"live\">reloads every ").append(NOSCRIPT_REFRESH_SECONDS).append(" s</span>\n")
                .append(signedIn ? "<span class=\"muted\">signed in: evidence and logs shown</span>\n"
                        : "<a class=\"signin\" href=\"/signin\">sign in with the token to see evidence and logs</a>\n")
                .append("</header>\n<main>\n");
    }

    /** Closes {@code <main>} and the document. */
    static void close(StringBuilder html, Instant now) {
        html.append("</main>\n<footer>rendered ").append(time(now, now))
                .append(" · <a href=\"/metrics\">metrics</a> · <a href=\"/api/v1/jobs\">jobs as JSON</a>")
                .append(" · respawn target ").append(Metrics.RESPAWN_TARGET.toSeconds()).append(" s</footer>\n")
                .append("</body>\n</html>\n");
    }

    /** The header row of a jobs table. */
    static void jobsHead(StringBuilder html, String id) {
        html.append("<table id=\"").append(id).append("\" class=\"cards\">\n<thead><tr><th>job</th><th>state</th>")
                .append("<th>pid</th><th>up</th><th>restarts</th><th>last restart</th><th>probe</th>")
                .append("<th>CPU · RSS</th><th>respawns vs ").append(Metrics.RESPAWN_TARGET.toSeconds())
                .append(" s</th></tr></thead>\n<tbody>\n");
    }

    /** One job's row: everything an operator needs to decide whether to act, and on what. */
    static void jobRow(StringBuilder html, JobView job, Optional<ProcessUsage> usage, boolean signedIn, Instant now) {
        String label = Markup.escape(job.label());
        html.append("<tr id=\"job-").append(label).append("\" data-state=\"").append(job.state().name()).append("\">");
        cell(html, "label", "job", "<a href=\"/jobs/" + label + "\">" + label + "</a>");
        cell(html, "state", "state", state(job, now));
        cell(html, "pid", "pid", job.pid().isPresent() ? Long.toString(job.pid().getAsLong()) : NONE);
        cell(html, "uptime", "up", uptime(job, now));
        cell(html, "restarts", "restarts", "<span class=\"hour\">" + job.restartCounts().lastHour()
                + "</span> in 1 h · <span class=\"day\">" + job.restartCounts().lastDay() + "</span> in 24 h");
        cell(html, "last-restart", "last restart", lastRestart(job, signedIn, now));
        cell(html, "probe", "probe", probe(job));
        cell(html, "usage", "CPU · RSS", usage.map(u -> String.format(Locale.ROOT, "%.1f %%", u.cpuPercent())
                + " · " + Human.bytes(u.rssBytes())).orElse(NONE));
        cell(html, "respawns", "respawns", respawns(job.respawns()));
        html.append("</tr>\n");
    }

    static void jobsTail(StringBuilder html) {
        html.append("</tbody>\n</table>\n");
    }

    static void cell(StringBuilder html, String cls, String heading, String content) {
        html.append("<td class=\"").append(cls).append("\" data-h=\"").append(heading).append("\"><div class=\"cell\">")
                .append(content).append("</div></td>");
    }

    private static String state(JobView job, Instant now) {
        StringBuilder out = new StringBuilder("<span class=\"state-name\">").append(job.state().name())
                .append("</span> <span class=\"muted\">for ").append(Human.age(Duration.between(job.since(), now)))
                .append("</span>");
        job.reason().ifPresent(r -> out.append("<span class=\"reason\">").append(Markup.escapeContent(r)).append("</span>"));
        job.hint().ifPresent(h -> out.append("<span class=\"hint\">run <code>").append(Markup.escapeContent(h))
                .append("</code></span>"));
        return out.toString();
    }

    private static String uptime(JobView job, Instant now) {
        if (job.pid().isPresent() && job.startedAt().isPresent()) {
            return Human.age(Duration.between(job.startedAt().get(), now));
        }
        return NONE;
    }

    private static String lastRestart(JobView job, boolean signedIn, Instant now) {
        if (job.restarts().isEmpty()) {
            return "<span class=\"muted\">none</span>";
        }
        return restart(job.label(), job.restarts().get(job.restarts().size() - 1), signedIn, now);
    }

    /** When and why a restart happened, and its evidence and snapshot for a reader with the token. */
    static String restart(String label, RestartRecord restart, boolean signedIn, Instant now) {
        StringBuilder out = new StringBuilder("<span class=\"when\">").append(time(restart.at(), now))
                .append("</span> <span class=\"why\">").append(restart.reason().tag()).append("</span>");
        restart.oldPid().ifPresent(p -> out.append(" <span class=\"muted\">of pid ").append(p).append("</span>"));
        if (signedIn) {
            out.append("<div class=\"evidence\">").append(Markup.escapeContent(restart.evidence())).append("</div>");
            restart.snapshot().ifPresent(id -> out.append("<a class=\"snapshot\" href=\"").append(ApiRouter.JOBS)
                    .append('/').append(Markup.escape(label)).append("/snapshots/").append(Markup.escape(id))
                    .append("\">snapshot ").append(Markup.escapeContent(id)).append("</a>"));
        } else {
            out.append(" <a class=\"signin\" href=\"/signin\">sign in to see the evidence</a>");
        }
        return out.toString();
    }

    private static String probe(JobView job) {
        if (job.pid().isEmpty()) {
            // The last answer came from a process that is gone: shown, it would read as live.
            return NONE;
        }
        Optional<ProbeView> probe = Optional.ofNullable(job.lastProbes().get(ProbeRole.LIVENESS))
                .or(() -> Optional.ofNullable(job.lastProbes().get(ProbeRole.READINESS)))
                .or(() -> Optional.ofNullable(job.lastProbes().get(ProbeRole.STARTUP)));
        return probe.map(p -> Latency.format(JobJson.millis(p.duration())) + " <span class=\""
                + (p.outcome() == dev.launchguard.probe.Outcome.UP ? "ok" : "bad") + "\">" + p.outcome().tag()
                + "</span>").orElse(NONE);
    }

    /** A time as "3m 20s ago", exact in its tooltip and machine-readable in {@code datetime}. */
    static String time(Instant at, Instant now) {
        String iso = at.truncatedTo(ChronoUnit.MILLIS).toString();
        Duration ago = Duration.between(at, now);
        String words = ago.toSeconds() < 1 ? "just now" : Human.age(ago) + " ago";
        return "<time datetime=\"" + iso + "\" title=\"" + iso + "\">" + words + "</time>";
    }

    /** The recent respawns as bars against the target: a sparkline in a row, a chart on the job's page. */
    static String respawns(List<RespawnRecord> respawns) {
        if (respawns.isEmpty()) {
            return "<span class=\"muted\">none yet</span>";
        }
        return chart(respawns, 6, 120, 28, "spark") + " <span class=\"muted\">last "
                + Latency.format(JobJson.millis(respawns.get(respawns.size() - 1).total())) + "</span>";
    }

    /**
     * Bars of respawn latency, oldest left, a dashed line at the target; a bar over the target is
     * drawn in the alarm colour. The scale is the larger of 1.25 × the target and the slowest. A
     * sparkline (under 60 px high) draws its bars as two paths under one title, a few hundred bytes
     * for 20 respawns; a chart gives every bar its own title and labels the target.
     */
    static String chart(List<RespawnRecord> respawns, int bar, int width, int height, String cls) {
        double target = Metrics.RESPAWN_TARGET.toMillis();
        double[] ms = respawns.stream().mapToDouble(r -> JobJson.millis(r.total())).toArray();
        double worst = java.util.Arrays.stream(ms).max().orElse(0);
        double median = median(ms);
        double scale = Math.max(target * 1.25, worst);
        boolean spark = height < 60;
        int gap = Math.max(1, bar / 4);
        String summary = respawns.size() + (respawns.size() == 1 ? " respawn" : " respawns") + ", median " + Latency.format(median) + ", slowest "
                + Latency.format(worst) + ", target " + Metrics.RESPAWN_TARGET.toSeconds() + " s";
        StringBuilder svg = new StringBuilder("<svg class=\"").append(cls).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(summary).append("\">");
        if (spark) {
            svg.append("<title>").append(summary).append("</title>");
        }
        StringBuilder under = new StringBuilder();
        StringBuilder over = new StringBuilder();
        int x = width - respawns.size() * (bar + gap);
        for (int i = 0; i < ms.length; i++) {
            int h = Math.max(1, (int) Math.round(ms[i] / scale * (height - 2)));
            int left = Math.max(0, x);
            if (spark) {
                (ms[i] > target ? over : under).append('M').append(left).append(' ').append(height).append("v-").append(h)
                        .append('h').append(bar).append('v').append(h).append('z');
            } else {
                svg.append("<rect class=\"bar").append(ms[i] > target ? " over" : "").append("\" x=\"").append(left)
                        .append("\" y=\"").append(height - h).append("\" width=\"").append(bar).append("\" height=\"")
                        .append(h).append("\"><title>").append(Latency.format(ms[i])).append(" (")
                        .append(respawns.get(i).cause().tag()).append(")</title></rect>");
            }
            x += bar + gap;
        }
        if (under.length() > 0) {
            svg.append("<path class=\"bar\" d=\"").append(under).append("\"></path>");
        }
        if (over.length() > 0) {
            svg.append("<path class=\"bar over\" d=\"").append(over).append("\"></path>");
        }
        long y = Math.round(height - target / scale * (height - 2));
        svg.append("<line class=\"target\" x1=\"0\" x2=\"").append(width).append("\" y1=\"").append(y)
                .append("\" y2=\"").append(y).append("\"></line>");
        if (!spark) {
            // Room for words: the target's value on its line, the scale's top in the corner.
            svg.append("<text class=\"axis\" x=\"2\" y=\"").append(Math.max(10, y - 3)).append("\">")
                    .append(Metrics.RESPAWN_TARGET.toSeconds()).append(" s target</text>")
                    .append("<text class=\"axis\" x=\"2\" y=\"10\">").append(Latency.format(scale)).append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
