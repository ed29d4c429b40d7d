package dev.launchguard.plist;

import java.util.ArrayList;
import java.util.List;
/** Where the walk is: one entry per open container, its key or index so far. */
final class PlistPath {
    private final List<String> parts = new ArrayList<>();

    void push(String part) {
        parts.add(part);
    }

    void pop() {
        parts.remove(parts.size() - 1);
    }

    void replaceLast(String part) {
        parts.set(parts.size() - 1, part);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part.startsWith("[")) {
                out.append(part);
            } else if (!part.isEmpty()) {
                out.append(out.length() == 0 ? "" : ".").append(part);
            }
        }
        return out.toString();
    }
}
