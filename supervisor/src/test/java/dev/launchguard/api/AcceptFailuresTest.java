package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AcceptFailuresTest {

    @Test
    void anAcceptFailurePausesAcceptingForASecondInsteadOfSpinning() {
        EmbeddedChannel server = new EmbeddedChannel(new AcceptFailures());

        server.pipeline().fireExceptionCaught(new IOException("Too many open files"));
        assertThat(server.config().isAutoRead()).isFalse();
        server.pipeline().fireExceptionCaught(new IOException("Too many open files"));

        server.advanceTimeBy(AcceptFailures.PAUSE_SECONDS, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
        assertThat(server.config().isAutoRead()).isTrue();
        server.checkException(); // handled here, never passed on to the pipeline's tail
        server.finishAndReleaseAll();
    }
}
