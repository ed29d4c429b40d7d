package dev.launchguard.model.http;

import dev.launchguard.model.api.Router;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;

/** The pipeline of one connection: HTTP codec, 100-continue, body aggregation with a limit, handler. */
final class ModelServerInitializer extends ChannelInitializer<SocketChannel> {

    /** 1 MiB holds a full batch of long texts with room to spare; more is a client bug or an attack. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final Router router;
    private final InFlight inFlight;

    ModelServerInitializer(Router router, InFlight inFlight) {
        this.router = router;
        this.inFlight = inFlight;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpServerExpectContinueHandler())
                .addLast(new BodyLimitAggregator(MAX_BODY_BYTES, router))
                .addLast(new ModelHttpHandler(router, inFlight));
    }
}
