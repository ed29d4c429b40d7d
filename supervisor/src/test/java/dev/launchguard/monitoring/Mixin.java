package dev.launchguard.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The repository's monitoring mixin ({@code monitoring/}) as its tests read it: the generated rule
 * files and dashboards, the metric contract they may query, and the Debian tools that check them.
 */
public final class Mixin {

    /** Every series name launchguard exports that the mixin may use (the issue 18 metric contract). */
    public static final Set<String> CONTRACT = Set.copyOf(contract());

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\\w:])(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    /** The repository's root: the first folder up from the working directory holding monitoring/mixin.libsonnet. */
    public static final Path ROOT = root();

    private Mixin() {
    }

    public static Path monitoring() {
        return ROOT.resolve("monitoring");
    }

    public static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("monitoring file '" + file + "' does not parse as YAML", e);
        }
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard '" + file + "' does not parse as JSON", e);
        }
    }

    /** The rules of every group of a generated rule file. */
    public static List<JsonNode> rules(String file) {
        List<JsonNode> rules = new ArrayList<>();
        yaml(monitoring().resolve(file)).path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    public static List<String> recordingRuleNames() {
        return rules("prometheus_rules.yaml").stream().map(r -> r.path("record").asText()).toList();
    }

    public static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(monitoring().resolve("dashboards_out"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code targets[].expr} of a dashboard's panels, in order. */
    public static List<String> exprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        return exprs;
    }

    /** An expr with the dashboards' template variables replaced by these values. */
    public static String substitute(String expr, String instance, String label) {
        return expr.replace("$__rate_interval", "1m").replace("$instance", instance).replace("$label", label);
    }

    /**
     * The series names a PromQL expression selects: identifiers outside strings, label matchers,
     * ranges and grouping clauses that are not function calls or keywords.
     */
    public static Set<String> metricNames(String expr) {
        String bare = QUOTED.matcher(expr).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** A Debian tool from PATH; the test is skipped, saying which package to install, where it is missing. */
    public static Path tool(String name, String debianPackage) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), name + " is not installed (Debian package '" + debianPackage
                + "'; .ci/run installs it): skipping the monitoring mixin check that needs it");
        return found.get();
    }

    /** What a tool printed (stdout and stderr together) and its exit code; run in monitoring/. */
    public record Run(int exitCode, String output) {
    }

    public static Run run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(monitoring().toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish within 120 s");
            }
            return new Run(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run '" + String.join(" ", command) + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running '" + String.join(" ", command) + "'", e);
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("monitoring/mixin.libsonnet")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no monitoring/mixin.libsonnet in " + Path.of("").toAbsolutePath() + " or above it");
    }

    private static List<String> contract() {
        List<String> names = new ArrayList<>(List.of("up",
                "launchguard_job_up", "launchguard_job_state", "launchguard_restarts_total",
                "launchguard_restarts_deferred_total", "launchguard_respawn_duration_seconds_max",
                "launchguard_probes_total", "launchguard_quarantined", "launchguard_evidence_unknown_total",
                "launchguard_orphans", "launchguard_squatters", "launchguard_orphans_reaped_total",
                "launchguard_job_start_time_seconds", "launchguard_job_last_restart_time_seconds",
                "launchguard_build_info", "launchguard_host_budget_remaining", "launchguard_host_budget_size",
                "launchguard_drift_check_ok", "launchguard_uptime_up", "launchguard_uptime_response_time_seconds",
                "launchguard_tls_cert_expiry_timestamp_seconds"));
        for (String histogram : List.of("launchguard_respawn_duration_seconds", "launchguard_wedge_detection_seconds",
                "launchguard_probe_duration_seconds")) {
            for (String suffix : List.of("_bucket", "_count", "_sum")) {
                names.add(histogram + suffix);
            }
        }
        return names;
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as '-'. */
    public static Set<String> headingAnchors(Path markdown) throws IOException {
        return Files.readAllLines(markdown).stream().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
