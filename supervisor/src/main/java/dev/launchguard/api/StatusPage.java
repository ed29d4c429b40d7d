package dev.launchguard.api;

import dev.launchguard.fleet.JobView;
import dev.launchguard.markup.Markup;
import dev.launchguard.time.Latency;
import java.util.List;

/**
 * The status page at {@code /}: one self-contained HTML table of jobs, state, PID and last respawn
 * latency that reloads itself. No scripts and no external assets, so it works offline and the
 * page's Content-Security-Policy can forbid everything but inline style.
 */
final class StatusPage {

    /** Fast enough to watch a recovery happen, slow enough to cost nothing. */
    static final int REFRESH_SECONDS = 2;

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private static final String HEAD = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="%d">
            <title>launchguard</title>
            <style>
            body { font: 14px system-ui, sans-serif; margin: 2em; }
            table { border-collapse: collapse; }
            th, td { padding: .3em 1em; border-bottom: 1px solid #ddd; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .READY { color: #137333; } .STARTING, .RECOVERING, .SUSPECT { color: #b06000; }
            .WEDGED, .CRASHED, .QUARANTINED { color: #c5221f; font-weight: bold; } .STOPPED, .DISABLED { color: #5f6368; }
            </style>
            </head>
            <body>
            <h1>launchguard</h1>
            <table>
            <thead><tr><th>job</th><th>state</th><th>since</th><th>pid</th><th>last respawn</th><th>why</th></tr></thead>
            <tbody>
            """.formatted(REFRESH_SECONDS);

    private static final String TAIL = """
            </tbody>
            </table>
            <p><a href="/metrics">metrics</a> · <a href="/api/v1/jobs">jobs as JSON</a></p>
            </body>
            </html>
            """;

    private StatusPage() {
    }

    static String render(List<JobView> jobs) {
        StringBuilder html = new StringBuilder(HEAD);
        if (jobs.isEmpty()) {
            html.append("<tr><td colspan=\"6\">no jobs configured</td></tr>\n");
        }
        for (JobView job : jobs) {
            html.append("<tr><td>").append(Markup.escape(job.label()))
                    .append("</td><td class=\"").append(job.state().name()).append("\">").append(job.state().name())
                    .append("</td><td>").append(Markup.escape(job.since().toString()))
                    .append("</td><td class=\"num\">")
                    .append(job.pid().isPresent() ? Long.toString(job.pid().getAsLong()) : "–")
                    .append("</td><td class=\"num\">")
                    .append(job.lastRespawn().map(r -> Latency.format(JobJson.millis(r.total()))).orElse("–"))
                    .append("</td><td>").append(Markup.escape(job.reason().orElse("")))
                    .append(job.hint().map(h -> " — run <code>" + Markup.escape(h) + "</code>").orElse(""))
                    .append("</td></tr>\n");
        }
        return html.append(TAIL).toString();
    }
}
