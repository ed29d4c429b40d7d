package dev.launchguard.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/** The API's pipeline: idle timeout, the stock HTTP codec, a small aggregator, then {@link ApiHandler}. */
final class ApiInitializer extends ChannelInitializer<SocketChannel> {

    /** No route takes a body today; a few KB leave room for a small JSON one later. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    /** A connection that sends nothing for this long is closed: a slow client cannot hold a socket forever. */
    static final int IDLE_SECONDS = 30;

    private final ApiRouter router;

    ApiInitializer(ApiRouter router) {
        this.router = router;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        configure(channel.pipeline(), router);
    }

    /** The handlers of one connection; tests build the same pipeline on an EmbeddedChannel. */
    static void configure(ChannelPipeline pipeline, ApiRouter router) {
        pipeline.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(new HttpServerCodec())
                .addLast(new JsonErrorAggregator(MAX_BODY_BYTES))
                .addLast(new ApiHandler(router));
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
