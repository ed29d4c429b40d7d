package dev.launchguard.model.api;

/** The names and limits the served model is known by on both protocols. */
final class ModelCard {

    static final String NAME = "all-minilm-l6-v2";
    static final String VERSION = "1";
    static final String PLATFORM = "onnxruntime_onnx";
    static final String INPUT = "text";
    static final String OUTPUT = "embedding";
    static final int DIMENSIONS = 384;
    /** Texts per request; more is refused rather than queued, so one client cannot starve the rest. */
    static final int MAX_BATCH = 128;

    private ModelCard() {
    }

    /** Refuses any model name but ours with 404. */
    static void requireKnown(String name) {
        if (!NAME.equals(name)) {
            throw ApiError.notFound("model '" + name + "' not found");
        }
    }
}
