package dev.launchguard.alert;

/**
 * What the supervisor tells people about itself, as it happens: a job quarantined, a restart that
 * failed or was refused for the host budget, a job ready again. The supervisor calls these on its
 * watchers' threads; an implementation returns at once (delivery is someone else's thread).
 * {@link #NONE} drops everything, for tests that build a watcher context.
 */
public interface SupervisorEvents {

    /** Drops every event. */
    SupervisorEvents NONE = new SupervisorEvents() {
        @Override
        public void quarantined(String label, String evidence) {
        }

        @Override
        public void restartFailed(String label, int attempts, String error) {
        }

        @Override
        public void restartDeferred(String label) {
        }

        @Override
        public void restartAllowed(String label) {
        }

        @Override
        public void ready(String label) {
        }
    };

    /** The storm guard quarantined {@code label} (again, when its trial restart did not hold). */
    void quarantined(String label, String evidence);

    /** Attempt {@code attempts} of a restart of {@code label} failed with {@code error}; a retry waits. */
    void restartFailed(String label, int attempts, String error);

    /** A restart of {@code label} was refused: the host restart budget is spent. */
    void restartDeferred(String label);

    /** A restart launchguard decided on was allowed by the host budget. */
    void restartAllowed(String label);

    /** {@code label} answered ready: the first answer after a (re)start, then each passing liveness probe. */
    void ready(String label);
}
