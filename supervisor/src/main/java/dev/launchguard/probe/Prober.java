package dev.launchguard.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * Owns the event loops every probe runs on and turns {@link ProbeSpec}s into {@link Probe}s.
 *
 * <p>Threads: a small fixed group of event loops (native where available). Probes never block
 * them: connect, TLS, write and read are all asynchronous, and each attempt's deadline is a
 * timer on the channel's own loop, so one slow target cannot delay another's probe.
 */
public final class Prober implements AutoCloseable {

    /** Probes are tiny; two loops keep up with hundreds of targets on a 2-core machine. */
    public static final int DEFAULT_THREADS = 2;

    private final Transport transport;
    private final EventLoopGroup group;
    private final LongSupplier nanos;
    /**
     * Built for the first HTTPS probe that needs each, not at start: the JDK's TLS stack and its
     * trust store cost about 0.15 s and 2-3 MB (classes and parsed root certificates), which a
     * fleet of plain HTTP and TCP probes never uses (docs/benchmarks.md, footprint). Guarded by this.
     */
    private SslContext verifyingTls;
    private SslContext trustingTls;

    private Prober(Transport transport, int threads, LongSupplier nanos) {
        this.transport = transport;
        this.group = transport.newGroup(threads, "launchguard-probe");
        this.nanos = nanos;
    }

    /** A prober on the best transport this OS offers. */
    public static Prober start() {
        return new Prober(Transport.detect(), DEFAULT_THREADS, System::nanoTime);
    }

    /** A prober with a given number of event loops and clock; for tests and benchmarks. */
    public static Prober start(int threads, boolean nativeTransport, LongSupplier nanos) {
        return new Prober(nativeTransport ? Transport.detect() : Transport.nio(), threads, nanos);
    }

    /** The transport in use: epoll, kqueue or nio. */
    public String transportName() {
        return transport.name();
    }

    /**
     * The probe for {@code spec}, reusable for any number of attempts; cheap, except that the first
     * HTTPS probe of each kind (verifying or not) builds its TLS context on the calling thread.
     */
    public Probe probeFor(ProbeSpec spec) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                // A probe must fail fast on a dead peer, never linger in close.
                .option(ChannelOption.SO_LINGER, 0);
        if (spec instanceof ProbeSpec.Http) {
            ProbeSpec.Http http = (ProbeSpec.Http) spec;
            return new HttpProbe(http, bootstrap, http.tls() ? tls(http.verifyTls()) : null, nanos);
        }
        return new TcpProbe((ProbeSpec.Tcp) spec, bootstrap, nanos);
    }

    /** The client TLS context, verifying the server's certificate chain and host name or trusting any. */
    private synchronized SslContext tls(boolean verify) {
        try {
            if (verify && verifyingTls == null) {
                verifyingTls = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
            } else if (!verify && trustingTls == null) {
                trustingTls = SslContextBuilder.forClient().endpointIdentificationAlgorithm(null)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            }
        } catch (SSLException e) {
            throw new IllegalStateException("prober TLS context cannot be built: " + e.getMessage(), e);
        }
        return verify ? verifyingTls : trustingTls;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
