package dev.launchguard.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Real loopback servers that misbehave on purpose, closed together at the end of a test. */
final class LoopbackServers implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-server");
        t.setDaemon(true);
        return t;
    });

    /** An HTTP server answering every path with {@code status} and {@code body}. */
    int http(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(threads);
        server.start();
        open.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** An HTTP server answering 200 only to a POST of {@code expectedBody} as JSON, 400 to anything else. */
    int postOnly(String expectedBody) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = exchange.getRequestMethod().equals("POST") && body.equals(expectedBody)
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(ok ? 200 : 400, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
        open.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** Answers 200 only to a request carrying {@code Authorization: expected}, 401 otherwise. */
    int requiresAuthorization(String expected) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(ok ? 200 : 401, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
        open.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** A listener that never accepts: the kernel completes handshakes, nobody answers. */
    int blackHole() throws IOException {
        ServerSocket socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        open.add(socket);
        return socket.getLocalPort();
    }

    /** A port nothing listens on. */
    int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Accepts, then writes {@code head} followed by {@code bodyBytes} bytes of 'x', one chunk every {@code pauseMillis}. */
    int raw(String head, long bodyBytes, int chunk, long pauseMillis) throws IOException {
        ServerSocket socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        open.add(socket);
        threads.submit(() -> {
            while (!socket.isClosed()) {
                Socket client = socket.accept();
                open.add(client);
                threads.submit(() -> stream(client, head, bodyBytes, chunk, pauseMillis));
            }
            return null;
        });
        return socket.getLocalPort();
    }

    private static Void stream(Socket client, String head, long bodyBytes, int chunk, long pauseMillis)
            throws IOException, InterruptedException {
        try (client; OutputStream out = client.getOutputStream()) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[chunk];
            java.util.Arrays.fill(block, (byte) 'x');
            for (long sent = 0; sent < bodyBytes; sent += chunk) {
                out.write(block, 0, (int) Math.min(chunk, bodyBytes - sent));
                out.flush();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (IOException e) {
            // The probe hung up after reading what it needed: expected.
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        threads.shutdownNow();
    }
}
