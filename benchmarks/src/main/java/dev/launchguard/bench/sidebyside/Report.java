package dev.launchguard.bench.sidebyside;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The comparison table (Markdown, every figure a median with its range and the ratio launchguard /
 * other) and the machine-readable results: machine, load before and after, settings, every trial.
 */
final class Report {

    /** One line of the table: the same figure for launchguard and for one other tool. */
    record Row(String figure, String other, Stat launchguard, Stat otherStat, String pattern, String lgNote,
            String otherNote) {

        Double ratio() {
            return launchguard.empty() || otherStat.empty() || otherStat.median() == 0 ? null
                    : launchguard.median() / otherStat.median();
        }
    }

    private final List<FaultSeries> faults;
    private final List<ProbeSeries> probes;
    private final Settings settings;
    private final List<Row> rows = new ArrayList<>();

    Report(Settings settings, List<FaultSeries> faults, List<ProbeSeries> probes) {
        this.settings = settings;
        this.faults = faults;
        this.probes = probes;
        faultRows("stop", "instant", "SIGSTOP → healthy, instant-start target (ms)");
        faultRows("stop", "slow", "SIGSTOP → healthy, 4 s-start target (ms)");
        startRows("slow", "target starts per trial (fault → healthy, or the bound), 4 s-start target");
        faultRows("kill", "instant", "kill -9 → healthy, instant-start target (ms)");
        rssRows();
        probeRows();
    }

    private void faultRows(String fault, String target, String figure) {
        series("launchguard", target, fault).ifPresent(lg -> others(target, fault).forEach(other -> rows.add(
                new Row(figure, other.tool(), millis(lg), millis(other), "%.0f", healed(lg), healed(other)))));
    }

    private void startRows(String target, String figure) {
        series("launchguard", target, "stop").ifPresent(lg -> others(target, "stop").forEach(other -> rows.add(
                new Row(figure, other.tool(), starts(lg), starts(other), "%.0f", "", "never healthy in "
                        + settings.bound().toSeconds() + " s: " + (other.attempted() - other.healed()) + "/"
                        + other.attempted()))));
    }

    /** The series of the other tools for the same target and fault. */
    private List<FaultSeries> others(String target, String fault) {
        return faults.stream().filter(f -> !f.tool().equals("launchguard") && f.target().equals(target)
                && f.fault().equals(fault)).toList();
    }

    private void rssRows() {
        for (String other : List.of("monit", "supervisord")) {
            Optional<FaultSeries> lg = series("launchguard", "instant", null);
            Optional<FaultSeries> ot = series(other, "instant", null);
            if (lg.isPresent() && ot.isPresent()) {
                rows.add(new Row("RSS idle, supervising one job (MiB)", other, Stat.single(lg.get().rssIdleKib() / 1024.0),
                        Stat.single(ot.get().rssIdleKib() / 1024.0), "%.1f", "", ""));
                rows.add(new Row("RSS busy, peak during faults (MiB)", other, Stat.single(peak("launchguard") / 1024.0),
                        Stat.single(peak(other) / 1024.0), "%.1f", "", ""));
            }
        }
    }

    private void probeRows() {
        if (probes.size() != 2) {
            return;
        }
        ProbeSeries lg = probes.get(0);
        ProbeSeries bb = probes.get(1);
        String other = bb.engine();
        rows.add(new Row("probes/s, " + settings.inFlight() + " in flight", other,
                Stat.of(ProbeSeries.rate(lg.saturation())), Stat.of(ProbeSeries.rate(bb.saturation())), "%.0f",
                failures(lg), failures(bb)));
        rows.add(new Row(String.format(Locale.ROOT, "CPU s per 1,000 probes at %.0f/s, engine process", settings.rate()),
                other, Stat.of(ProbeSeries.cpuPerThousand(lg.paced(), false, true)),
                Stat.of(ProbeSeries.cpuPerThousand(bb.paced(), false, false)), "%.3f", "incl. load generator", ""));
        rows.add(new Row(String.format(Locale.ROOT, "CPU s per 1,000 probes at %.0f/s, engine + load generator",
                settings.rate()), other, Stat.of(ProbeSeries.cpuPerThousand(lg.paced(), true, true)),
                Stat.of(ProbeSeries.cpuPerThousand(bb.paced(), true, false)), "%.3f", "", ""));
        rows.add(new Row("CPU s per 1,000 probes at saturation, engine process", other,
                Stat.of(ProbeSeries.cpuPerThousand(lg.saturation(), false, true)),
                Stat.of(ProbeSeries.cpuPerThousand(bb.saturation(), false, false)), "%.3f", "incl. load generator", ""));
        rows.add(new Row("RSS idle, engine process (MiB)", other, Stat.single(lg.rssIdleKib() / 1024.0),
                Stat.single(bb.rssIdleKib() / 1024.0), "%.1f", "incl. load generator", ""));
        rows.add(new Row("RSS busy, engine process peak (MiB)", other, Stat.single(lg.rssBusyKib() / 1024.0),
                Stat.single(bb.rssBusyKib() / 1024.0), "%.1f", "incl. load generator", ""));
    }

    void print() {
        System.out.println();
        System.out.println("| figure | vs | launchguard | other | launchguard / other |");
        System.out.println("|---|---|---:|---:|---:|");
        for (Row r : rows) {
            Double ratio = r.ratio();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.figure(), r.other(),
                    join(r.launchguard().format(r.pattern()), r.lgNote()), join(r.otherStat().format(r.pattern()), r.otherNote()),
                    ratio != null ? String.format(Locale.ROOT, "%.2f×", ratio)
                            : r.otherStat().empty() ? "n/a: " + r.other() + " never healthy" : "n/a");
        }
        System.out.println();
        for (FaultSeries f : faults) {
            f.notes().forEach(n -> System.out.println("note: " + f.tool() + " " + f.fault() + " " + f.target() + ": " + n));
        }
    }

    void write(Path file, Map<String, Object> run) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(run);
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("trials", settings.trials());
        used.put("boundSeconds", settings.bound().toSeconds());
        used.put("monitStartTimeoutSeconds", MonitTool.START_TIMEOUT_SECONDS);
        used.put("pacedRate", settings.rate());
        used.put("phaseSeconds", settings.phase().toSeconds());
        used.put("inFlight", settings.inFlight());
        used.put("endpoints", settings.endpoints());
        used.put("driverJvmOptions", settings.driverJvmOptions());
        json.put("settings", used);
        json.put("rows", rows.stream().map(Report::rowJson).toList());
        json.put("faults", faults.stream().map(Report::faultJson).toList());
        json.put("probes", probes);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private static Map<String, Object> rowJson(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", r.figure());
        m.put("other", r.other());
        // No samples (a tool that never got healthy): null, since JSON has no NaN.
        m.put("launchguard", r.launchguard().empty() ? null : r.launchguard());
        m.put("otherValue", r.otherStat().empty() ? null : r.otherStat());
        m.put("ratio", r.ratio());
        m.put("launchguardNote", r.lgNote());
        m.put("otherNote", r.otherNote());
        return m;
    }

    private static Map<String, Object> faultJson(FaultSeries f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", f.tool());
        m.put("target", f.target());
        m.put("fault", f.fault());
        m.put("asked", f.asked());
        m.put("attempted", f.attempted());
        m.put("healed", f.healed());
        m.put("recoveriesMs", f.recoveries().stream().map(d -> d.toNanos() / 1e6).toList());
        m.put("startsPerTrial", f.starts());
        m.put("rssIdleKib", f.rssIdleKib());
        m.put("rssBusyKib", f.rssBusyKib());
        m.put("notes", f.notes());
        return m;
    }

    private Optional<FaultSeries> series(String tool, String target, String fault) {
        return faults.stream().filter(f -> f.tool().equals(tool) && f.target().equals(target)
                && (fault == null || f.fault().equals(fault))).findFirst();
    }

    private long peak(String tool) {
        return faults.stream().filter(f -> f.tool().equals(tool)).mapToLong(FaultSeries::rssBusyKib).max().orElse(0);
    }

    private static Stat millis(FaultSeries f) {
        return Stat.of(f.recoveries().stream().map(Duration::toNanos).map(n -> n / 1e6).toList());
    }

    private static Stat starts(FaultSeries f) {
        return Stat.of(f.starts().stream().map(Integer::doubleValue).toList());
    }

    private static String healed(FaultSeries f) {
        return "healed " + f.healed() + "/" + f.attempted();
    }

    private static String failures(ProbeSeries p) {
        return p.failures() == 0 ? "" : p.failures() + " probes failed over all phases";
    }

    private static String join(String value, String note) {
        return note.isEmpty() ? value : value + "; " + note;
    }
}
