package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

    @Test
    void leavesTheReserveEachJobsShareAndTheSheddingSlotsFree() {
        // launchd's default of 256 descriptors, 60 open at start, 3 jobs.
        int max = ConnectionLimit.derive(256, 60, 3);

        assertThat(max).isEqualTo(256 - 60 - ConnectionLimit.RESERVE - 3 * ConnectionLimit.PER_JOB - ConnectionLimit.SHED);
        assertThat(60 + max + ConnectionLimit.SHED + 3 * ConnectionLimit.PER_JOB).isEqualTo(256 - ConnectionLimit.RESERVE);
    }

    @Test
    void isAtLeastOneAndAtMostTheCeiling() {
        assertThat(ConnectionLimit.derive(64, 60, 3)).isEqualTo(1);
        assertThat(ConnectionLimit.derive(1_048_576, 60, 3)).isEqualTo(ConnectionLimit.CEILING);
        assertThat(ConnectionLimit.derive(-1, 60, 3)).isEqualTo(ConnectionLimit.CEILING);
    }

    @Test
    void servesUpToTheCapThenShedsThenIsFull() {
        ConnectionLimit limit = new ConnectionLimit(2);

        assertThat(limit.tryServe()).isTrue();
        assertThat(limit.tryServe()).isTrue();
        assertThat(limit.tryServe()).isFalse();
        for (int i = 0; i < ConnectionLimit.SHED; i++) {
            assertThat(limit.full()).isFalse();
            assertThat(limit.tryShed()).isTrue();
        }
        assertThat(limit.tryShed()).isFalse();
        assertThat(limit.full()).isTrue();

        limit.served();
        assertThat(limit.full()).isFalse();
        assertThat(limit.tryServe()).isTrue();
    }
}
