package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.api.TokenFile;
import dev.launchguard.api.TokenFileException;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A mutation of one job through the running launchguard ({@code POST /api/v1/jobs/LABEL/ACTION}
 * with the bearer token): what disable and enable share. Failures are printed to {@code err} as
 * {@code launchguard COMMAND: ...} and turned into the exit codes every such command documents.
 */
final class JobAction {

    /** The exit code, and the answer's JSON and the client that got it when the exit code is 0. */
    record Result(int exit, Optional<JsonNode> body, Optional<ApiClient> client) {
        static Result failed(int exit) {
            return new Result(exit, Optional.empty(), Optional.empty());
        }
    }

    /** How long an action may take before it says it is still waiting. */
    static final Duration PROGRESS_AFTER = Duration.ofSeconds(1);
    private static final String DISABLE = "disable";

    private JobAction() {
    }

    static Result post(String command, InstanceOptions instance, String label, String action, PrintWriter err)
            throws IOException {
        return post(command, instance, label, action, err, err);
    }

    /**
     * As {@link #post(String, InstanceOptions, String, String, PrintWriter)}, telling {@code progress}
     * (standard error) once a second has passed, and every 5 s after, that launchguard is still at it:
     * a disable waits for the job's whole tree to stop, up to its ExitTimeOut.
     */
    static Result post(String command, InstanceOptions instance, String label, String action, PrintWriter err,
            PrintWriter progress) throws IOException {
        if (!Label.isValid(label)) {
            err.println("launchguard " + command + ": '" + label + "' is not a job label: use letters, digits, '.', '-' and '_'");
            return Result.failed(Main.EXIT_USAGE);
        }
        ApiTarget target = instance.resolve();
        ApiClient client;
        String token;
        try {
            client = ApiClient.of(target);
            token = TokenFile.read(target.tokenFile());
        } catch (IllegalArgumentException | TokenFileException e) {
            err.println("launchguard " + command + ": " + e.getMessage());
            return Result.failed(Main.EXIT_USAGE);
        }
        ApiClient.Reply reply;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "launchguard-" + command + "-progress");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            progress.println("  waiting for launchguard to " + action + " " + label + " ("
                    + ActionWait.seconds(Duration.ofNanos(System.nanoTime() - start)) + ")" + (DISABLE.equals(action)
                    ? ": stopping its whole process tree, verified (SIGTERM, then SIGKILL after its ExitTimeOut)" : ""));
            progress.flush();
        }, PROGRESS_AFTER.toMillis(), ActionWait.PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            reply = client.post("/api/v1/jobs/" + label + "/" + action, Optional.of(token));
        } catch (ApiClient.UnreachableException e) {
            return Result.failed(Unreachable.print(err, command, client, target, e));
        } finally {
            timer.shutdownNow();
        }
        if (!reply.ok()) {
            err.println("launchguard " + command + ": " + reply.error());
            boolean usage = reply.status() == 400 || reply.status() == 401 || reply.status() == 403;
            return Result.failed(usage ? Main.EXIT_USAGE : Main.EXIT_PROBLEM);
        }
        return new Result(0, Optional.of(new ObjectMapper().readTree(reply.body())), Optional.of(client));
    }
}
