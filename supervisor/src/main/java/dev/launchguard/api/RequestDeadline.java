package dev.launchguard.api;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One deadline for a request's head and body: armed when the connection opens, and again when the
 * last pending answer has been written on a kept-alive connection; disarmed when a whole request
 * has arrived. Unlike an idle timer it does not restart with every byte, so a client that trickles
 * a header byte every two seconds is answered 408 and closed when the deadline passes. One
 * instance per connection (it sits after the aggregator, so it sees whole requests).
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private final Duration timeout;
    private ScheduledFuture<?> timer;
    /** Requests read whose answer is not written yet (pipelining): no deadline runs while one is. */
    private int pending;

    RequestDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest) {
            pending++;
            disarm();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse) {
            promise.addListener(done -> {
                pending = Math.max(0, pending - 1);
                if (pending == 0 && ctx.channel().isActive()) {
                    arm(ctx);
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (pending > 0 || !ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse response = ApiHandler.toNetty(ApiResponse.error(408, "the request did not arrive whole within "
                + timeout.toMillis() / 1000.0 + " s; send its head and body at once"));
        HttpUtil.setKeepAlive(response, false);
        LingeringClose.after(ctx, ctx.writeAndFlush(response));
    }
}
