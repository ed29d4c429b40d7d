package dev.launchguard.model.inference;

import dev.launchguard.model.embedding.Embeddings;
import dev.launchguard.model.embedding.Encoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs inferences on a fixed pool of inference threads, never on an event loop.
 *
 * <p>Threads: callers hand texts over and get a future; the pool's threads run the model. Every
 * inference passes the admission lock (counting admissions) and then, after the model ran, the
 * stats lock; the two are never held together, except by the {@link #deadlock() deadlock fault},
 * which takes them in opposite orders on two inference threads, as a real lock-order bug would.
 */
public final class InferenceService implements AutoCloseable {

    /** How an inference thread waits out the injected latency; tests substitute a recorder. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final ExecutorService threads;
    private final LongSupplier nanos;
    private final Pause pause;
    private final Runnable poisonEffect;
    private final Lock admission = new ReentrantLock();
    private final Lock statsLock = new ReentrantLock();
    private final AtomicBoolean poisoned = new AtomicBoolean();
    private volatile Encoder encoder;
    private volatile Duration addedLatency = Duration.ZERO;
    private long admitted; // guarded by admission
    private InferenceStats stats = InferenceStats.EMPTY; // guarded by statsLock

    /**
     * @param threadCount inference threads; at least 2 so the deadlock fault has two threads to lock
     * @param poisonEffect what a poisoned inference does to the process (kill it)
     */
    public InferenceService(int threadCount, LongSupplier nanos, Pause pause, Runnable poisonEffect) {
        if (threadCount < 2) {
            throw new IllegalArgumentException("inference thread count " + threadCount + " must be at least 2");
        }
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "inference-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.nanos = nanos;
        this.pause = pause;
        this.poisonEffect = poisonEffect;
    }

    /** Makes the loaded model available; inferences before this fail. */
    void attach(Encoder loaded) {
        this.encoder = loaded;
    }

    /** Embeds the texts on an inference thread. */
    public CompletableFuture<Embeddings> embed(List<String> texts) {
        return CompletableFuture.supplyAsync(() -> run(texts), threads);
    }

    private Embeddings run(List<String> texts) {
        if (poisoned.getAndSet(false)) {
            poisonEffect.run();
            throw new IllegalStateException("inference was poisoned");
        }
        admit();
        waitOutAddedLatency();
        Encoder model = encoder;
        if (model == null) {
            throw new IllegalStateException("model is not loaded");
        }
        long start = nanos.getAsLong();
        try {
            Embeddings result = model.embed(texts);
            record(texts.size(), false, start);
            return result;
        } catch (RuntimeException e) {
            record(texts.size(), true, start);
            throw e;
        }
    }

    private void admit() {
        admission.lock();
        try {
            admitted++;
        } finally {
            admission.unlock();
        }
    }

    private void waitOutAddedLatency() {
        Duration latency = addedLatency;
        if (latency.isZero()) {
            return;
        }
        try {
            pause.pause(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("inference was interrupted while slowed down", e);
        }
    }

    private void record(int texts, boolean failed, long startNanos) {
        Duration took = Duration.ofNanos(nanos.getAsLong() - startNanos);
        statsLock.lock();
        try {
            stats = stats.plus(texts, failed, took);
        } finally {
            statsLock.unlock();
        }
    }

    /** A snapshot of the counters; blocks while the stats lock is held (so it hangs after a deadlock). */
    public InferenceStats stats() {
        statsLock.lock();
        try {
            return stats;
        } finally {
            statsLock.unlock();
        }
    }

    /** Inferences admitted so far. */
    public long admitted() {
        admission.lock();
        try {
            return admitted;
        } finally {
            admission.unlock();
        }
    }

    /** Fault: every later inference waits this long first; zero removes the delay. */
    public void slowDown(Duration latency) {
        this.addedLatency = latency;
    }

    /** Fault: the next inference kills the process before it answers. */
    public void poisonNext() {
        poisoned.set(true);
    }

    /** Fault: two inference threads take the admission and stats locks in opposite orders. */
    public void deadlock() {
        CountDownLatch bothHeld = new CountDownLatch(2);
        threads.execute(() -> lockInOrder(admission, statsLock, bothHeld));
        threads.execute(() -> lockInOrder(statsLock, admission, bothHeld));
    }

    private static void lockInOrder(Lock first, Lock second, CountDownLatch bothHeld) {
        first.lock();
        bothHeld.countDown();
        awaitUninterruptibly(bothHeld);
        second.lock(); // never returns: the other thread holds it and waits for ours
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
