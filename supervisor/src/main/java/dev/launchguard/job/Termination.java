package dev.launchguard.job;

/** How an instance of a job ended: a normal exit with a code, or death by a signal. */
public sealed interface Termination permits Termination.Exited, Termination.Signaled {

    static Termination exited(int code) {
        return new Exited(code);
    }

    static Termination signaled(int signal) {
        return new Signaled(signal);
    }

    /** True for an exit with code 0. */
    boolean successful();

    /** The process called exit with {@code code}. */
    record Exited(int code) implements Termination {
        @Override
        public boolean successful() {
            return code == 0;
        }

        @Override
        public String toString() {
            return "exit " + code;
        }
    }

    /** The process was killed by signal number {@code signal} (as the OS that ran it numbers it). */
    record Signaled(int signal) implements Termination {
        @Override
        public boolean successful() {
            return false;
        }

        @Override
        public String toString() {
            return "signal " + signal;
        }
    }
}
