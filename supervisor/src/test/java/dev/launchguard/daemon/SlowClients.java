package dev.launchguard.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A slow-loris attacker on loopback: {@code count} connections that each start a request and then
 * send one more header byte every {@link #TRICKLE}, never finishing; a connection the server closes
 * is opened again at the next tick. One thread, non-blocking sockets, so 300 connections cost the
 * test little. Counts how the server answered: 503 (shed beyond its cap) and 408 (request deadline).
 */
public final class SlowClients implements AutoCloseable {

    /** What the attacker saw. */
    public record Outcome(int connects, int shed, int timedOut, int otherAnswers) {
    }

    public static final Duration TRICKLE = Duration.ofSeconds(2);
    private static final byte[] START = "GET /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final Selector selector;
    private final List<SocketChannel> slots = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int connects;
    private int shed;
    private int timedOut;
    private int otherAnswers;

    private SlowClients(int port, int count) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        this.selector = Selector.open();
        for (int i = 0; i < count; i++) {
            slots.add(null);
        }
        this.thread = new Thread(this::run, "slow-clients");
        this.thread.setDaemon(true);
    }

    public static SlowClients start(int port, int count) throws IOException {
        SlowClients clients = new SlowClients(port, count);
        clients.thread.start();
        return clients;
    }

    private void run() {
        long nextTick = System.nanoTime();
        try {
            while (running) {
                if (System.nanoTime() - nextTick >= 0) {
                    tick();
                    nextTick += TRICKLE.toNanos();
                }
                long waitMillis = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
                selector.select(Math.min(waitMillis, 100));
                for (SelectionKey key : selector.selectedKeys()) {
                    ready(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every slot: open it if closed, else send its next byte (the first time, the request's start). */
    private void tick() throws IOException {
        for (int i = 0; i < slots.size(); i++) {
            SocketChannel channel = slots.get(i);
            if (channel == null || !channel.isOpen()) {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(target);
                channel.register(selector, SelectionKey.OP_CONNECT | SelectionKey.OP_READ, new boolean[1]);
                slots.set(i, channel);
                connects++;
            } else if (channel.isConnected()) {
                boolean[] started = (boolean[]) channel.keyFor(selector).attachment();
                send(channel, started[0] ? new byte[] {'a'} : START);
                started[0] = true;
            }
        }
    }

    private static void send(SocketChannel channel, byte[] bytes) {
        try {
            channel.write(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            close(channel);
        }
    }

    private void ready(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            if (key.isValid() && key.isConnectable() && channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (key.isValid() && key.isReadable()) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                int read = channel.read(buffer);
                if (read < 0) {
                    close(channel);
                } else if (read > 0) {
                    count(new String(buffer.array(), 0, read, StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            close(channel);
        }
    }

    private void count(String answer) {
        if (answer.startsWith("HTTP/1.1 503")) {
            shed++;
        } else if (answer.startsWith("HTTP/1.1 408")) {
            timedOut++;
        } else if (answer.startsWith("HTTP/")) {
            otherAnswers++;
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a broken socket: nothing more to do.
        }
    }

    /** Stops the attack and reports what it saw. */
    public synchronized Outcome outcome() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
        return new Outcome(connects, shed, timedOut, otherAnswers);
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.stream().filter(c -> c != null).forEach(SlowClients::close);
        selector.close();
    }
}
