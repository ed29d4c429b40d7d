package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kept snapshot (docs/operations.md, Snapshots) as text for a terminal: a header (job, pid,
 * reason, when, time spent against the budget, complete or what was cut), the process's CPU, RSS
 * and open files, its threads grouped by state and wait channel with counts, the thread dump, and
 * the log tails. Fields a snapshot lacks (a crash has no threads) are left out.
 */
public final class SnapshotText {

    /** Open files listed before the rest are counted. */
    private static final int FILES_SHOWN = 20;

    private SnapshotText() {
    }

    public static String render(JsonNode s) {
        StringBuilder out = new StringBuilder();
        out.append("Snapshot ").append(s.path("id").asText()).append(" of ").append(s.path("label").asText())
                .append(" pid ").append(s.path("pid").asLong()).append('\n');
        out.append("  reason:   ").append(s.path("reason").asText()).append(" — ").append(s.path("evidence").asText())
                .append('\n');
        out.append("  at:       ").append(s.path("at").asText()).append('\n');
        out.append("  gathered: ").append(s.path("elapsedMs").asLong()).append(" ms of a ")
                .append(s.path("budgetMs").asLong()).append(" ms budget, ");
        if (s.path("complete").asBoolean()) {
            out.append("complete\n");
        } else {
            out.append("incomplete:");
            s.path("cut").forEach(c -> out.append(' ').append(c.asText()).append(';'));
            out.setLength(out.length() - (s.path("cut").isEmpty() ? 0 : 1));
            out.append('\n');
        }
        s.path("notes").forEach(n -> out.append("  note:     ").append(n.asText()).append('\n'));
        deadlock(s.path("threadDump").path("text").asText("")).ifPresent(d -> out.append(
                "\nDeadlock, as the JVM found it (the whole dump is below)\n").append(indent(d)));
        process(out, s.path("process"));
        threads(out, s.path("threads"));
        dump(out, s.path("threadDump"));
        logs(out, s.path("logs"));
        return out.toString();
    }

    private static void process(StringBuilder out, JsonNode p) {
        if (p.isMissingNode() || p.isEmpty()) {
            return;
        }
        out.append("\nProcess\n");
        if (p.has("state")) {
            out.append("  state ").append(p.path("state").asText());
        }
        if (p.has("cpuSeconds")) {
            out.append(String.format(Locale.ROOT, ", CPU %.2f s", p.path("cpuSeconds").asDouble()));
        }
        if (p.has("rssBytes")) {
            out.append(String.format(Locale.ROOT, ", RSS %.1f MiB", p.path("rssBytes").asLong() / 1048576.0));
        }
        if (p.has("threadCount")) {
            out.append(", ").append(p.path("threadCount").asLong()).append(" threads");
        }
        out.append('\n');
        if (p.has("command")) {
            out.append("  command ").append(p.path("command").asText()).append('\n');
        }
        if (p.has("openFileCount")) {
            long count = p.path("openFileCount").asLong();
            out.append("  open files: ").append(count).append('\n');
            int shown = 0;
            for (JsonNode f : p.path("openFiles")) {
                if (shown++ == FILES_SHOWN) {
                    out.append("    ... ").append(count - FILES_SHOWN).append(" more\n");
                    break;
                }
                out.append("    ").append(f.asText()).append('\n');
            }
        }
        p.path("children").forEach(c -> out.append("  child ").append(c.path("pid").asLong()).append(' ')
                .append(c.path("name").asText()).append(" state ").append(c.path("state").asText())
                .append(" wchan ").append(c.path("wchan").asText("-")).append('\n'));
        for (String key : new String[] {"psText", "threadsText", "openFilesText"}) {
            if (p.hasNonNull(key) && !p.path(key).asText().isBlank()) {
                out.append(indent(p.path(key).asText()));
            }
        }
    }

    /** Threads by state and wait channel, the largest group first: a pile-up on one lock stands out. */
    private static void threads(StringBuilder out, JsonNode threads) {
        if (!threads.isArray() || threads.isEmpty()) {
            return;
        }
        Map<String, Integer> groups = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        for (JsonNode t : threads) {
            String key = t.path("state").asText() + " " + t.path("wchan").asText("-");
            groups.merge(key, 1, Integer::sum);
            names.merge(key, t.path("name").asText(), (a, b) -> a.length() > 60 ? a : a + ", " + b);
        }
        out.append("\nThreads (").append(threads.size()).append(") by state and wait channel\n");
        groups.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e -> out
                .append(String.format(Locale.ROOT, "  %4d  %-40s %s%n", e.getValue(), e.getKey(),
                        names.get(e.getKey()))));
    }

    /**
     * The JVM's own deadlock report in a thread dump ({@code Found one Java-level deadlock:} through
     * {@code Found N deadlock(s).}), which jcmd prints after every thread: the first thing an operator
     * wants, at the end of a long text.
     */
    static java.util.Optional<String> deadlock(String dump) {
        int start = dump.indexOf("Found one Java-level deadlock:");
        if (start < 0) {
            start = dump.indexOf("Java-level deadlocks:");
            start = start < 0 ? -1 : dump.lastIndexOf('\n', start) + 1;
        }
        if (start < 0) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher end = java.util.regex.Pattern.compile("Found \\d+ deadlocks?\\.").matcher(dump);
        int stop = end.find(start) ? end.end() : dump.length();
        return java.util.Optional.of(dump.substring(start, stop).strip() + "\n");
    }

    private static void dump(StringBuilder out, JsonNode d) {
        if (d.isMissingNode()) {
            return;
        }
        out.append("\nThread dump (").append(d.path("tool").asText()).append(", ").append(d.path("status").asText())
                .append(")\n");
        if (d.hasNonNull("note")) {
            out.append("  ").append(d.path("note").asText()).append('\n');
        }
        if (!d.path("text").asText().isBlank()) {
            out.append(indent(d.path("text").asText()));
        }
    }

    private static void logs(StringBuilder out, JsonNode logs) {
        logs.fields().forEachRemaining(e -> {
            out.append("\nLast lines of ").append(e.getKey()).append(" (").append(e.getValue().path("path").asText())
                    .append(")\n");
            out.append(indent(e.getValue().path("tail").asText()));
        });
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        text.stripTrailing().lines().forEach(l -> out.append("  ").append(l).append('\n'));
        return out.toString();
    }
}
