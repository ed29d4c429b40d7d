package dev.launchguard.bench.supervisor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * N real HTTP/1.1 servers on 127.0.0.1, one port each, answering every request {@code 200 ok}: the
 * probe targets of {@link ProbeBench}, run as a separate process so their CPU is not the prober's.
 *
 * <p>Usage: {@code LoopbackServers N threads}, or {@link #spawn} from a harness. Prints {@code ports p1,p2,...} and serves until its
 * stdin closes (the harness exits) or 10 minutes pass, whichever is first.
 */
public final class LoopbackServers {

    private static final long MAX_MINUTES = 10;

    private LoopbackServers() {
    }

    /** A running {@link LoopbackServers} process and its ports; closing it ends the process, bounded. */
    public record Spawned(Process process, List<Integer> ports) implements AutoCloseable {

        public Spawned {
            ports = List.copyOf(ports);
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // its stdin is gone already; the bounded wait below still applies
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Starts {@code count} servers on {@code threads} event loops in a child JVM of this class path. */
    public static Spawned spawn(int count, int threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LoopbackServers.class.getName(), Integer.toString(count), Integer.toString(threads))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("ports ")) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("loopback servers did not start: " + line);
        }
        List<Integer> ports = new ArrayList<>();
        for (String port : line.substring("ports ".length()).split(",")) {
            ports.add(Integer.parseInt(port));
        }
        return new Spawned(p, ports);
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096), new Ok());
                        }
                    });
            List<String> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Channel ch = b.bind("127.0.0.1", 0).sync().channel();
                ports.add(Integer.toString(((InetSocketAddress) ch.localAddress()).getPort()));
            }
            System.out.println("ports " + String.join(",", ports));
            System.out.flush();
            Thread watchdog = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // drain until the harness closes our stdin
                    }
                } catch (IOException ignored) {
                    // the harness is gone either way
                }
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }, "stdin-watch");
            watchdog.setDaemon(true);
            watchdog.start();
            group.awaitTermination(MAX_MINUTES, TimeUnit.MINUTES);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    /** Answers every request 200 with a two-byte body, closing when the client asks. */
    private static final class Ok extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain").setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
