package dev.launchguard.report;

import dev.launchguard.chaos.CampaignHeader;
import dev.launchguard.chaos.CampaignVerdict;
import dev.launchguard.chaos.ChaosEvent;
import dev.launchguard.chaos.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Markdown of one chaos campaign: what was planned, the verdict against the report's target (or
 * that there is none) with every respawn over it, and every event that did not recover.
 */
final class CampaignSection {

    private CampaignSection() {
    }

    /** {@code target}: the report's, which the campaign's verdict is judged against. */
    static String render(ChaosRun run, Duration target) {
        CampaignHeader c = run.campaign();
        StringBuilder md = new StringBuilder();
        md.append("## Campaign ").append(MarkdownTable.code(run.source().toString())).append("\n\n");
        Instant end = run.verdict().map(CampaignVerdict::endedAt)
                .orElseGet(() -> run.events().isEmpty() ? c.startedAt() : run.events().get(run.events().size() - 1)
                        .faultAt());
        md.append(new MarkdownTable(7, "seed", "order", "faults planned", "events recorded", "started",
                run.verdict().isPresent() ? "ended" : "last event", "duration")
                .row(c.seed().isPresent() ? Long.toString(c.seed().getAsLong()) : MarkdownTable.NONE, c.order(),
                        Integer.toString(c.count()), Integer.toString(run.events().size()), c.startedAt().toString(),
                        end.toString(), duration(Duration.between(c.startedAt(), end)))
                .render());
        md.append("\nFault kinds: ").append(c.faults().stream().map(Fault::wireName).collect(Collectors.joining(", ")))
                .append(". Jobs: ")
                .append(c.labels().stream().map(MarkdownTable::code).collect(Collectors.joining(", ")))
                .append(". launchguard at ").append(c.url()).append(".\n\n");
        run.verdict().ifPresentOrElse(v -> verdict(md, run, v, target), () -> noVerdict(md, run, target));
        md.append("\n### Events that did not recover\n\n");
        List<ChaosEvent> failed = run.unrecovered();
        if (failed.isEmpty()) {
            md.append("Every event recovered.\n");
        } else {
            MarkdownTable table = new MarkdownTable(6, "seq", "label", "fault", "fault at", "old pid", "error");
            failed.forEach(e -> table.row(Long.toString(e.seq()), MarkdownTable.code(e.label()), e.fault().wireName(),
                    e.faultAt().toString(), oldPid(e), e.error().orElse(MarkdownTable.NONE)));
            md.append(table.render());
        }
        return md.toString();
    }

    /** The instance the fault hit; none when the event failed before one was known. */
    private static String oldPid(ChaosEvent e) {
        return e.oldPid().isPresent() ? Long.toString(e.oldPid().getAsLong()) : MarkdownTable.NONE;
    }

    private static void verdict(StringBuilder md, ChaosRun run, CampaignVerdict recorded, Duration target) {
        CampaignVerdict v = recorded.against(target, run.events());
        String targetText = CampaignVerdict.targetText(target);
        md.append("**Verdict: ").append(v.headline()).append("** — ").append(v.recovered()).append(" of ")
                .append(v.events()).append(" events recovered, ").append(v.overTarget().size())
                .append(" of them slower than the ").append(targetText).append(" target; ")
                .append(v.allReady() ? "every job READY at the end" : "NOT every job READY at the end")
                .append(".\n\n");
        md.append(new MarkdownTable(8, "events", "recovered", "over " + targetText, "all jobs READY", "orphans",
                "squatters", "duplicates", "unprovoked restarts")
                .row(Integer.toString(v.events()), Integer.toString(v.recovered()), Integer.toString(v.overTarget().size()),
                        v.allReady() ? "yes" : "no", Integer.toString(v.orphans().size()),
                        Integer.toString(v.squatters().size()), Integer.toString(v.duplicates().size()),
                        Integer.toString(v.unprovokedRestarts().size()))
                .render());
        if (v.events() != run.events().size()) {
            md.append("\nThe verdict counts ").append(v.events()).append(" events; the file holds ")
                    .append(run.events().size()).append(".\n");
        }
        if (!recorded.target().equals(target)) {
            md.append("\nThe campaign itself judged against a target of ")
                    .append(CampaignVerdict.targetText(recorded.target())).append(" and recorded ")
                    .append(recorded.headline()).append("; this report judges against ").append(targetText)
                    .append(" (`--target`).\n");
        }
        overTarget(md, v.overTarget(), targetText);
        list(md, "Orphans", v.orphans(), o -> MarkdownTable.code(o.label()) + " pid " + o.pid() + ": "
                + MarkdownTable.code(o.command()));
        list(md, "Port squatters", v.squatters(), s -> MarkdownTable.code(s.label()) + " port " + s.port()
                + " held by pid " + s.pid() + ": " + MarkdownTable.code(s.command()));
        list(md, "Duplicate instances", v.duplicates(), d -> MarkdownTable.code(d.label()) + " pids "
                + d.pids().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        list(md, "Unprovoked restarts", v.unprovokedRestarts(), r -> MarkdownTable.code(r.label()) + " at " + r.at()
                + " (" + r.cause() + ")");
    }

    private static void noVerdict(StringBuilder md, ChaosRun run, Duration target) {
        md.append("**No verdict**: the file ends after ").append(run.events().size()).append(" of ")
                .append(run.campaign().count()).append(" planned events without a verdict line, so the campaign was ")
                .append("interrupted; nothing is known of orphans, squatters, duplicates or unprovoked restarts.\n");
        overTarget(md, CampaignVerdict.SlowRespawn.of(run.events(), target), CampaignVerdict.targetText(target));
    }

    /** Each respawn over the target, with its event, job, fault, cause and latency. */
    private static void overTarget(StringBuilder md, List<CampaignVerdict.SlowRespawn> slow, String targetText) {
        if (slow.isEmpty()) {
            return;
        }
        md.append("\nRespawns over the ").append(targetText).append(" target:\n\n");
        MarkdownTable table = new MarkdownTable(4, "seq", "label", "fault", "cause", "respawn");
        slow.forEach(o -> table.row(Long.toString(o.seq()), MarkdownTable.code(o.label()), o.fault().wireName(),
                o.cause().orElse(MarkdownTable.NONE), MarkdownTable.ms(o.respawnMillis())));
        md.append(table.render());
    }

    private static <T> void list(StringBuilder md, String heading, List<T> items, Function<T, String> line) {
        if (!items.isEmpty()) {
            md.append('\n').append(heading).append(":\n\n");
            items.forEach(item -> md.append("- ").append(line.apply(item).replaceAll("\\R", " ")).append('\n'));
        }
    }

    /** {@code 1 h 2 min 3 s}, {@code 4 min 5 s}, {@code 59 s}. */
    static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        long h = seconds / 3600;
        long min = seconds % 3600 / 60;
        long s = seconds % 60;
        return (h > 0 ? h + " h " : "") + (h > 0 || min > 0 ? min + " min " : "") + s + " s";
    }
}
