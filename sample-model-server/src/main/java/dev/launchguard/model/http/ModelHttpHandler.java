package dev.launchguard.model.http;

import dev.launchguard.model.api.Reply;
import dev.launchguard.model.api.Request;
import dev.launchguard.model.api.Router;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates between Netty and the {@link Router}: decode, route, encode. The router's future
 * completes on an inference thread for inferences; the write always happens on the channel's loop.
 */
final class ModelHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHttpHandler.class);

    private final Router router;
    private final InFlight inFlight;

    ModelHttpHandler(Router router, InFlight inFlight) {
        this.router = router;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) {
        String path = new QueryStringDecoder(message.uri()).path();
        if (!message.decoderResult().isSuccess()) {
            send(ctx, router.refuse(path, 400, "request could not be decoded as HTTP"), false, () -> { });
            return;
        }
        if (!inFlight.tryBegin()) {
            send(ctx, router.refuse(path, 503, "server is shutting down"), false, () -> { });
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(message);
        Request request = new Request(message.method().name(), path,
                ByteBufUtil.getBytes(message.content()), fromLoopback(ctx));
        router.route(request).thenAccept(reply ->
                ctx.executor().execute(() -> send(ctx, reply, keepAlive && !inFlight.draining(), inFlight::end)));
    }

    private static boolean fromLoopback(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress peer
                && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }

    static void send(ChannelHandlerContext ctx, Reply reply, boolean keepAlive, Runnable answered) {
        ChannelFuture written = write(ctx, reply, keepAlive, answered);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes the reply; the caller decides how the connection ends. */
    static ChannelFuture write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive, Runnable answered) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        reply.headers().forEach(response.headers()::set);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return ctx.writeAndFlush(response).addListener(written -> {
            answered.run();
            reply.afterSend().run();
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("channel failed channel={} peer={} error={}", ctx.channel().id(), ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }

}
