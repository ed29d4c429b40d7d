package dev.launchguard.model;

import dev.launchguard.model.api.Router;
import dev.launchguard.model.embedding.MiniLmEncoder;
import dev.launchguard.model.embedding.OfflineMode;
import dev.launchguard.model.fault.FaultInjector;
import dev.launchguard.model.fault.JvmProcessExit;
import dev.launchguard.model.fault.ProcessExit;
import dev.launchguard.model.http.InFlight;
import dev.launchguard.model.http.ModelServer;
import dev.launchguard.model.inference.InferenceService;
import dev.launchguard.model.inference.ModelLoader;
import dev.launchguard.model.inference.ModelStatus;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the sample model server.
 *
 * <p>Threads and ownership: {@code main} builds the graph, binds the port, then loads and warms the
 * model (so the server answers live/ready while loading). The HTTP loops ({@code http-boss},
 * {@code http-worker-*}) only translate; inferences run on {@code inference-*}; shutdown runs on
 * {@code drain}. {@link ModelStatus} belongs to the loader and to shutdown; all others read it.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** Status for a bad command line, as sysexits' EX_USAGE. */
    static final int USAGE_STATUS = 64;
    /** Status when the model cannot load, so launchd's KeepAlive restarts it. */
    static final int LOAD_FAILED_STATUS = 1;
    /** ONNX Runtime threads per inference: parallelism comes from concurrent requests instead. */
    static final int INTRA_OP_THREADS = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        OfflineMode.apply();
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sample-model-server: " + e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(USAGE_STATUS);
            return;
        }
        run(options);
    }

    private static void run(ServerOptions options) throws InterruptedException {
        ProcessExit processExit = new JvmProcessExit();
        ModelStatus status = new ModelStatus(options.warmup());
        int inferenceThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        InferenceService inference = new InferenceService(inferenceThreads, System::nanoTime,
                latency -> Thread.sleep(latency.toMillis()), processExit::kill);
        ModelServer server = new ModelServer();
        Router router = new Router(status, inference, new FaultInjector(inference, server, processExit),
                options.chaos());
        InFlight inFlight = new InFlight();
        int port = server.start(options.host(), options.port(), router, inFlight);
        CountDownLatch startupOver = new CountDownLatch(1);
        new GracefulShutdown(server, status, inFlight, options.drainTimeout(), processExit, startupOver)
                .installSignalHandlers();
        LOG.info("listening host={} port={} warmup={} chaos={} pid={}", options.host(), port, options.warmup(),
                options.chaos(), ProcessHandle.current().pid());
        try {
            new ModelLoader(() -> MiniLmEncoder.load(INTRA_OP_THREADS), inference, status, options.warmup()).run();
        } catch (RuntimeException e) {
            LOG.error("model failed to load, exiting status={} error={}", LOAD_FAILED_STATUS, e.toString());
            processExit.exit(LOAD_FAILED_STATUS);
        } finally {
            startupOver.countDown();
        }
    }
}
