package dev.launchguard.model.inference;

/** Where a server is in its life, as its ready endpoint reports it. */
public enum Phase {
    /** Reading the model and tokenizer, creating the ONNX Runtime session. */
    LOADING,
    /** Running warmup batches through the model. */
    WARMING,
    /** Serving inferences. */
    READY,
    /** Shutting down: in-flight requests finish, new ones are refused. */
    DRAINING,
    /** The model could not be loaded; the process is exiting. */
    FAILED;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
