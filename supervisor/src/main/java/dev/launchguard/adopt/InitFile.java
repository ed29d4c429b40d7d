package dev.launchguard.adopt;

import dev.launchguard.duration.DurationSyntax;
import dev.launchguard.plist.LaunchdJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launchguard.yaml init writes: a new file with a comment for every choice, or new jobs merged
 * into a file that exists. A merge keeps every byte of the file except the block of jobs left out,
 * which init owns and rewrites: a job already in the file is never rewritten (its entry is the
 * user's), a job whose plist is gone is kept and named, and the new jobs go at the end of
 * {@code jobs:}. Free of I/O: the caller reads, checks that the result loads, and writes.
 */
public final class InitFile {

    static final String LEFT_OUT_START = "# launchguard init: jobs left out (this block is rewritten by each run of init)";
    static final String LEFT_OUT_END = "# end of the jobs left out";
    private static final Pattern JOBS_KEY = Pattern.compile("^jobs:\\s*(\\[\\s*\\])?\\s*(#.*)?$");
    private static final Pattern TOP_LEVEL = Pattern.compile("^[^\\s#-][^:]*:.*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)- ");
    private static final int COMMAND = 100;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The text to write and what it changed, one line each, for the person running init. */
    public record Result(String text, List<String> changes) {
        public Result {
            Objects.requireNonNull(text, "text");
            changes = List.copyOf(changes);
        }
    }

    /**
     * What the file says of an existing job, for the comparison a merge reports.
     *
     * @param liveness the target of its liveness probe (a URL, or host:port)
     */
    public record Existing(String label, String liveness) {
    }

    private InitFile() {
    }

    /**
     * A new file.
     *
     * @param plists the folder as it is written (absolute, or {@code ~/...})
     * @param stateDir the state folder of the engine that runs the jobs, with why, when one was found
     */
    public static Result fresh(String plists, Optional<StateDir> stateDir, List<Plan> plans, Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "# launchguard.yaml, written by `launchguard init` on " + STAMP.format(now) + " from the plists in " + plists + ".");
        line(out, "# Each probe was proposed from what answered on loopback; the comments say what answered and how fast.");
        line(out, "# Edit freely: running `launchguard init` again keeps your edits and only adds jobs it has not seen.");
        line(out, "# Every key: docs/configuration.md. Check the file: launchguard init --check; run it: launchguard run --config <this file>.");
        line(out, "plists: " + YamlText.scalar(plists));
        stateDir.ifPresent(s -> {
            s.why().forEach(w -> line(out, YamlText.comment("", w)));
            line(out, "stateDir: " + YamlText.scalar(s.path()));
        });
        List<String> changes = new ArrayList<>();
        List<Plan> watched = plans.stream().filter(Plan::watched).toList();
        line(out, watched.isEmpty() ? "jobs: []" : "jobs:");
        for (Plan plan : watched) {
            out.append(job(plan, "  "));
            changes.add("added " + plan.job().label() + ": " + ProbeText.summary(plan.proposal().orElseThrow()));
        }
        out.append(leftOut(plans));
        plans.stream().filter(p -> !p.watched()).forEach(p -> changes.add("left out " + p.job().label() + ": "
                + p.leftOut().orElseThrow()));
        return new Result(out.toString(), changes);
    }

    /**
     * {@code text} with the jobs it does not have yet added at the end of its {@code jobs:} list and
     * the block of jobs left out rewritten; every other line as it was.
     *
     * @param existing the jobs the file has, as it loaded
     */
    public static Result merge(String text, List<Existing> existing, List<Plan> plans, Path folder) {
        Map<String, Existing> have = new LinkedHashMap<>();
        existing.forEach(e -> have.put(e.label(), e));
        List<String> changes = new ArrayList<>();
        List<String> lines = new ArrayList<>(List.of(withoutLeftOut(text).split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<Plan> added = new ArrayList<>();
        for (Plan plan : plans) {
            Existing mine = have.get(plan.job().label());
            if (mine != null) {
                Optional<String> proposed = plan.proposal().flatMap(Proposal::liveness).map(ProposedProbe::target);
                if (proposed.isPresent() && !proposed.get().equals(mine.liveness())) {
                    changes.add("kept " + mine.label() + " as the file has it (liveness " + mine.liveness()
                            + "); discovery now proposes " + proposed.get() + ": change it by hand if that is right");
                } else {
                    changes.add("kept " + mine.label() + " as the file has it");
                }
            } else if (plan.watched()) {
                added.add(plan);
                changes.add("added " + plan.job().label() + ": " + ProbeText.summary(plan.proposal().orElseThrow()));
            } else {
                changes.add("left out " + plan.job().label() + ": " + plan.leftOut().orElseThrow());
            }
        }
        Set<String> discovered = new HashSet<>();
        plans.forEach(p -> discovered.add(p.job().label()));
        have.keySet().stream().filter(l -> !discovered.contains(l)).forEach(l -> changes.add("kept " + l
                + ", though no plist in " + folder + " has this label: remove its entry by hand if the job was retired"));
        if (!added.isEmpty()) {
            insert(lines, added);
        }
        String merged = String.join("\n", lines) + "\n" + leftOut(plans);
        return new Result(merged, changes);
    }

    /** Puts the new jobs after the last line of the {@code jobs:} block (a missing block is appended). */
    private static void insert(List<String> lines, List<Plan> added) {
        int key = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (JOBS_KEY.matcher(lines.get(i)).matches()) {
                key = i;
                break;
            }
        }
        if (key < 0) {
            lines.add("jobs:");
            key = lines.size() - 1;
        } else if (lines.get(key).contains("[")) {
            lines.set(key, "jobs:");
        }
        String indent = "  ";
        boolean itemSeen = false;
        int end = key + 1;
        for (int i = key + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (TOP_LEVEL.matcher(line).matches()) {
                break;
            }
            Matcher item = ITEM.matcher(line);
            if (!itemSeen && item.find()) {
                indent = item.group(1); // new entries line up with the file's own
                itemSeen = true;
            }
            if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                end = i + 1; // after the last line with content: comments and blank lines before the next key stay there
            }
        }
        List<String> block = new ArrayList<>();
        for (Plan plan : added) {
            block.addAll(List.of(job(plan, indent).split("\n")));
        }
        lines.addAll(end, block);
    }

    private static String withoutLeftOut(String text) {
        int start = text.indexOf(LEFT_OUT_START);
        if (start < 0) {
            return text;
        }
        int end = text.indexOf(LEFT_OUT_END, start);
        if (end < 0) {
            return text; // the end marker was edited away: leave the block as the user has it
        }
        int after = text.indexOf('\n', end);
        return text.substring(0, start) + (after < 0 ? "" : text.substring(after + 1));
    }

    /** One job's entry: what was seen as comments, then the keys, each probe after its reasons. */
    static String job(Plan plan, String indent) {
        Proposal proposal = plan.proposal().orElseThrow();
        DiscoveredJob job = plan.job();
        String keys = indent + "  ";
        StringBuilder out = new StringBuilder();
        line(out, YamlText.comment(indent, job.label() + ": " + seen(plan)));
        job.job().ifPresent(j -> line(out, YamlText.comment(indent, launchd(j))));
        proposal.warnings().forEach(w -> line(out, YamlText.comment(indent, "warning: " + w)));
        line(out, indent + "- label: " + YamlText.scalar(job.label()));
        proposal.startup().ifPresent(p -> {
            p.why().forEach(w -> line(out, YamlText.comment(keys, w)));
            proposal.budgetWhy().forEach(w -> line(out, YamlText.comment(keys, w)));
            line(out, keys + "startup:");
            probeKeys(out, p, keys + "  ");
            proposal.startupBudget().ifPresent(b -> line(out, keys + "  budget: " + DurationSyntax.text(b)));
        });
        ProposedProbe liveness = proposal.liveness().orElseThrow();
        liveness.why().forEach(w -> line(out, YamlText.comment(keys, w)));
        line(out, keys + "liveness:");
        probeKeys(out, liveness, keys + "  ");
        proposal.readiness().ifPresent(p -> {
            p.why().forEach(w -> line(out, YamlText.comment(keys, w)));
            line(out, keys + "readiness:");
            probeKeys(out, p, keys + "  ");
        });
        return out.toString();
    }

    private static void probeKeys(StringBuilder out, ProposedProbe probe, String indent) {
        line(out, indent + probe.kind() + ": " + YamlText.scalar(probe.target()));
        probe.method().ifPresent(m -> line(out, indent + "method: " + m));
        probe.body().ifPresent(b -> line(out, indent + "body: " + YamlText.scalar(b)));
        probe.expectStatus().ifPresent(s -> line(out, indent + "expectStatus: " + s));
        probe.interval().ifPresent(d -> line(out, indent + "interval: " + DurationSyntax.text(d)));
        probe.timeout().ifPresent(d -> line(out, indent + "timeout: " + DurationSyntax.text(d)));
        probe.failureThreshold().ifPresent(n -> line(out, indent + "failureThreshold: " + n));
        probe.tlsVerify().ifPresent(v -> line(out, indent + "tlsVerify: " + v));
    }

    /** "running, pid 42 for 3m 10s; listens on 8080 (127.0.0.1), 9090 (0.0.0.0)" */
    static String seen(Plan plan) {
        DiscoveredJob job = plan.job();
        StringBuilder s = new StringBuilder(job.seen().word());
        if (job.seen() instanceof Seen.Running r) {
            s.append(", pid ").append(r.pid());
            plan.age().ifPresent(a -> s.append(" for ").append(Durations.age(a)));
        }
        if (!job.ports().isEmpty()) {
            List<String> ports = new ArrayList<>();
            job.ports().forEach(p -> ports.add(p.port() + " (" + p.bound() + ")"));
            s.append("; listens on ").append(String.join(", ", ports));
        }
        return s.toString();
    }

    /** What launchd does with the job: "runs /usr/bin/node server.js; KeepAlive, RunAtLoad; logs /x/out.log". */
    static String launchd(LaunchdJob job) {
        String command = String.join(" ", EngineProcesses.command(job));
        if (command.length() > COMMAND) {
            command = command.substring(0, COMMAND - 3) + "...";
        }
        List<String> keys = new ArrayList<>();
        if (job.keepAlive().enabled()) {
            keys.add(job.keepAlive().conditional() ? "KeepAlive (conditional)" : "KeepAlive");
        }
        if (job.runAtLoad()) {
            keys.add("RunAtLoad");
        }
        job.startInterval().ifPresent(i -> keys.add("StartInterval " + i.toSeconds() + "s"));
        if (!job.startCalendarInterval().isEmpty()) {
            keys.add("StartCalendarInterval");
        }
        List<String> logs = new ArrayList<>();
        job.standardOutPath().ifPresent(p -> logs.add(p.toString()));
        job.standardErrorPath().filter(p -> !logs.contains(p.toString())).ifPresent(p -> logs.add(p.toString()));
        return "runs " + command + (keys.isEmpty() ? "" : "; " + String.join(", ", keys))
                + (logs.isEmpty() ? "; no log file" : "; logs " + String.join(", ", logs));
    }

    private static String leftOut(List<Plan> plans) {
        List<Plan> out = plans.stream().filter(p -> !p.watched()).toList();
        if (out.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        line(text, LEFT_OUT_START);
        for (Plan plan : out) {
            line(text, YamlText.comment("", "- " + plan.job().label() + " (" + plan.job().plist().getFileName() + "): "
                    + plan.leftOut().orElseThrow()));
        }
        line(text, LEFT_OUT_END);
        return text.toString();
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    /**
     * The state folder to write, and why: the engine that runs the jobs keeps its state there, so a
     * launchguard started on this file adopts them instead of starting copies.
     */
    public record StateDir(String path, List<String> why) {
        public StateDir {
            Objects.requireNonNull(path, "path");
            why = List.copyOf(why);
        }
    }
}
