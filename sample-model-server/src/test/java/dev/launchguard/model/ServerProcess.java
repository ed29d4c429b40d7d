package dev.launchguard.model;

import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The built server jar running as a real process on a free loopback port, for integration tests.
 * Its stdout and stderr go to {@code target/it-logs/}; {@link #close()} always kills it.
 */
final class ServerProcess implements AutoCloseable {

    /** Long enough for a cold start with warmup on a busy 2-core machine. */
    static final Duration START_BOUND = Duration.ofSeconds(90);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    final int port;
    final Process process;
    final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <jvmOptions> -jar sample-model-server.jar --port P <args>}. */
    static ServerProcess start(String name, List<String> jvmOptions, String... args) {
        return start(name, List.of(), jvmOptions, args);
    }

    /** As {@link #start(String, List, String...)}, with a command (such as strace) in front of java. */
    static ServerProcess start(String name, List<String> wrapper, List<String> jvmOptions, String... args) {
        int port = freePort();
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Path log = logs.resolve(name + "-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
            builder.environment().put("OPT_OUT_TRACKING", "true");
            builder.environment().put("DJL_OFFLINE", "true");
            return new ServerProcess(port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("server '" + name + "' failed to start", e);
        }
    }

    static Path jar() {
        String jar = System.getProperty("model.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("server jar '" + jar + "' is missing: run through mvn verify");
        }
        return Path.of(jar);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    ServerProcess awaitReady() {
        await().atMost(START_BOUND).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> get("/v2/health/ready").statusCode() == 200);
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path, REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return http.send(request(path, timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(postRequest(path, body, REQUEST_TIMEOUT), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, Duration timeout) throws IOException, InterruptedException {
        return http.send(postRequest(path, body, timeout), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return http.sendAsync(postRequest(path, body, REQUEST_TIMEOUT), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> fault(String json) throws IOException, InterruptedException {
        return post("/admin/fault", json);
    }

    private HttpRequest postRequest(String path, String body, Duration timeout) {
        return request(path, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout);
    }

    /** Waits for the process to end on its own and returns its exit value (128 + signal if killed). */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server on port " + port + " still running after " + bound);
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
