package dev.launchguard.adopt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Servers on ephemeral 127.0.0.1 ports that answer as each kind of port does on the wire, and count
 * every request that reaches them. Closed with the test.
 */
final class LoopbackServers implements AutoCloseable {

    /** One route's answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    /** A route table: method and path to answer; 404 for the rest. */
    interface Routes {
        Answer answer(String method, String path);
    }

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });

    /** An HTTP server answering from {@code routes}; every request is recorded as {@code METHOD path}. */
    int http(Routes routes) throws IOException {
        return http(LOOPBACK, routes);
    }

    /** The same on {@code address} (::1 for the IPv6 case). */
    int http(InetAddress address, Routes routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        server.createContext("/", exchange -> reply(exchange, routes));
        server.setExecutor(threads);
        server.start();
        open.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    private void reply(HttpExchange exchange, Routes routes) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            Answer a = routes.answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** A port that accepts in the kernel's backlog and is never served: connects, then silence. */
    int backlogOnly() throws IOException {
        ServerSocket socket = new ServerSocket(0, 8, LOOPBACK);
        open.add(socket);
        return socket.getLocalPort();
    }

    /** A port that accepts, sends {@code greeting} at once (maybe nothing), then reads and holds the connection. */
    int raw(byte[] greeting) throws IOException {
        return raw(greeting, null);
    }

    /**
     * A port that accepts, sends {@code greeting}, then on the first bytes it reads sends {@code reply}
     * and closes (or, with no reply, holds the connection without a word).
     */
    int raw(byte[] greeting, byte[] reply) throws IOException {
        ServerSocket socket = new ServerSocket(0, 8, LOOPBACK);
        open.add(socket);
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    open.add(s);
                    threads.execute(() -> serve(s, greeting, reply));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return socket.getLocalPort();
    }

    private void serve(Socket s, byte[] greeting, byte[] reply) {
        try {
            s.getOutputStream().write(greeting);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            if (n > 0) {
                requests.add(new String(buf, 0, n, StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""));
            }
            if (n > 0 && reply != null) {
                s.getOutputStream().write(reply);
                s.close();
                return;
            }
            while (in.read(buf) >= 0) {
                // hold the connection, say nothing
            }
        } catch (IOException e) {
            // the survey closed it: the test is over for this connection
        }
    }

    /** A port nothing listens on (bound, then closed). */
    static int refused() {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long posts() {
        return requests.stream().filter(r -> r.startsWith("POST ")).count();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        threads.shutdownNow();
    }
}
