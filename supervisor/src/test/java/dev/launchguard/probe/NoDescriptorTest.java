package dev.launchguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A probe attempt when launchguard itself has no file descriptor left: the socket cannot be
 * created, so Netty's connect fails before a channel exists. The attempt must end as an ERROR
 * outcome naming the cause, never throw: a throwing probe stops its watcher's probe round.
 */
class NoDescriptorTest {

    private final EventLoopGroup group = new NioEventLoopGroup(1);

    /** A bootstrap whose every channel fails to open, as socket(2) does with EMFILE. */
    private final Bootstrap exhausted = new Bootstrap().group(group).channelFactory(() -> {
        throw new ChannelException("Unable to create Channel", new IOException("Too many open files"));
    });

    /** Netty logs a listener that throws here, and carries on: the failure would otherwise go unseen. */
    private final Logger listeners = (Logger) LoggerFactory.getLogger("io.netty.util.concurrent.DefaultPromise");
    private final ListAppender<ILoggingEvent> thrown = new ListAppender<>();

    @BeforeEach
    void watchListeners() {
        thrown.start();
        listeners.addAppender(thrown);
    }

    @AfterEach
    void close() {
        listeners.detachAppender(thrown);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(thrown.list).as("exceptions thrown by the attempt's listeners").isEmpty();
    }

    @Test
    void anHttpAttemptWhoseSocketCannotBeOpenedIsAnErrorOutcome() {
        HttpProbe probe = new HttpProbe(ProbeSpec.Http.get("http://127.0.0.1:9/healthz"), exhausted, null, System::nanoTime);

        assertThat(probe.attempt(Duration.ofMillis(300))).succeedsWithin(Duration.ofSeconds(5)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.detail()).isEqualTo("connect failed: Unable to create Channel (Too many open files)");
        });
    }

    @Test
    void aTcpAttemptWhoseSocketCannotBeOpenedIsAnErrorOutcome() {
        TcpProbe probe = new TcpProbe(new ProbeSpec.Tcp("127.0.0.1", 9), exhausted, System::nanoTime);

        assertThat(probe.attempt(Duration.ofMillis(300))).succeedsWithin(Duration.ofSeconds(5))
                .extracting(ProbeResult::outcome).isEqualTo(Outcome.ERROR);
    }
}
