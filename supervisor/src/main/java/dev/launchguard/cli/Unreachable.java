package dev.launchguard.cli;

import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import java.io.PrintWriter;

/**
 * The one message every command that talks to the running launchguard prints when nothing answered:
 * where it looked, how it found that address, how to start one, and why the request failed, in
 * plain words.
 */
final class Unreachable {

    private Unreachable() {
    }

    /** {@code launchguard is not running at URL (found through SOURCE); start it with ...: REASON}. */
    static String message(ApiClient client, ApiTarget target, ApiClient.UnreachableException e) {
        return "launchguard is not running at " + client.base() + " (found through " + target.source()
                + "); start it with 'launchguard run' (or './launchguard demo'): " + e.reason();
    }

    /** Prints {@link #message} after {@code launchguard COMMAND: } and returns the exit code for it. */
    static int print(PrintWriter err, String command, ApiClient client, ApiTarget target,
            ApiClient.UnreachableException e) {
        err.println("launchguard " + command + ": " + message(client, target, e));
        return StatusCommand.EXIT_UNREACHABLE;
    }
}
