package dev.launchguard.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Gathers one snapshot within its budget: the cheap facts first (process table, log tails), then
 * the thread dump with whatever is left. Whatever runs over is cut and named in {@code cut}; the
 * rest is kept.
 */
final class Gatherer {

    private final Duration budget;
    private final int maxBytes;
    private final DumpTools tools;
    private final LogTails tails;
    private final ProcFacts proc;
    private final LongSupplier nanos;

    Gatherer(Duration budget, int maxBytes, DumpTools tools, LogTails tails, LongSupplier nanos) {
        this.budget = budget;
        this.maxBytes = maxBytes;
        this.tools = tools;
        this.tails = tails;
        this.proc = new ProcFacts(Path.of("/proc"));
        this.nanos = nanos;
    }

    /** The live instance {@code pid} of {@code label}, before its kill. */
    ObjectNode live(ObjectNode snapshot, String label, long pid) {
        Budget b = new Budget(budget, nanos);
        ArrayNode cut = snapshot.putArray("cut");
        ArrayNode notes = snapshot.putArray("notes");
        ObjectNode process = snapshot.putObject("process");
        if (ProcFacts.available()) {
            if (!proc.process(pid, process)) {
                notes.add("process " + pid + " was gone before its facts were read");
            }
            snapshot.set("threads", proc.threads(pid));
        } else {
            psFacts(pid, process, b, cut);
        }
        tails.into(snapshot.putObject("logs"), label, notes);
        String state = process.path("state").asText();
        if (state.equals("T") || state.equals("t")) {
            snapshot.set("threadDump", stopped(state, notes));
        } else {
            snapshot.set("threadDump", threadDump(pid, b, cut, notes));
        }
        snapshot.put("elapsedMs", b.spent().toMillis());
        snapshot.put("complete", cut.isEmpty());
        return snapshot;
    }

    /**
     * A stopped process (SIGSTOP, or held by a tracer) runs none of its own threads: a JVM's attach
     * listener never answers jcmd, so the dump would only spend the whole budget before the kill.
     */
    private static ObjectNode stopped(String state, ArrayNode notes) {
        String why = "the process is stopped (state " + state + "): no thread-dump tool can attach, its threads' "
                + "states are kept";
        notes.add(why);
        ObjectNode dump = JsonNodeFactory.instance.objectNode();
        dump.put("tool", "none");
        dump.put("status", ToolRun.Status.SKIPPED.tag());
        dump.put("note", why);
        return dump;
    }

    /** An instance that already exited: only its log tails are left to keep. */
    ObjectNode exited(ObjectNode snapshot, String label) {
        Budget b = new Budget(budget, nanos);
        snapshot.putArray("cut");
        ArrayNode notes = snapshot.putArray("notes");
        notes.add("the process had exited: its log tails and exit status are kept, no threads");
        tails.into(snapshot.putObject("logs"), label, notes);
        snapshot.put("elapsedMs", b.spent().toMillis());
        snapshot.put("complete", true);
        return snapshot;
    }

    private ObjectNode threadDump(long pid, Budget b, ArrayNode cut, ArrayNode notes) {
        ObjectNode dump = JsonNodeFactory.instance.objectNode();
        Optional<String> command = ProcessHandle.of(pid).flatMap(h -> h.info().command());
        Optional<DumpTools.Tool> tool = command.flatMap(c -> tools.forProcess(pid, c));
        if (tool.isEmpty()) {
            dump.put("tool", "none");
            dump.put("status", ToolRun.Status.SKIPPED.tag());
            String why = command.isEmpty() ? "the process's executable could not be read"
                    : "no thread-dump tool for " + Path.of(command.get()).getFileName() + " on this system";
            dump.put("note", why + "; its threads' wait channels are kept");
            notes.add(why);
            return dump;
        }
        ToolRun run = ToolRun.run(tool.get().name(), tool.get().argv(), b, maxBytes * 4);
        dump.put("tool", tool.get().name());
        dump.put("status", run.status().tag());
        dump.put("text", Redactor.redact(run.output()));
        if (!run.note().isEmpty()) {
            dump.put("note", run.note());
            (run.status() == ToolRun.Status.CUT || run.status() == ToolRun.Status.SKIPPED ? cut : notes)
                    .add(run.note());
        }
        return dump;
    }

    /** Off Linux (macOS): ps for the threads and the process, lsof for its open files, as text. */
    private static void psFacts(long pid, ObjectNode process, Budget b, ArrayNode cut) {
        String p = Long.toString(pid);
        List<List<String>> runs = List.of(List.of("ps", "-M", "-p", p),
                List.of("ps", "-o", "pid=,stat=,%cpu=,time=,rss=,command=", "-p", p),
                List.of("lsof", "-n", "-P", "-p", p));
        List<String> keys = List.of("threadsText", "psText", "openFilesText");
        for (int i = 0; i < runs.size(); i++) {
            ToolRun run = ToolRun.run(runs.get(i).get(0), runs.get(i), b, 64 * 1024);
            process.put(keys.get(i), Redactor.redact(run.output()));
            if (run.status() == ToolRun.Status.CUT || run.status() == ToolRun.Status.SKIPPED) {
                cut.add(run.note());
            }
        }
    }
}
