package dev.launchguard.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A TCP connect probe: UP when the handshake completes. It cannot see a stopped or wedged process,
 * because the kernel completes handshakes on the listener's behalf; use it only for ports that
 * speak no HTTP.
 */
final class TcpProbe implements Probe {

    private final ProbeSpec.Tcp spec;
    private final Bootstrap bootstrap;
    private final LongSupplier nanos;

    TcpProbe(ProbeSpec.Tcp spec, Bootstrap bootstrap, LongSupplier nanos) {
        this.spec = spec;
        this.bootstrap = bootstrap;
        this.nanos = nanos;
    }

    @Override
    public CompletableFuture<ProbeResult> attempt(Duration timeout) {
        Attempt attempt = new Attempt(nanos, timeout);
        ChannelFuture connect = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, attempt.remainingMillis())
                .handler(new ChannelInboundHandlerAdapter())
                .connect(spec.host(), spec.port());
        attempt.arm(connect);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                attempt.finish(Outcome.UP, "connected");
            } else {
                attempt.connectFailed(f.cause());
            }
        });
        return attempt.result();
    }

    @Override
    public String target() {
        return spec.target();
    }
}
