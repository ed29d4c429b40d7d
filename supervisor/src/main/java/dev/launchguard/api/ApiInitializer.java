package dev.launchguard.api;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The API's pipeline: idle timeout, the stock HTTP codec, a small aggregator, the request deadline,
 * then {@link ApiHandler}; or, beyond the connection limit, a 503 and a close ({@link Shed}).
 */
final class ApiInitializer extends ChannelInitializer<SocketChannel> {

    /** No route takes a body today; a few KB leave room for a small JSON one later. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    /** Below this an answer goes as it is: gzip's header and the CPU would cost more than they save. */
    static final int COMPRESS_FROM_BYTES = 1024;

    /** A connection that sends nothing for this long is closed: a slow client cannot hold a socket forever. */
    static final int IDLE_SECONDS = 30;

    /** What a shed client is told: a second is enough for a burst of connections to drain. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final ApiRouter router;
    private final Duration requestTimeout;
    private final ConnectionLimit limit;
    private final Optional<SslContext> tls;

    ApiInitializer(ApiRouter router, Duration requestTimeout, ConnectionLimit limit, Optional<SslContext> tls) {
        this.router = router;
        this.requestTimeout = requestTimeout;
        this.limit = limit;
        this.tls = tls;
    }

    /**
     * Runs on the API's one event loop, as does every close listener below, so the limit's counters
     * need no lock. A connection that gets neither a serving nor a shedding slot is closed at once.
     */
    @Override
    protected void initChannel(SocketChannel channel) {
        Channel server = channel.parent();
        tls.ifPresent(context -> channel.pipeline().addLast(context.newHandler(channel.alloc())));
        if (limit.tryServe()) {
            channel.closeFuture().addListener(closed -> released(server, limit::served));
            configure(channel.pipeline(), router, requestTimeout);
        } else if (limit.tryShed()) {
            channel.closeFuture().addListener(closed -> released(server, limit::shed));
            channel.pipeline().addLast(new HttpServerCodec()).addLast(new Shed(limit.max()));
        } else {
            channel.close();
        }
        if (limit.full() && server != null) {
            // Every slot is taken: leave further connections in the kernel's backlog, which costs us no descriptor.
            server.config().setAutoRead(false);
        }
    }

    private static void released(Channel server, Runnable release) {
        release.run();
        if (server != null && !server.config().isAutoRead()) {
            server.config().setAutoRead(true);
        }
    }

    /** The handlers of one served connection; tests build the same pipeline on an EmbeddedChannel. */
    static void configure(ChannelPipeline pipeline, ApiRouter router, Duration requestTimeout) {
        pipeline.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(new HttpServerCodec())
                .addLast(new JsonErrorAggregator(MAX_BODY_BYTES))
                .addLast(new RequestDeadline(requestTimeout))
                // gzip for a client that asks (a browser, Prometheus) and an answer worth it: the status
                // page of 50 jobs shrinks about tenfold, which an SSH tunnel from a phone feels. Next to
                // the handler, so it sees every request the handler answers and nothing else: the
                // deadline's 408 and the aggregator's 413 answer requests that never arrived whole.
                .addLast(new HttpContentCompressor(COMPRESS_FROM_BYTES, StandardCompressionOptions.gzip()))
                .addLast(new ApiHandler(router));
    }

    /**
     * A connection beyond the limit: answered 503 with {@code Retry-After} as soon as it opens,
     * whatever it sends (discarded), then closed after a short linger so the answer is read.
     */
    static final class Shed extends ChannelInboundHandlerAdapter {

        private final int max;

        Shed(int max) {
            this.max = max;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            FullHttpResponse response = ApiHandler.toNetty(ApiResponse.error(503, "launchguard is serving its limit of "
                    + max + " API connections; try again in " + RETRY_AFTER_SECONDS + " s")
                    .withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
            HttpUtil.setKeepAlive(response, false);
            LingeringClose.after(ctx, ctx.writeAndFlush(response));
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The stock aggregator, but its 413 and 417 answers carry the API's JSON error body. */
    static final class JsonErrorAggregator extends HttpObjectAggregator {

        JsonErrorAggregator(int maxContentLength) {
            super(maxContentLength);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse response = ApiHandler.toNetty(tooLarge());
            HttpUtil.setKeepAlive(response, false);
            LingeringClose.after(ctx, ctx.writeAndFlush(response));
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object stock = super.newContinueResponse(start, maxContentLength, pipeline);
            if (stock instanceof HttpResponse response && response.status().code() >= 400) {
                ReferenceCountUtil.release(stock);
                return response.status().code() == 413 ? ApiHandler.toNetty(tooLarge())
                        : ApiHandler.toNetty(ApiResponse.error(417, "unsupported Expect header"));
            }
            return stock;
        }

        private static ApiResponse tooLarge() {
            return ApiResponse.error(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
    }
}
