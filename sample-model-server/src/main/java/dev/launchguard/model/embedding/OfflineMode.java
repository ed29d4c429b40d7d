package dev.launchguard.model.embedding;

/**
 * Keeps the model libraries offline: no telemetry, no downloads, no GPU probing.
 *
 * <p>DJL's tokenizer pings a cloud metadata address and a telemetry bucket unless
 * {@code OPT_OUT_TRACKING} is set, and downloads its native library when the jar lacks one unless
 * offline mode is on. DJL reads either the environment or a system property, so setting the
 * properties here covers a launch that forgot the environment. ONNX Runtime's telemetry is switched
 * off on its environment in {@link MiniLmEncoder}; {@code ORT_DISABLE_TELEMETRY} is set by every
 * launcher as well. {@code RUST_FLAVOR=cpu} stops the tokenizer from probing for CUDA: the jar
 * carries only the CPU build, and the probe logs a warning on every start.
 */
public final class OfflineMode {

    private OfflineMode() {
    }

    /** Sets the opt-out properties; call before any DJL or ONNX Runtime class loads. */
    public static void apply() {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ORT_DISABLE_TELEMETRY", "1");
        System.setProperty("RUST_FLAVOR", "cpu");
    }
}
