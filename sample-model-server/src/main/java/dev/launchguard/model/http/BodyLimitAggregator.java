package dev.launchguard.model.http;

import dev.launchguard.model.api.Router;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Netty's {@link HttpObjectAggregator}, answering an oversized body with the server's JSON error
 * instead of the stock empty 413.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    private final Router router;
    private final int maxBytes;

    BodyLimitAggregator(int maxBytes, Router router) {
        super(maxBytes);
        this.maxBytes = maxBytes;
        this.router = router;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String path = oversized instanceof HttpRequest request ? new QueryStringDecoder(request.uri()).path() : "/";
        LingeringClose.after(ctx, ModelHttpHandler.write(ctx,
                router.refuse(path, 413, "request body is larger than " + maxBytes + " bytes"), false, () -> { }));
    }
}
