package dev.launchguard.model.inference;

/**
 * A snapshot of start-up progress, so a supervisor can tell "loading" (the counter moves) from
 * "wedged" (the endpoint stops answering).
 *
 * @param done steps finished: 1 for loading the model, then 1 per warmup batch
 * @param total steps before ready: 1 + the number of warmup batches
 */
public record Readiness(Phase phase, int done, int total) {

    public Readiness {
        if (done < 0 || total < 1 || done > total) {
            throw new IllegalArgumentException("readiness progress " + done + "/" + total + " is out of range");
        }
    }

    /** The state of a server that has not finished loading, before any warmup. */
    public static Readiness loading(int warmupBatches) {
        return new Readiness(Phase.LOADING, 0, warmupBatches + 1);
    }

    public boolean ready() {
        return phase == Phase.READY;
    }

    /** Share of the start-up done, 0 to 1. */
    public double fraction() {
        return (double) done / total;
    }

    Readiness advanced() {
        int next = done + 1;
        return new Readiness(next == total ? Phase.READY : Phase.WARMING, next, total);
    }

    public Readiness draining() {
        return new Readiness(Phase.DRAINING, done, total);
    }

    Readiness failed() {
        return new Readiness(Phase.FAILED, done, total);
    }
}
