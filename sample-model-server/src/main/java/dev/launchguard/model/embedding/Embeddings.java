package dev.launchguard.model.embedding;

import java.util.List;

/** The vectors of one batch, in input order, and how many tokens the batch cost. */
public record Embeddings(List<float[]> vectors, int tokens) {

    public Embeddings {
        vectors = List.copyOf(vectors);
        if (tokens < 0) {
            throw new IllegalArgumentException("embeddings token count " + tokens + " is negative");
        }
    }
}
