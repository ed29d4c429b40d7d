package dev.launchguard.plist;

/**
 * Where {@link PlistDecoder} reports a value it cannot use: reading a job stops at the first one,
 * linting collects them all and goes on with the value left out.
 */
@FunctionalInterface
interface Problems {

    /** Reports that the value at {@code keyPath} is unusable; {@code problem} says why and what is allowed. */
    void report(String keyPath, String problem);

    /** Problems that throw at the first report, for reading a job launchguard will run. */
    static Problems throwing(String source) {
        return (keyPath, problem) -> {
            throw new PlistException(source, keyPath, problem);
        };
    }
}
