package dev.launchguard.chaos;

import dev.launchguard.time.Latency;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The few lines a campaign prints at its end; {@code launchguard report} turns the results into the full report. */
public final class CampaignSummary {

    private CampaignSummary() {
    }

    public static void print(PrintWriter out, List<ChaosEvent> events, CampaignVerdict verdict) {
        Map<String, List<ChaosEvent>> groups = new TreeMap<>();
        events.forEach(e -> groups.computeIfAbsent(e.label() + " " + e.fault().wireName(), k -> new ArrayList<>()).add(e));
        out.println("respawn latency (launchguard's measure), nearest-rank percentiles:");
        groups.forEach((group, list) -> {
            double[] sorted = list.stream().filter(ChaosEvent::recovered).mapToDouble(e -> e.respawnMillis().getAsDouble())
                    .sorted().toArray();
            out.println("  " + group + ": " + sorted.length + "/" + list.size() + " recovered"
                    + (sorted.length == 0 ? "" : ", p50 " + Latency.format(percentile(sorted, 50)) + ", p99 "
                            + Latency.format(percentile(sorted, 99)) + ", max " + Latency.format(sorted[sorted.length - 1])));
        });
        out.println("verdict: " + verdict.headline());
        out.println("  " + verdict.recovered() + "/" + verdict.events() + " recovered, " + verdict.overTarget().size()
                + " over the " + CampaignVerdict.targetText(verdict.target()) + " target, "
                + (verdict.allReady() ? "every job READY" : "not READY: " + String.join("; ", verdict.notReady())) + ", " + verdict.orphans().size() + " orphans, "
                + verdict.squatters().size() + " squatters, " + verdict.duplicates().size() + " duplicates, "
                + verdict.unprovokedRestarts().size() + " unprovoked restarts");
        verdict.overTarget().forEach(o -> out.println("  over the target: " + slow(o)));
        verdict.orphans().forEach(o -> out.println("  orphan: " + o.label() + " pid " + o.pid() + ": " + o.command()));
        verdict.squatters().forEach(s -> out.println("  squatter: " + s.label() + " port " + s.port() + " pid " + s.pid()
                + ": " + s.command()));
        verdict.duplicates().forEach(d -> out.println("  duplicate: " + d.label() + " pids " + d.pids() + ": " + d.command()));
        verdict.unprovokedRestarts().forEach(u -> out.println("  unprovoked restart: " + u.label() + " at " + u.at()
                + " pid " + u.oldPid() + ": " + u.cause()));
    }

    /** {@code event 17: dev.example.model exit (crash), respawn 18.88 s}: one respawn over the target. */
    public static String slow(CampaignVerdict.SlowRespawn o) {
        return "event " + o.seq() + ": " + o.label() + " " + o.fault().wireName()
                + o.cause().map(c -> " (" + c + ")").orElse("") + ", respawn " + Latency.format(o.respawnMillis());
    }

    /** Nearest rank: the smallest value with at least {@code p} percent of the values at or below it. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
