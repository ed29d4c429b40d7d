package dev.launchguard.plist;

import dev.launchguard.logging.OneLine;
import java.util.Optional;

/**
 * A plist that cannot be read as a launchd job. The message names the file, the key path and what
 * was wrong: {@code com.example.web.plist: KeepAlive: expected a boolean or a dictionary, got string "yes"}.
 */
public class PlistException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String keyPath;
    private final String problem;

    public PlistException(String source, String keyPath, String problem) {
        super(format(source, keyPath, problem));
        this.source = source;
        this.keyPath = keyPath;
        this.problem = problem;
    }

    public PlistException(String source, String keyPath, String problem, Throwable cause) {
        super(format(source, keyPath, problem), cause);
        this.source = source;
        this.keyPath = keyPath;
        this.problem = problem;
    }

    /** The file (or other source) the plist came from. */
    public String source() {
        return source;
    }

    /** The key path of the bad value, empty when the whole document is at fault. */
    public Optional<String> keyPath() {
        return keyPath.isEmpty() ? Optional.empty() : Optional.of(keyPath);
    }

    /** What was wrong, without the source and key path. */
    public String problem() {
        return problem;
    }

    private static String format(String source, String keyPath, String problem) {
        return keyPath.isEmpty() ? OneLine.of(source) + ": " + OneLine.of(problem)
                : OneLine.of(source) + ": " + OneLine.of(keyPath) + ": " + OneLine.of(problem);
    }
}
