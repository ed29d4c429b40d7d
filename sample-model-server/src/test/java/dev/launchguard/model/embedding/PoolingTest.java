package dev.launchguard.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoolingTest {

    @Test
    void averagesOnlyAttendedTokensThenNormalises() {
        float[][] tokens = {{3, 0}, {1, 0}, {100, 100}};

        float[] pooled = Pooling.meanNormalized(tokens, new long[] {1, 1, 0});

        assertThat(pooled).containsExactly(new float[] {1, 0}, within(1e-6f));
    }

    @Test
    void keepsDirectionOfTheMean() {
        float[] pooled = Pooling.meanNormalized(new float[][] {{3, 4}}, new long[] {1});

        assertThat(pooled).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
    }
}
