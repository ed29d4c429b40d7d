package dev.launchguard.adopt;

import java.util.ArrayList;
import java.util.List;

/** The table init prints: one row per job of the folder, what it found and what it chose. */
public final class Summary {

    private static final int WHY = 70;

    private Summary() {
    }

    /** Columns LABEL, STATE, PID, PORTS, PROBE, WHY; the why of a job left out is cut to one line. */
    public static String table(List<Plan> plans) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"LABEL", "STATE", "PID", "PORTS", "PROBE", "NOTE"});
        for (Plan plan : plans) {
            DiscoveredJob job = plan.job();
            String pid = job.seen() instanceof Seen.Running r ? Long.toString(r.pid()) : "-";
            List<String> ports = new ArrayList<>();
            job.ports().forEach(p -> ports.add(Integer.toString(p.port())));
            String note = plan.leftOut().map(w -> "left out: " + w)
                    .orElseGet(() -> plan.proposal().map(p -> p.warnings().isEmpty() ? "" : "warning: " + p.warnings().get(0)).orElse(""));
            rows.add(new String[] {job.label(), job.seen().word(), pid, ports.isEmpty() ? "-" : String.join(",", ports),
                plan.proposal().map(ProbeText::kind).orElse("-"), cut(note)});
        }
        int[] width = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cut(String note) {
        return note.length() <= WHY ? note : note.substring(0, WHY - 3) + "...";
    }
}
