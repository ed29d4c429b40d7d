package dev.launchguard.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEncoderTest {

    private static MiniLmEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLmEncoder.load(1);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void sameTextAloneGivesABitIdenticalVector() {
        float[] first = encoder.embed(List.of("a cat sits on the mat")).vectors().get(0);
        float[] second = encoder.embed(List.of("a cat sits on the mat")).vectors().get(0);

        assertThat(java.util.Arrays.equals(first, second)).isTrue();
    }

    @Test
    void sameTextInsideALargerBatchGivesANearlyIdenticalVector() {
        // The int8 model quantizes activations per batch, so batch companions move the vector a little.
        float[] alone = encoder.embed(List.of("a cat sits on the mat")).vectors().get(0);
        Embeddings batch = encoder.embed(List.of("padding makes this row longer than the next one", "a cat sits on the mat"));

        assertThat(dot(batch.vectors().get(1), alone)).isGreaterThan(0.99);
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        List<float[]> v = encoder.embed(List.of(
                "a cat sits on the mat", "a kitten is sitting on a rug", "quarterly tax filing deadline")).vectors();

        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.2);
    }

    @Test
    void vectorsHave384UnitLengthDimensions() {
        float[] v = encoder.embed(List.of("hello")).vectors().get(0);

        assertThat(v).hasSize(384);
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void countsTokensIncludingClsAndSep() {
        assertThat(encoder.embed(List.of("hello world")).tokens()).isEqualTo(4);
    }

    @Test
    void truncatesTextLongerThanTheModelWindow() {
        String longText = "word ".repeat(1000);

        assertThat(encoder.embed(List.of(longText)).tokens()).isEqualTo(MiniLmEncoder.MAX_TOKENS);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
