package dev.launchguard.probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One probe target, ready to be attempted any number of times. Each attempt opens a fresh
 * connection (a pooled one would hide a dead listener) and completes within its timeout.
 */
public interface Probe {

    /**
     * Starts one attempt. {@code timeout} is the attempt's single deadline, inherited by every step
     * (connect, TLS handshake, request, response); the future always completes, with
     * {@link Outcome#TIMEOUT} at the latest when it passes, and never exceptionally.
     */
    CompletableFuture<ProbeResult> attempt(Duration timeout);

    /** What this probe targets, for logs. */
    String target();
}
