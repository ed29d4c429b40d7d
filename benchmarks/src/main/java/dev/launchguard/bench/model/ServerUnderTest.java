package dev.launchguard.bench.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** One sample-model-server process started from its jar, with the offline environment set. */
final class ServerUnderTest implements AutoCloseable {

    /** How often start-up polls ready: fine enough for a ~1 s start, light on a 2-core machine. */
    static final Duration READY_POLL = Duration.ofMillis(20);
    static final Duration START_BOUND = Duration.ofMinutes(2);

    final int port;
    final Process process;
    private final long startNanos;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerUnderTest(int port, Process process, long startNanos) {
        this.port = port;
        this.process = process;
        this.startNanos = startNanos;
    }

    static ServerUnderTest start(Path jar, String heap, int warmup) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(),
                "--port", Integer.toString(port), "--warmup", Integer.toString(warmup)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("DJL_OFFLINE", "true");
        long start = System.nanoTime();
        try {
            return new ServerUnderTest(port, builder.start(), start);
        } catch (IOException e) {
            throw new UncheckedIOException("server jar '" + jar + "' failed to start", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Polls ready until 200 and returns the time from process start. */
    Duration awaitReady() throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(uri("/v2/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = startNanos + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server on port " + port + " exited " + process.exitValue());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startNanos);
                }
            } catch (IOException notYetListening) {
                // the port opens a few hundred ms after the JVM starts
            }
            LockSupport.parkNanos(READY_POLL.toNanos());
        }
        throw new IllegalStateException("server on port " + port + " not ready after " + START_BOUND);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Peak resident set size so far (Linux VmHWM), in MiB; -1 where /proc is missing. */
    long peakRssMib() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** SIGTERM, then SIGKILL if the drain has not ended it in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
