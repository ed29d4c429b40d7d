package dev.launchguard.report;

import java.nio.file.Path;
import java.util.List;

/** One input file of a report, read whole: chaos-campaign results or a JMH result. */
public sealed interface ReportInput permits ChaosRun, JmhRun {

    /** The file it was read from, as the user named it. */
    Path source();

    /** Every latency sample it holds, in file order. */
    List<Sample> samples();
}
