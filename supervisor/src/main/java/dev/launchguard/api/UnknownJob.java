package dev.launchguard.api;

import dev.launchguard.spelling.Spelling;
import java.util.List;
import java.util.Optional;

/** The 404 for a job label no watcher has: it names the label meant, when one is near enough. */
final class UnknownJob {

    /** A fleet this small is listed whole when a mistyped label is near none of its labels. */
    private static final int LISTED_LABELS = 5;
    /** Labels share long prefixes (com.example.), so only a near miss counts. */
    private static final int MAX_LABEL_EDITS = 2;

    private UnknownJob() {
    }

    static ApiResponse response(String label, List<String> watched) {
        String hint = suggestion(label, watched).map(s -> "; did you mean '" + s + "'?")
                .orElseGet(() -> watched.isEmpty() ? "; it watches no jobs"
                        : watched.size() <= LISTED_LABELS ? "; it watches " + String.join(", ", watched) : "");
        return ApiResponse.error(404, "job '" + label + "' is not watched by launchguard" + hint);
    }

    /**
     * The watched label nearest to {@code label} by spelling (at most two edits), else the one label
     * whose last part it is ({@code web} for {@code dev.launchguard.demo.web}): people type the short name.
     */
    static Optional<String> suggestion(String label, List<String> watched) {
        Optional<String> near = Spelling.nearest(label, watched).filter(w -> Spelling.distance(label, w) <= MAX_LABEL_EDITS);
        if (near.isPresent()) {
            return near;
        }
        List<String> suffixed = watched.stream().filter(w -> w.endsWith("." + label)).toList();
        return suffixed.size() == 1 ? Optional.of(suffixed.get(0)) : Optional.empty();
    }
}
