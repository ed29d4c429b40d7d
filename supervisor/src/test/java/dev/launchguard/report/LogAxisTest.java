package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogAxisTest {

    /** 38 ms to 15.8 s: whole decades 10 ms to 100 s, four decades over 400 px. */
    private final LogAxis axis = LogAxis.covering(38, 15_800, 0, 400);

    @Test
    void coversWholeDecades() {
        assertThat(axis.minMs()).isEqualTo(10);
        assertThat(axis.maxMs()).isEqualTo(100_000);
        assertThat(axis.decades()).containsExactly(10.0, 100.0, 1_000.0, 10_000.0, 100_000.0);
    }

    @Test
    void eachDecadeIsEquallyWide() {
        assertThat(axis.x(100)).isCloseTo(100, within(1e-9));
        assertThat(axis.x(1_000)).isCloseTo(200, within(1e-9));
        assertThat(axis.x(15_000)).isCloseTo(100 * Math.log10(1_500), within(1e-9));
    }

    @Test
    void clampsWhatIsOffTheAxisIncludingZero() {
        assertThat(axis.x(0)).isZero();
        assertThat(axis.x(1e9)).isEqualTo(400);
        assertThat(LogAxis.covering(0, 0, 0, 1).minMs()).isEqualTo(LogAxis.FLOOR_MS);
        assertThat(LogAxis.covering(0, 0, 0, 1).maxMs()).isEqualTo(1);
    }

    @Test
    void aSampleOnABinEdgeFallsInTheBinThatStartsThere() {
        int bins = axis.binEdges(LatencyChart.BINS_PER_DECADE).size() - 1;

        assertThat(bins).isEqualTo(20);
        assertThat(LatencyChart.bin(axis, 100, bins)).isEqualTo(5);
        assertThat(LatencyChart.bin(axis, 99.9, bins)).isEqualTo(4);
        assertThat(LatencyChart.bin(axis, 1_000, bins)).isEqualTo(10);
        assertThat(LatencyChart.bin(axis, 100_000, bins)).isEqualTo(19);
        assertThat(LatencyChart.bin(axis, 1, bins)).isZero();
    }

    @Test
    void labelsDecadesAsAPersonReadsThem() {
        assertThat(LogAxis.label(0.1)).isEqualTo("0.1 ms");
        assertThat(LogAxis.label(10)).isEqualTo("10 ms");
        assertThat(LogAxis.label(1_000)).isEqualTo("1 s");
        assertThat(LogAxis.label(100_000)).isEqualTo("100 s");
    }
}
