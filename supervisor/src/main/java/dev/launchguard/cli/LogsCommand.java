package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code launchguard logs LABEL [-f] [--stderr] [-n LINES]}: the end of a job's stdout or stderr file,
 * as its plist names it, read through the running launchguard (with the token); {@code -f} follows it.
 */
@Command(name = "logs",
        mixinStandardHelpOptions = true,
        description = {"Print the end of a job's stdout (or stderr) file, and with -f follow it.",
            "The file is the one the job's plist names in StandardOutPath",
            "(StandardErrorPath with --stderr), read through the running launchguard",
            "with the token from its token file. -f polls every 500 ms until",
            "interrupted; a file truncated or replaced by a shorter one is read again",
            "from the start."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:printed (or followed until interrupted)",
            "1:the job is not watched, or its plist names no such file",
            "2:bad usage (an invalid label, no readable token file)",
            "3:no running launchguard answered at the URL tried"})
final class LogsCommand implements Callable<Integer> {

    /** How often -f asks for more: quick enough to read as live, slow enough to cost the daemon nothing. */
    static final Duration POLL = Duration.ofMillis(500);
    /** What -f asks for at most per request (the API's own maximum). */
    private static final int FOLLOW_LIMIT = 1024 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Parameters(index = "0", paramLabel = "LABEL", description = "the job (its launchd Label)")
    String label;

    @Option(names = {"-f", "--follow"}, description = "keep printing what is written, until interrupted (Ctrl-C)")
    boolean follow;

    @Option(names = "--stderr", description = "the StandardErrorPath file instead of StandardOutPath")
    boolean stderr;

    @Option(names = {"-n", "--lines"}, paramLabel = "LINES", defaultValue = "20",
            description = "how many of the last lines to print first (default: ${DEFAULT-VALUE})")
    int lines;

    /** The last answer that was not a chunk: its message and status, for {@link #failed}. */
    private String lastError;
    private int lastStatus;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Label.isValid(label)) {
            err.println("launchguard logs: '" + label + "' is not a job label: use letters, digits, '.', '-' and '_'");
            return Main.EXIT_USAGE;
        }
        if (lines < 0) {
            err.println("launchguard logs: -n " + lines + " must be 0 or more lines");
            return Main.EXIT_USAGE;
        }
        ApiTarget target = instance.resolve();
        ApiClient client;
        try {
            client = ApiClient.of(target);
        } catch (IllegalArgumentException e) {
            err.println("launchguard logs: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        String base = "/api/v1/jobs/" + label + "/logs?stream=" + (stderr ? "stderr" : "stdout");
        try {
            JsonNode chunk = read(client, base);
            if (chunk == null) {
                return failed(err);
            }
            out.print(lastLines(chunk.path("text").asText(), lines));
            out.flush();
            return follow ? follow(client, base, chunk, out, err) : 0;
        } catch (ApiClient.UnreachableException e) {
            if (follow && Thread.currentThread().isInterrupted()) {
                return 0; // interrupted while asking: following ends, as it does between two asks
            }
            return Unreachable.print(err, "logs", client, target, e);
        }
    }

    /** Polls for what comes after {@code first} until this thread is interrupted. */
    private int follow(ApiClient client, String base, JsonNode first, PrintWriter out, PrintWriter err)
            throws Exception {
        long from = first.path("next").asLong();
        String file = first.path("file").asText("");
        while (!Thread.currentThread().isInterrupted()) {
            JsonNode chunk = read(client, base + "&offset=" + from + "&limit=" + FOLLOW_LIMIT);
            if (chunk == null) {
                return failed(err);
            }
            String now = chunk.path("file").asText("");
            boolean replaced = !file.isEmpty() && !now.isEmpty() && !now.equals(file);
            file = now;
            if (replaced || chunk.path("offset").asLong() < from) {
                err.println("launchguard logs: " + chunk.path("path").asText() + " was truncated or replaced; "
                        + "reading it again from the start");
                err.flush();
            }
            if (replaced && chunk.path("offset").asLong() > 0) {
                from = 0; // what was read is the new file's middle: read it from its start
                continue;
            }
            out.print(chunk.path("text").asText());
            out.flush();
            from = chunk.path("next").asLong();
            if (from < chunk.path("size").asLong()) {
                continue; // more is there already: no need to wait
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /** The chunk, or null after keeping the API's error for {@link #failed}. */
    private JsonNode read(ApiClient client, String path) throws Exception {
        ApiClient.Reply reply = client.get(path);
        if (!reply.ok()) {
            lastError = reply.error();
            lastStatus = reply.status();
            return null;
        }
        return new ObjectMapper().readTree(reply.body());
    }

    private int failed(PrintWriter err) {
        err.println("launchguard logs: " + lastError);
        return lastStatus == 400 || lastStatus == 401 || lastStatus == 403 ? Main.EXIT_USAGE : Main.EXIT_PROBLEM;
    }

    /** The last {@code count} lines of {@code text} (a last line without its newline counts as one). */
    static String lastLines(String text, int count) {
        if (count == 0 || text.isEmpty()) {
            return "";
        }
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        int start = end;
        for (int seen = 0; seen < count; seen++) {
            int newline = text.lastIndexOf('\n', start - 1);
            if (newline < 0) {
                return text;
            }
            start = newline;
            if (seen == count - 1) {
                break;
            }
        }
        return text.substring(start + 1);
    }
}
