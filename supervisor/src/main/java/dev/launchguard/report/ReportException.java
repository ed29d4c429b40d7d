package dev.launchguard.report;

/**
 * An input file that is not chaos-campaign results or a JMH result. The message names the file, the
 * line, the field and what is wrong: {@code campaign.jsonl:3: event.respawnMs: expected a number, got "fast"}.
 */
public class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
