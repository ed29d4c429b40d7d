package dev.launchguard.probe;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bookkeeping of one probe attempt: its start, its single deadline and its result, which is
 * set once (the first of response, error and deadline wins) and closes the connection.
 */
final class Attempt {

    private final LongSupplier nanos;
    private final long startNanos;
    private final long deadlineNanos;
    private final CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile ScheduledFuture<?> timer;
    private volatile OptionalInt status = OptionalInt.empty();
    private volatile Optional<TlsDetails> tls = Optional.empty();

    Attempt(LongSupplier nanos, Duration timeout) {
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
        this.deadlineNanos = startNanos + timeout.toNanos();
    }

    /** Milliseconds left before the deadline, at least 1 (Netty treats 0 as "no timeout"). */
    int remainingMillis() {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nanos.getAsLong());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    /**
     * Binds the attempt to its connect's channel and arms the deadline on the channel's event loop.
     * A channel that could not even be created (no file descriptor left: EMFILE) has no event loop
     * and its connect has already failed; the connect listener ends the attempt as an ERROR.
     */
    void arm(ChannelFuture connect) {
        if (connect.isDone() && !connect.isSuccess()) {
            return; // nothing to close either: closing a channel that never was throws
        }
        Channel ch = connect.channel();
        this.channel = ch;
        long delay = Math.max(0, deadlineNanos - nanos.getAsLong());
        timer = ch.eventLoop().schedule(() -> finish(Outcome.TIMEOUT,
                "no complete answer within " + Duration.ofNanos(deadlineNanos - startNanos).toMillis() + " ms"),
                delay, TimeUnit.NANOSECONDS);
    }

    CompletableFuture<ProbeResult> result() {
        return result;
    }

    boolean done() {
        return result.isDone();
    }

    /** Records the HTTP status as soon as it is seen, so even a timed-out attempt reports it. */
    void sawStatus(int code) {
        status = OptionalInt.of(code);
    }

    /** Records the TLS details once the handshake completed. */
    void sawTls(Optional<TlsDetails> details) {
        tls = details;
    }

    OptionalInt status() {
        return status;
    }

    void finish(Outcome outcome, String detail) {
        Duration elapsed = Duration.ofNanos(nanos.getAsLong() - startNanos);
        if (result.complete(new ProbeResult(outcome, elapsed, status, detail, tls))) {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** Ends the attempt as an ERROR, naming a TLS failure as such wherever it sits in the cause chain. */
    void failed(String what, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                finish(Outcome.ERROR, "tls: " + t.getMessage());
                return;
            }
        }
        finish(Outcome.ERROR, what + cause.getMessage());
    }

    /** Classifies a failed connect: refused, timed out, or some other error. */
    void connectFailed(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            finish(Outcome.TIMEOUT, "connect timed out");
        } else if (cause instanceof ConnectException) {
            finish(Outcome.REFUSED, "connection refused");
        } else {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            // "Unable to create Channel from class ..." says less than its cause ("Too many open files").
            finish(Outcome.ERROR, "connect failed: " + cause.getMessage()
                    + (root == cause ? "" : " (" + root.getMessage() + ")"));
        }
    }
}
