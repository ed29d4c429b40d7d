package dev.launchguard.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The order a campaign injects its faults in: drawn at random from a seed (the same seed gives the
 * same campaign), or a script of {@code LABEL FAULT} lines repeated until the campaign's bounds.
 */
public final class FaultPlan {

    /** The target name of {@link Fault#SUPERVISOR_KILL} in scripts and results. */
    public static final String LAUNCHGUARD = "launchguard";

    /** One fault to inject into one target. */
    public record Step(String label, Fault fault) {
        public Step {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(fault, "fault");
        }
    }

    private final List<Step> script;
    private final Map<String, List<Fault>> targets;
    private final SplittableRandom random;
    private final OptionalLong seed;
    private int next;

    private FaultPlan(List<Step> script, Map<String, List<Fault>> targets, OptionalLong seed) {
        this.script = List.copyOf(script);
        this.targets = targets;
        this.seed = seed;
        this.random = seed.isPresent() ? new SplittableRandom(seed.getAsLong()) : null;
    }

    /**
     * Each step draws a target uniformly (a job, or launchguard when {@code faults} allows it for
     * {@link #LAUNCHGUARD}), then one of the faults that target takes. Drawing the target first keeps
     * a job with many applicable faults from taking most of the campaign.
     */
    public static FaultPlan random(long seed, Map<String, List<Fault>> faults) {
        Map<String, List<Fault>> targets = new LinkedHashMap<>();
        faults.forEach((label, list) -> {
            if (!list.isEmpty()) {
                targets.put(label, List.copyOf(list));
            }
        });
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target takes any of the faults asked for");
        }
        return new FaultPlan(List.of(), targets, OptionalLong.of(seed));
    }

    public static FaultPlan scripted(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the script has no step");
        }
        return new FaultPlan(steps, Map.of(), OptionalLong.empty());
    }

    /**
     * Reads a script: one {@code LABEL FAULT} per line, {@code #} starts a comment. Each step must
     * name a target in {@code faults} and a fault that target takes; the error names the line.
     */
    public static List<Step> readScript(Path file, Map<String, List<Fault>> faults) throws IOException {
        List<Step> steps = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] words = line.split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException(where + "'" + line + "' must be LABEL FAULT, e.g. '"
                        + faults.keySet().stream().findFirst().orElse("com.example.job") + " kill'");
            }
            Fault fault;
            try {
                fault = Fault.parse(words[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
            List<Fault> allowed = faults.get(words[0]);
            if (allowed == null) {
                throw new IllegalArgumentException(where + "target '" + words[0] + "' is not in the campaign: one of "
                        + String.join(", ", faults.keySet()));
            }
            if (!allowed.contains(fault)) {
                throw new IllegalArgumentException(where + "target '" + words[0] + "' does not take fault '"
                        + fault.wireName() + "': it takes " + String.join(", ", allowed.stream().map(Fault::wireName).toList()));
            }
            steps.add(new Step(words[0], fault));
        }
        return steps;
    }

    public Step next() {
        if (random == null) {
            return script.get(next++ % script.size());
        }
        List<String> labels = List.copyOf(targets.keySet());
        String label = labels.get(random.nextInt(labels.size()));
        List<Fault> faults = targets.get(label);
        return new Step(label, faults.get(random.nextInt(faults.size())));
    }

    /** {@code random} or {@code scripted}, as the results' campaign record says. */
    public String order() {
        return random == null ? "scripted" : "random";
    }

    public OptionalLong seed() {
        return seed;
    }
}
