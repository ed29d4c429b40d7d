package dev.launchguard.model.inference;

import dev.launchguard.model.embedding.Embeddings;
import dev.launchguard.model.embedding.Encoder;
import java.util.ArrayList;
import java.util.List;

/** A stand-in model for tests of everything around the model: a vector from the text's length. */
public class FakeEncoder implements Encoder {

    public static final int DIMENSIONS = 384;

    @Override
    public Embeddings embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (String text : texts) {
            float[] v = new float[DIMENSIONS];
            v[text.length() % DIMENSIONS] = 1f;
            vectors.add(v);
            tokens += text.split(" ").length + 2;
        }
        return new Embeddings(vectors, tokens);
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public void close() {
    }

    /** A status and service with this encoder loaded and ready, as a started server has them. */
    public static InferenceService readyService(ModelStatus status, Runnable poisonEffect) {
        InferenceService service = new InferenceService(2, System::nanoTime, d -> { }, poisonEffect);
        new ModelLoader(FakeEncoder::new, service, status, 0).run();
        return service;
    }
}
