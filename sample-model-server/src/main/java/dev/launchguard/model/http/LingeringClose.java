package dev.launchguard.model.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after an early answer (413 while the client is still sending its body)
 * without losing that answer: closing a socket with unread bytes makes the kernel send RST, and
 * the RST can reach the client before it has read the response. So: send FIN only, keep reading
 * (the aggregator discards the rest of the body), close when the client does, or after a bounded
 * linger so a client that never stops sending cannot hold the socket.
 */
final class LingeringClose {

    static final long LINGER_MILLIS = 2_000;

    private LingeringClose() {
    }

    static void after(ChannelHandlerContext ctx, ChannelFuture written) {
        written.addListener(done -> {
            if (!done.isSuccess() || !(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive()) {
                ctx.close();
                return;
            }
            duplex.shutdownOutput();
            ctx.executor().schedule((Runnable) ctx::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
