package dev.launchguard.job;

/** A job manager could not do what was asked; the message reads {@code job '<label>' <what happened>}. */
public class JobManagerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String label;

    public JobManagerException(String label, String what) {
        super("job '" + label + "' " + what);
        this.label = label;
    }

    public JobManagerException(String label, String what, Throwable cause) {
        super("job '" + label + "' " + what + ": " + cause.getMessage(), cause);
        this.label = label;
    }

    public String label() {
        return label;
    }
}
