package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.JobProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.job.Signal;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Small jobs for the engine's integration tests, and the checks that nothing of them survives. */
final class TestJobs {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ProcessTable TABLE = new ProcessTable();

    private TestJobs() {
    }

    /** A label unique to this test run, so a leftover of another run can never be mistaken for ours. */
    static String label(String name) {
        return "test.engine." + name + "." + ProcessHandle.current().pid() + "." + SEQUENCE.incrementAndGet();
    }

    static LaunchdJob sh(String label, String script) {
        return LaunchdJob.of(label, List.of("/bin/sh", "-c", script));
    }

    /** Writes {@code job}'s plist into {@code folder}, loads it and remembers its label for the leftover check. */
    static String load(EmbeddedJobManager engine, Path folder, List<String> labels, LaunchdJob job) {
        labels.add(job.label());
        engine.bootstrap(write(folder, job));
        return job.label();
    }

    /** Waits (bounded) until the job has a running instance. */
    static dev.launchguard.job.JobStatus awaitRunning(EmbeddedJobManager engine, String label, java.time.Duration wait) {
        return org.awaitility.Awaitility.await().atMost(wait).until(() -> engine.status(label),
                dev.launchguard.job.JobStatus::running);
    }

    static Path write(Path folder, LaunchdJob job) {
        Path plist = folder.resolve(job.label() + ".plist");
        Plists.write(job, plist);
        return plist;
    }

    /** Sends a real signal from outside the engine, as an operator or the chaos tool would. */
    static void signal(long pid, Signal signal) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-s", signal.name(), Long.toString(pid)).inheritIO().start().waitFor();
        assertThat(rc).as("kill -s %s %d", signal.name(), pid).isZero();
    }

    static List<JobProcess> tagged(String label) {
        return TABLE.tagged(label);
    }

    /** SIGKILLs whatever carries one of {@code labels}' tags; returns what it found (should be nothing). */
    static List<Long> killTagged(List<String> labels) {
        List<Long> found = TABLE.scan().stream()
                .filter(p -> p.label().filter(labels::contains).isPresent())
                .map(JobProcess::pid)
                .toList();
        found.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return found;
    }

    /** The absolute path of the real python3 interpreter (pyenv shims are shell scripts). */
    static String python() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String path = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        return path;
    }
}
