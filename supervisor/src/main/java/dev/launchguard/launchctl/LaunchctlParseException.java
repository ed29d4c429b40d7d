package dev.launchguard.launchctl;

/**
 * Pasted or captured {@code launchctl} output that cannot be read; the message names the kind of
 * output, the line and what was wrong there.
 */
public final class LaunchctlParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String output;
    private final int line;

    /**
     * @param output which output was being read ({@code launchctl print}, {@code launchctl list}, ...)
     * @param line the 1-based line of the input where the problem is
     */
    public LaunchctlParseException(String output, int line, String what) {
        super(output + " output line " + line + " " + what);
        this.output = output;
        this.line = line;
    }

    public String output() {
        return output;
    }

    public int line() {
        return line;
    }
}
