package dev.launchguard.adopt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A short, bounded HTTP/1.1 client on a plain socket for the survey: one request per connection
 * ({@code Connection: close}), one deadline for connect and answer, at most {@link #MAX_HEAD} bytes of
 * head and {@link #MAX_BODY} of body, redirects never followed. A socket rather than an HTTP library
 * because the bytes of a port that is not HTTP (Redis, PostgreSQL, a TLS alert) are the evidence.
 */
final class WireClient {

    /** A reply head larger than this is not a health endpoint's; the rest is not read. */
    static final int MAX_HEAD = 16 * 1024;
    /** The probe reads 64 KiB of a body for {@code bodyContains}; the survey reads no more. */
    static final int MAX_BODY = 64 * 1024;
    /** How long the request line waits alone for a server that is not HTTP to answer it. */
    static final int LINE_WAIT_MILLIS = 150;

    private final InetAddress address;
    private final int port;
    private final String hostHeader;
    private final Duration deadline;

    WireClient(InetAddress address, int port, Duration deadline) {
        this.address = address;
        this.port = port;
        String host = address.getHostAddress();
        this.hostHeader = (address instanceof java.net.Inet6Address ? "[" + host.replaceAll("%.*", "") + "]" : host)
                + ":" + port;
        this.deadline = deadline;
    }

    /** Connects and reads what the port says first, for at most {@code wait}; no byte is sent. */
    WireAnswer listen(Duration wait) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            Optional<WireAnswer> refused = connect(socket, start);
            if (refused.isPresent()) {
                return refused.get();
            }
            Duration connected = since(start);
            socket.setSoTimeout(millis(wait));
            byte[] first = new byte[256];
            int n;
            try {
                n = socket.getInputStream().read(first);
            } catch (SocketTimeoutException e) {
                return WireAnswer.without(WireAnswer.Kind.TIMED_OUT, new byte[0], connected, "");
            } catch (IOException e) {
                n = -1;
            }
            return n < 0 ? WireAnswer.without(WireAnswer.Kind.CLOSED, new byte[0], connected, "")
                    : WireAnswer.without(WireAnswer.Kind.NOT_HTTP, Arrays.copyOf(first, n), connected, "");
        } catch (IOException e) {
            // setSoTimeout or the close: the connect itself succeeded.
            return WireAnswer.without(WireAnswer.Kind.CLOSED, new byte[0], since(start), "connection dropped: "
                    + e.getMessage());
        }
    }

    /** Sends {@code method path} (with {@code body} as JSON when given) and reads the answer within the deadline. */
    WireAnswer exchange(String method, String path, Optional<String> body, boolean tls) {
        return exchange(method, path, body, tls, false);
    }

    /**
     * As {@link #exchange(String, String, Optional, boolean)}, but over plain TCP the request line goes
     * alone first: a server that answers it before any header is not HTTP (an HTTP server waits for the
     * headers), and the headers are then never sent. Redis answers {@code GET /v1/models HTTP/1.1}
     * with {@code -ERR} but reads a later {@code Host:} line as an attack (it logs "Possible
     * SECURITY ATTACK detected" and drops the connection); a first look must leave no such line in a
     * production server's log.
     */
    WireAnswer firstExchange(String method, String path, boolean tls) {
        return exchange(method, path, Optional.empty(), tls, true);
    }

    private WireAnswer exchange(String method, String path, Optional<String> body, boolean tls, boolean lineFirst) {
        long start = System.nanoTime();
        try (Socket plain = new Socket()) {
            Optional<WireAnswer> refused = connect(plain, start);
            if (refused.isPresent()) {
                return refused.get();
            }
            try {
                return tls ? overTls(plain, method, path, body, start)
                        : lineFirst ? lineFirst(plain, method, path, start) : send(plain, method, path, body, start);
            } catch (IOException e) {
                // Reset or broken after the connect: the port is there, it dropped the conversation.
                return WireAnswer.without(WireAnswer.Kind.CLOSED, new byte[0], since(start),
                        "connection dropped: " + e.getMessage());
            }
        } catch (IOException e) {
            // Only the close of a socket whose answer is already in hand.
            return WireAnswer.without(WireAnswer.Kind.CLOSED, new byte[0], since(start), "close failed: " + e.getMessage());
        }
    }

    private WireAnswer overTls(Socket plain, String method, String path, Optional<String> body, long start)
            throws IOException {
        TrustCheck check = new TrustCheck();
        SSLSocket ssl = (SSLSocket) check.context().getSocketFactory()
                .createSocket(plain, address.getHostAddress(), port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(Math.max(1, remaining(start)));
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            return WireAnswer.without(WireAnswer.Kind.TLS_FAILED, new byte[0], since(start),
                    "TLS handshake failed: " + e.getMessage());
        }
        return send(ssl, method, path, body, start).withTls(check.seen());
    }

    private WireAnswer send(Socket socket, String method, String path, Optional<String> body, long start)
            throws IOException {
        socket.getOutputStream().write(request(method, path, body));
        socket.getOutputStream().flush();
        return read(socket, start, new byte[0]);
    }

    private WireAnswer lineFirst(Socket socket, String method, String path, long start) throws IOException {
        byte[] whole = request(method, path, Optional.empty());
        String line = method + " " + path + " HTTP/1.1\r\n";
        int split = line.getBytes(StandardCharsets.US_ASCII).length;
        socket.getOutputStream().write(whole, 0, split);
        socket.getOutputStream().flush();
        socket.setSoTimeout(Math.max(1, Math.min(LINE_WAIT_MILLIS, remaining(start))));
        byte[] first = new byte[256];
        int n;
        try {
            n = socket.getInputStream().read(first);
        } catch (SocketTimeoutException e) {
            n = 0; // silent, as an HTTP server is until the head is complete
        }
        if (n < 0) {
            return WireAnswer.without(WireAnswer.Kind.CLOSED, new byte[0], since(start), "");
        }
        if (n > 0 && !HttpReply.looksLikeHttp(Arrays.copyOf(first, n))) {
            return WireAnswer.without(WireAnswer.Kind.NOT_HTTP, Arrays.copyOf(first, n), since(start),
                    "answered the request line alone; no header sent");
        }
        socket.getOutputStream().write(whole, split, whole.length - split);
        socket.getOutputStream().flush();
        return read(socket, start, Arrays.copyOf(first, n));
    }

    private byte[] request(String method, String path, Optional<String> body) {
        byte[] content = body.map(b -> b.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: launchguard-init\r\n"
                + "Accept: application/json, */*\r\nConnection: close\r\n"
                + (body.isPresent() ? "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n" : "")
                + "\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(bytes, bytes.length + content.length);
        System.arraycopy(content, 0, all, bytes.length, content.length);
        return all;
    }

    private WireAnswer read(Socket socket, long start, byte[] already) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.write(already);
        byte[] buf = new byte[8192];
        HttpReply reply = new HttpReply();
        while (got.size() < MAX_HEAD + MAX_BODY) {
            int wait = remaining(start);
            if (wait <= 0) {
                return timedOut(got, reply, start);
            }
            socket.setSoTimeout(wait);
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return timedOut(got, reply, start);
            } catch (IOException e) {
                // A reset after some bytes is still an answer; before any it is a close.
                n = -1;
            }
            if (n < 0) {
                return got.size() == 0 ? WireAnswer.without(WireAnswer.Kind.CLOSED, new byte[0], since(start), "")
                        : reply.answer(got.toByteArray(), since(start), "");
            }
            got.write(buf, 0, n);
            byte[] sofar = got.toByteArray();
            if (!HttpReply.looksLikeHttp(sofar)) {
                return WireAnswer.without(WireAnswer.Kind.NOT_HTTP, Arrays.copyOf(sofar, Math.min(sofar.length, 256)),
                        since(start), "");
            }
            if (reply.complete(sofar)) {
                return reply.answer(sofar, since(start), "");
            }
        }
        return reply.answer(got.toByteArray(), since(start), "read no more than " + (MAX_BODY / 1024) + " KiB");
    }

    private WireAnswer timedOut(ByteArrayOutputStream got, HttpReply reply, long start) {
        String problem = "timed out after " + Durations.text(deadline);
        return got.size() == 0 ? WireAnswer.without(WireAnswer.Kind.TIMED_OUT, new byte[0], since(start), problem)
                : reply.answer(got.toByteArray(), since(start), problem);
    }

    /** Connects {@code socket} within the deadline; the refusal as an answer when it fails. */
    private Optional<WireAnswer> connect(Socket socket, long start) {
        try {
            socket.connect(new InetSocketAddress(address, port), millis(deadline));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(refused(e, start));
        }
    }

    private WireAnswer refused(IOException e, long start) {
        String problem = e instanceof ConnectException ? "connection refused"
                : e instanceof SocketTimeoutException ? "connect timed out after " + Durations.text(deadline)
                : "connect failed: " + e.getMessage();
        return WireAnswer.without(WireAnswer.Kind.REFUSED, new byte[0], since(start), problem);
    }

    private int remaining(long start) {
        return (int) Math.max(0, deadline.minusNanos(System.nanoTime() - start).toMillis());
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
