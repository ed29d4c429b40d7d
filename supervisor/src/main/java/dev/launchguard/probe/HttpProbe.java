package dev.launchguard.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * An HTTP(S) probe on a fresh connection per attempt. The response body is read only up to
 * {@link #MAX_BODY_BYTES}, so a 1 GB body or a server that drips a byte a second costs at most the
 * attempt's deadline and a few KB.
 */
final class HttpProbe implements Probe {

    /** Enough for any health JSON; a body match looks no further. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Bounds on what the response decoder buffers before the body (status line, headers). */
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 16 * 1024;

    private final ProbeSpec.Http spec;
    private final Bootstrap bootstrap;
    /** Null for plain HTTP. */
    private final SslContext tls;
    private final LongSupplier nanos;
    private final String hostHeader;
    private final String pathAndQuery;

    HttpProbe(ProbeSpec.Http spec, Bootstrap bootstrap, SslContext tls, LongSupplier nanos) {
        this.spec = spec;
        this.bootstrap = bootstrap;
        this.tls = tls;
        this.nanos = nanos;
        boolean defaultPort = spec.url().getPort() == -1;
        this.hostHeader = defaultPort ? spec.url().getHost() : spec.url().getHost() + ":" + spec.port();
        String path = spec.url().getRawPath() == null || spec.url().getRawPath().isEmpty() ? "/" : spec.url().getRawPath();
        this.pathAndQuery = spec.url().getRawQuery() == null ? path : path + "?" + spec.url().getRawQuery();
    }

    @Override
    public CompletableFuture<ProbeResult> attempt(Duration timeout) {
        Attempt attempt = new Attempt(nanos, timeout);
        String host = hostForConnect();
        ChannelFuture connect = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, attempt.remainingMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (spec.tls()) {
                            // The peer host name goes into SNI and hostname verification.
                            p.addLast(tls.newHandler(ch.alloc(), spec.url().getHost(), spec.port()));
                        }
                        p.addLast(new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
                        p.addLast(new HttpProbeHandler(spec, attempt));
                    }
                })
                .connect(host, spec.port());
        attempt.arm(connect);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                attempt.connectFailed(f.cause());
                return;
            }
            connect.channel().writeAndFlush(request()).addListener(w -> {
                if (!w.isSuccess()) {
                    attempt.failed("request could not be sent: ", w.cause());
                }
            });
        });
        return attempt.result();
    }

    /** IPv6 literals arrive bracketed in a URI; the socket layer wants them bare. */
    private String hostForConnect() {
        String host = spec.url().getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    private FullHttpRequest request() {
        byte[] body = spec.requestBody().map(b -> b.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElse(new byte[0]);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(spec.method()),
                pathAndQuery, io.netty.buffer.Unpooled.wrappedBuffer(body));
        if (spec.requestBody().isPresent()) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, spec.contentType());
            req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        spec.headers().headers().forEach(req.headers()::set);
        req.headers().set(HttpHeaderNames.HOST, hostHeader);
        req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        req.headers().set(HttpHeaderNames.USER_AGENT, "launchguard-probe");
        req.headers().set(HttpHeaderNames.ACCEPT, "*/*");
        return req;
    }

    @Override
    public String target() {
        return spec.target();
    }
}
