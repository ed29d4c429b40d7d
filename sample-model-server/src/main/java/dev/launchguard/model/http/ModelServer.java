package dev.launchguard.model.http;

import dev.launchguard.model.api.Router;
import dev.launchguard.model.fault.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Binds the HTTP listener and shuts it down. One boss loop accepts; two worker loops serve
 * connections. The wedge fault blocks the workers only, so the boss (and the kernel's backlog)
 * keeps completing TCP handshakes, exactly what makes a TCP probe blind to a wedge.
 */
public final class ModelServer implements EventLoops, AutoCloseable {

    /** Two loops serve hundreds of keep-alive connections; the work happens on inference threads. */
    static final int WORKER_LOOPS = 2;

    private final EventLoopGroup boss =
            new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-boss"), NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
            WORKER_LOOPS, new DefaultThreadFactory("http-worker"), NioIoHandler.newFactory());
    private Channel listener;

    /** Binds and returns the bound port (useful when asked for port 0). */
    public int start(String host, int port, Router router, InFlight inFlight) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new ModelServerInitializer(router, inFlight))
                .bind(host, port).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Closes the listening socket: new connections are refused, open ones stay. */
    public void stopAccepting() {
        listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    @Override
    public void blockForever() {
        for (EventExecutor loop : workers) {
            loop.execute(ModelServer::parkForever);
        }
    }

    private static void parkForever() {
        while (true) {
            LockSupport.park();
        }
    }

    /** Starts shutting the loops down without waiting: a wedged loop would never finish. */
    @Override
    public void close() {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
