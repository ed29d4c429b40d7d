package dev.launchguard.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket's failures, such as {@code accept} running out of descriptors: stop
 * accepting for a second and log one WARN line, instead of Netty's stack trace at the pipeline's
 * tail. It does what Netty's own acceptor would (pause, resume), which never sees the failure since
 * this handler comes first; without the pause the accept loop would spin and log without end. One
 * instance per listening socket.
 */
final class AcceptFailures extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptFailures.class);
    /** As Netty's acceptor: long enough for closing connections to hand their descriptors back. */
    static final long PAUSE_SECONDS = 1;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true), PAUSE_SECONDS, TimeUnit.SECONDS);
        }
        LOG.warn("API could not accept a connection, pausing {} s: {} channel={}", PAUSE_SECONDS, cause.toString(),
                ctx.channel().localAddress());
    }
}
