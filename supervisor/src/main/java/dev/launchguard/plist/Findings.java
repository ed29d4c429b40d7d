package dev.launchguard.plist;

import java.util.ArrayList;
import java.util.List;

/** The findings of linting one file, collected in the order the rules run. */
final class Findings implements Problems {

    private final String source;
    private final List<LintFinding> list = new ArrayList<>();

    Findings(String source) {
        this.source = source;
    }

    void error(String keyPath, String problem) {
        list.add(new LintFinding(LintFinding.Severity.ERROR, source, keyPath, problem));
    }

    void warning(String keyPath, String problem) {
        list.add(new LintFinding(LintFinding.Severity.WARNING, source, keyPath, problem));
    }

    /** A type problem from the decoder is an error: launchd would reject or misread the value. */
    @Override
    public void report(String keyPath, String problem) {
        error(keyPath, problem);
    }

    /** True when an error was reported at {@code key} or below it ({@code key.x}, {@code key[0]}). */
    boolean hasErrorAt(String key) {
        return list.stream().anyMatch(f -> f.isError() && (f.keyPath().equals(key)
                || f.keyPath().startsWith(key + ".") || f.keyPath().startsWith(key + "[")));
    }

    List<LintFinding> list() {
        return List.copyOf(list);
    }
}
