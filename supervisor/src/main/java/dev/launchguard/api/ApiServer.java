package dev.launchguard.api;

import dev.launchguard.config.ApiConfig;
import dev.launchguard.fleet.FleetView;
import dev.launchguard.watch.WatchView;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API and status page: binds, publishes the runtime file, and on {@link #close()} removes
 * it and stops listening.
 *
 * <p>Threads: one event loop of its own, apart from the probe engine's, so a burst of API calls
 * never delays a probe. The handlers only read snapshots; the one slow call, a kickstart, comes
 * back as a future and is written when it completes. The token and runtime files are read and
 * written here, on the caller's thread, never on the event loop.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** The API is light: one thread serves it. */
    private static final int THREADS = 1;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;

    private final EventLoopGroup group;
    private final Channel channel;
    private final ApiSettings settings;
    private final RuntimeInfo runtime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ApiServer(EventLoopGroup group, Channel channel, ApiSettings settings, RuntimeInfo runtime) {
        this.group = group;
        this.channel = channel;
        this.settings = settings;
        this.runtime = runtime;
    }

    /**
     * Reads (or creates) the token, binds and writes the runtime file.
     *
     * @throws TokenFileException when the token file is unusable
     * @throws UncheckedIOException when the address cannot be bound or the runtime file written
     */
    public static ApiServer start(ApiSettings settings, FleetView fleet, Clock clock) {
        return start(settings, fleet, WatchView.NONE, clock);
    }

    /** As {@link #start(ApiSettings, FleetView, Clock)}, also serving the watchers' latest results. */
    public static ApiServer start(ApiSettings settings, FleetView fleet, WatchView watchers, Clock clock) {
        ApiRouter router = new ApiRouter(fleet, watchers,
                TokenFile.readOrCreate(settings.tokenFile(), new SecureRandom()), HostPolicy.of(settings.api().hosts()));
        ConnectionLimit limit = ConnectionLimit.of(settings.api().maxConnections(), settings.jobs());
        Optional<SslContext> tls = settings.api().tls().map(ApiTls::serverContext);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("launchguard-api", true),
                NioIoHandler.newFactory());
        Channel channel = null;
        try {
            channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .handler(new AcceptFailures())
                    .childHandler(new ApiInitializer(router, settings.api().requestTimeout(), limit, tls))
                    .bind(settings.host(), settings.port())
                    .sync()
                    .channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            RuntimeInfo runtime = new RuntimeInfo(ProcessHandle.current().pid(), url(bound, tls.isPresent()),
                    settings.tokenFile(), clock.instant(), settings.api().tls().map(ApiConfig.Tls::certificate));
            RuntimeFile.write(settings.stateDir(), runtime);
            if (!bound.getAddress().isLoopbackAddress()) {
                LOG.warn("HTTP API listens beyond loopback, over TLS: anyone who can reach it reads the job list "
                        + "address={}", bound);
            }
            LOG.info("HTTP API listening url={} runtimeFile={} maxConnections={} requestTimeout={}", runtime.url(),
                    settings.stateDir().resolve(RuntimeFile.NAME), limit.max(), settings.api().requestTimeout());
            return new ApiServer(group, channel, settings, runtime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(group, channel);
            throw new UncheckedIOException("HTTP API start on " + address(settings) + " was interrupted",
                    new java.io.InterruptedIOException());
        } catch (Exception e) {
            // Netty's sync() rethrows a BindException undeclared, so checked exceptions arrive here too.
            shutdown(group, channel);
            if (e instanceof UncheckedIOException || e instanceof TokenFileException) {
                throw (RuntimeException) e;
            }
            throw new UncheckedIOException("HTTP API could not listen on " + address(settings) + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static String address(ApiSettings settings) {
        return settings.host() + ":" + settings.port();
    }

    /** The address clients use: a wildcard bind is reached through loopback. */
    static URI url(InetSocketAddress bound, boolean tls) {
        InetAddress address = bound.getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((tls ? "https://" : "http://") + host + ":" + bound.getPort());
    }

    /** The API's base address, e.g. {@code http://127.0.0.1:9470}. */
    public URI url() {
        return runtime.url();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            RuntimeFile.remove(settings.stateDir(), runtime);
        } catch (UncheckedIOException e) {
            LOG.warn("Runtime file left behind: {}", e.getMessage());
        }
        shutdown(group, channel);
        LOG.info("HTTP API stopped url={}", runtime.url());
    }

    private static void shutdown(EventLoopGroup group, Channel channel) {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
