package dev.launchguard.model.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void drainReturnsTrueAtOnceWhenIdleAndThenAdmitsNothing() throws InterruptedException {
        InFlight inFlight = new InFlight();
        inFlight.tryBegin();
        inFlight.end();

        assertThat(inFlight.drain(Duration.ZERO)).isTrue();
        assertThat(inFlight.tryBegin()).isFalse();
        assertThat(inFlight.draining()).isTrue();
    }

    @Test
    void drainGivesUpAfterTheBoundWhileARequestIsOpen() throws InterruptedException {
        InFlight inFlight = new InFlight();
        inFlight.tryBegin();

        assertThat(inFlight.drain(Duration.ofMillis(20))).isFalse();
        assertThat(inFlight.count()).isEqualTo(1);
    }

    @Test
    void drainReturnsWhenTheLastRequestEnds() throws InterruptedException {
        InFlight inFlight = new InFlight();
        inFlight.tryBegin();
        Thread answering = new Thread(inFlight::end);
        answering.start();

        assertThat(inFlight.drain(Duration.ofSeconds(30))).isTrue();
    }
}
