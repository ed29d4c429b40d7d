package dev.launchguard.bench.sidebyside;

import java.io.IOException;
import java.util.Arrays;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The one observer of "healthy" for every tool: {@code GET /} on 127.0.0.1:port over a fresh
 * connection, healthy when the status line says 200. Polled every {@link #INTERVAL}; an attempt
 * against a stopped process ends at {@link #READ_TIMEOUT} or as soon as the process is killed (the
 * kernel resets the queued connection), so it never hides the recovery by more than one interval.
 */
final class HealthPoller {

    static final Duration INTERVAL = Duration.ofMillis(10);
    private static final int CONNECT_TIMEOUT_MS = 100;
    private static final int READ_TIMEOUT_MS = 250;
    private static final byte[] REQUEST = "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "HTTP/1.0 200".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_11 = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);

    private HealthPoller() {
    }

    /** {@code System.nanoTime()} of the first 200 on {@code port} within {@code bound}, or empty. */
    static OptionalLong awaitHealthy(int port, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthy(port)) {
                return OptionalLong.of(System.nanoTime());
            }
            pause(INTERVAL);
        }
        return OptionalLong.empty();
    }

    /** One attempt: did {@code GET /} answer 200? */
    static boolean healthy(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(REQUEST);
            out.flush();
            byte[] head = s.getInputStream().readNBytes(OK.length);
            return Arrays.equals(head, OK) || Arrays.equals(head, OK_11);
        } catch (IOException e) {
            return false; // refused, reset or timed out: not healthy, which is what is being measured
        }
    }

    static void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("side-by-side run interrupted", e);
        }
    }
}
