package dev.launchguard.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates between Netty and {@link ApiRouter}: decodes a request, hands it to the router and
 * writes the answer on the event loop when it is ready. One instance per connection: it remembers
 * the last pending answer so pipelined requests are answered in order even when a kickstart
 * finishes after a later read.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final ApiRouter router;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    ApiHandler(ApiRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            write(ctx, malformed(request.decoderResult().cause()), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ApiRequest decoded = new ApiRequest(request.method().name(), request.uri(),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.HOST)));
        CompletableFuture<ApiResponse> answer = router.route(decoded);
        previous = previous.thenCompose(done -> answer)
                .thenAcceptAsync(response -> write(ctx, response, keepAlive), ctx.executor());
    }

    private static ApiResponse malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ApiResponse.error(414, "the request line is too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiResponse.error(431, "the request headers are too large");
        }
        return ApiResponse.error(400, "malformed HTTP request");
    }

    /** Writes one answer; closes the connection after it unless the client keeps it alive. */
    static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        FullHttpResponse http = toNetty(response);
        HttpUtil.setKeepAlive(http, keepAlive);
        var written = ctx.writeAndFlush(http);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse toNetty(ApiResponse response) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
                // Live state: a cached copy would show a job as ready after it wedged.
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(http.headers()::set);
        return http;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("API connection failed, closing: {} channel={} peer={}", cause.toString(), ctx.channel().id(),
                ctx.channel().remoteAddress());
        ctx.close();
    }
}
