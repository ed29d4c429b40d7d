package dev.launchguard.spelling;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keys in plists and in launchguard.yaml: the candidate nearest by edit
 * distance, counting a swap of two neighbouring letters as one edit, since {@code KeepAlvie} is the
 * typical typo.
 */
public final class Spelling {

    /** Longest distance still worth suggesting; past it the "nearest" key is a guess. */
    private static final int MAX_DISTANCE = 3;

    private Spelling() {
    }

    /** The candidate nearest to {@code word}, ignoring case, when it is near enough to be a typo. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // Short keys need a tighter bound, or every three-letter key "means" some other key.
        int allowed = Math.min(MAX_DISTANCE, Math.max(1, word.length() / 3));
        return best == null || bestDistance > allowed ? Optional.empty() : Optional.of(best);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
