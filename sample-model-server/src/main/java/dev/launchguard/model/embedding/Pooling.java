package dev.launchguard.model.embedding;

/** Sentence-transformers pooling: mean over the attended tokens, then L2 normalisation. */
final class Pooling {

    private Pooling() {
    }

    /** Pools one row of {@code hidden[batch][token][dim]} under its attention mask. */
    static float[] meanNormalized(float[][] tokens, long[] attentionMask) {
        int dims = tokens[0].length;
        float[] sum = new float[dims];
        int attended = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (attentionMask[t] == 0) {
                continue;
            }
            attended++;
            for (int d = 0; d < dims; d++) {
                sum[d] += tokens[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(attended, 1);
            norm += (double) sum[d] * sum[d];
        }
        float scale = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < dims; d++) {
            sum[d] *= scale;
        }
        return sum;
    }
}
