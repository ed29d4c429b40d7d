package dev.launchguard.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a diagnostic tool (jcmd, py-spy, sample, ps, lsof) within what is left of the budget:
 * started with an argument array, never a shell; its output (stdout and stderr together) kept up to
 * a cap; destroyed with its descendants when the budget runs out.
 *
 * @param status how it ended
 * @param output what it printed, up to the cap
 * @param note why it has no useful output, for the snapshot ("jcmd not found", ...)
 */
record ToolRun(Status status, String output, String note) {

    /** How a tool run ended. */
    enum Status {
        DONE, FAILED, MISSING, CUT, SKIPPED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How long the output reader is waited for once the tool is gone. */
    private static final Duration DRAIN = Duration.ofMillis(50);

    static ToolRun run(String name, List<String> argv, Budget budget, int maxBytes) {
        if (budget.over()) {
            return new ToolRun(Status.SKIPPED, "", name + " not run: the " + budget.total().toMillis()
                    + " ms budget was spent");
        }
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new ToolRun(Status.MISSING, "", name + " not found (" + argv.get(0) + ")");
        }
        Capture capture = new Capture(process.getInputStream(), maxBytes);
        Thread reader = new Thread(capture, "snapshot-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(budget.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(DRAIN.toMillis());
                return new ToolRun(Status.CUT, capture.text(), name + " cut at the " + budget.total().toMillis()
                        + " ms budget");
            }
            reader.join(DRAIN.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ToolRun(Status.CUT, capture.text(), name + " interrupted");
        }
        String out = capture.text();
        if (process.exitValue() != 0) {
            String first = out.strip().lines().findFirst().orElse("exit status " + process.exitValue());
            return new ToolRun(Status.FAILED, out, name + " refused: " + first);
        }
        return new ToolRun(Status.DONE, out, "");
    }

    /** Reads a tool's output, keeping the first {@code max} bytes and draining the rest. */
    private static final class Capture implements Runnable {

        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Capture(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (kept) {
                        kept.write(buffer, 0, Math.max(0, Math.min(n, max - kept.size())));
                    }
                }
            } catch (IOException e) {
                // The tool was destroyed mid-write: what was read is kept.
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
