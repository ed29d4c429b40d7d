package dev.launchguard.model.inference;

import java.time.Duration;

/** Counters of the inferences run so far, warmup included; a snapshot, replaced whole. */
public record InferenceStats(long runs, long texts, long failures, Duration busy) {

    static final InferenceStats EMPTY = new InferenceStats(0, 0, 0, Duration.ZERO);

    InferenceStats plus(int batchTexts, boolean failed, Duration took) {
        return new InferenceStats(runs + 1, texts + batchTexts, failures + (failed ? 1 : 0), busy.plus(took));
    }
}
