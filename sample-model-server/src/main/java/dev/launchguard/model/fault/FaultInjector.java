package dev.launchguard.model.fault;

import dev.launchguard.model.inference.InferenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Fault} into its effect. Each effect is returned as an action that the caller runs
 * once the acknowledgement is on the wire, so the client learns the fault was accepted before, say,
 * the event loops stop or the process dies.
 */
public final class FaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final InferenceService inference;
    private final EventLoops eventLoops;
    private final ProcessExit processExit;

    public FaultInjector(InferenceService inference, EventLoops eventLoops, ProcessExit processExit) {
        this.inference = inference;
        this.eventLoops = eventLoops;
        this.processExit = processExit;
    }

    /** The effect of the fault; run it after acknowledging. */
    public Runnable effectOf(Fault fault) {
        return () -> {
            LOG.warn("fault injected mode={} latency_ms={} code={}",
                    fault.mode().wireName(), fault.latency().toMillis(), fault.exitStatus());
            apply(fault);
        };
    }

    private void apply(Fault fault) {
        switch (fault.mode()) {
            case WEDGE -> eventLoops.blockForever();
            case DEADLOCK -> inference.deadlock();
            case SLOW -> inference.slowDown(fault.latency());
            case EXIT -> processExit.exit(fault.exitStatus());
            case CRASH -> processExit.kill();
            case LEAK -> new HeapLeak(processExit).start();
            case POISON -> inference.poisonNext();
        }
    }
}
