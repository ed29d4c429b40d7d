package dev.launchguard.model.embedding;

import java.util.List;

/** Turns texts into sentence embeddings; the one seam between the server and the model runtime. */
public interface Encoder extends AutoCloseable {

    /** Embeds each text; the vectors come back in input order, L2-normalised. */
    Embeddings embed(List<String> texts);

    /** Length of every vector {@link #embed} returns. */
    int dimensions();

    @Override
    void close();
}
