package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static final double[] ONE_TO_TEN = IntStream.rangeClosed(1, 10).asDoubleStream().toArray();

    @Test
    void nearestRankIsTheSmallestSampleWithAtLeastPPercentAtOrBelowIt() {
        assertThat(Distribution.percentile(ONE_TO_TEN, 50)).isEqualTo(5);
        assertThat(Distribution.percentile(ONE_TO_TEN, 51)).isEqualTo(6);
        assertThat(Distribution.percentile(ONE_TO_TEN, 90)).isEqualTo(9);
        assertThat(Distribution.percentile(ONE_TO_TEN, 90.1)).isEqualTo(10);
        assertThat(Distribution.percentile(ONE_TO_TEN, 99)).isEqualTo(10);
        assertThat(Distribution.percentile(ONE_TO_TEN, 100)).isEqualTo(10);
        assertThat(Distribution.percentile(ONE_TO_TEN, 0.001)).isEqualTo(1);
    }

    @Test
    void rankIsExactWhereBinaryFloatingPointIsNot() {
        // 99.9 / 100 * 1000 is 1000.0000000000001 in doubles, and 0.07 * 100 is 7.000000000000001
        double[] thousand = IntStream.rangeClosed(1, 1000).asDoubleStream().toArray();
        double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

        assertThat(Distribution.percentile(thousand, 99.9)).isEqualTo(999);
        assertThat(Distribution.percentile(hundred, 7)).isEqualTo(7);
    }

    @Test
    void everyPercentileOfOneSampleIsThatSample() {
        assertThat(Distribution.of(List.of(812.4))).isEqualTo(new Distribution(1, 812.4, 812.4, 812.4, 812.4));
    }

    @Test
    void summarisesUnsortedSamples() {
        List<Double> samples = IntStream.rangeClosed(1, 200).mapToObj(i -> (double) ((i * 37) % 200 + 1)).toList();

        assertThat(Distribution.of(samples)).isEqualTo(new Distribution(200, 100, 180, 198, 200));
    }

    @Test
    void fewSamplesMakeP90AndP99TheMax() {
        assertThat(Distribution.of(List.of(15_800.0, 790.0, 14_200.0, 812.4)))
                .isEqualTo(new Distribution(4, 812.4, 15_800, 15_800, 15_800));
    }

    @Test
    void noSamplesGiveAnEmptySummary() {
        Distribution none = Distribution.of(List.of());

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.count()).isZero();
        assertThat(none.p50()).isNaN();
    }

    @Test
    void rejectsAPercentileOutsideZeroToHundred() {
        assertThatThrownBy(() -> Distribution.percentile(ONE_TO_TEN, 0)).hasMessage("percentile 0.0 is outside (0, 100]");
        assertThatThrownBy(() -> Distribution.percentile(ONE_TO_TEN, 100.5))
                .hasMessage("percentile 100.5 is outside (0, 100]");
        assertThatThrownBy(() -> Distribution.percentile(new double[0], 50)).hasMessage("percentile of no samples");
    }
}
