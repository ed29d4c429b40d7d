package dev.launchguard.model.fault;

import java.time.Duration;

/**
 * One fault to inject.
 *
 * @param latency added to every inference ({@code slow} only; zero otherwise)
 * @param exitStatus the status to exit with ({@code exit} only; zero otherwise)
 */
public record Fault(FaultMode mode, Duration latency, int exitStatus) {

    /** Longest latency {@code slow} accepts: longer is a wedge, and that has its own mode. */
    static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    public Fault {
        if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("'latency' " + latency.toMillis() + "ms is out of range 0ms.."
                    + MAX_LATENCY.toMillis() + "ms");
        }
        if (exitStatus < 0 || exitStatus > 255) {
            throw new IllegalArgumentException("'code' " + exitStatus + " is out of range 0..255");
        }
    }

    public static Fault of(FaultMode mode) {
        return new Fault(mode, Duration.ZERO, 0);
    }

    public static Fault slow(Duration latency) {
        return new Fault(FaultMode.SLOW, latency, 0);
    }

    public static Fault exit(int status) {
        return new Fault(FaultMode.EXIT, Duration.ZERO, status);
    }
}
