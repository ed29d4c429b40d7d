package dev.launchguard.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring mixin as a user loads it: the generated rule files pass {@code promtool check
 * rules}, the {@code promtool test rules} cases pass and cover every alert both firing and quiet,
 * the generated files are what the jsonnet sources give, every runbook link lands on a section of
 * docs/operations.md, and every dashboard query parses and selects only contract metrics and
 * recording rules.
 */
class MonitoringMixinTest {

    private static final List<String> RULE_FILES = List.of("prometheus_alerts.yaml", "prometheus_rules.yaml");

    @TempDir
    Path dir;

    @Test
    void promtoolChecksTheGeneratedRuleFiles() {
        Path promtool = Mixin.tool("promtool", "prometheus");
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        command.addAll(RULE_FILES);

        Mixin.Run run = Mixin.run(command);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("SUCCESS: " + Mixin.rules("prometheus_alerts.yaml").size() + " rules found")
                .contains("SUCCESS: " + Mixin.rules("prometheus_rules.yaml").size() + " rules found");
        assertThat(Mixin.rules("prometheus_alerts.yaml")).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void promtoolRuleTestsPass() throws IOException {
        Path promtool = Mixin.tool("promtool", "prometheus");
        List<String> files = testFiles();
        assertThat(files).isNotEmpty();
        for (String file : files) {
            assertThat(Mixin.yaml(Mixin.monitoring().resolve(file)).path("tests").size())
                    .as("%s has tests (promtool passes a file with none)", file).isPositive();
        }
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        command.addAll(files);

        Mixin.Run run = Mixin.run(command);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasACaseWhereItFiresAndOneWhereItMustNot() throws IOException {
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (String file : testFiles()) {
            for (JsonNode test : Mixin.yaml(Mixin.monitoring().resolve(file)).path("tests")) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    (check.path("exp_alerts").isEmpty() ? quiet : fires).add(check.path("alertname").asText());
                }
            }
        }

        assertThat(fires).as("alerts with a promtool case where they fire").containsExactlyInAnyOrderElementsOf(alertNames());
        assertThat(quiet).as("alerts with a promtool case where they must not fire").containsExactlyInAnyOrderElementsOf(alertNames());
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionInOperationsMd() throws IOException {
        Set<String> anchors = Mixin.headingAnchors(Mixin.ROOT.resolve("docs/operations.md"));
        for (JsonNode alert : Mixin.rules("prometheus_alerts.yaml")) {
            String name = alert.path("alert").asText();
            assertThat(alert.path("labels").path("severity").asText()).as("%s severity", name).isIn("warning", "critical");
            assertThat(alert.path("annotations").path("summary").asText()).as("%s summary", name).isNotBlank();
            assertThat(alert.path("annotations").path("description").asText()).as("%s description", name).isNotBlank();
            String runbook = alert.path("annotations").path("runbook_url").asText();
            assertThat(runbook).as("%s runbook_url", name).startsWith("docs/operations.md#");
            assertThat(anchors).as("%s: the anchor of %s among docs/operations.md's headings", name, runbook)
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void generatedFilesAreInSyncWithTheJsonnetSources() throws IOException {
        Path jsonnet = Mixin.tool("jsonnet", "jsonnet");
        Path monitoring = Mixin.monitoring();
        for (String file : RULE_FILES) {
            String source = "lib/" + file.replace("prometheus_", "").replace(".yaml", ".jsonnet");
            assertThat(generate(jsonnet, "-S", source)).as("%s is what %s gives (run monitoring/build.sh)", file, source)
                    .isEqualTo(Files.readString(monitoring.resolve(file)));
        }
        for (String test : testFiles()) {
            String source = test.replace(".json", ".jsonnet");
            assertThat(generate(jsonnet, source)).as("%s is what %s gives (run monitoring/build.sh)", test, source)
                    .isEqualTo(Files.readString(monitoring.resolve(test)));
        }
        Path out = Files.createDirectories(dir.resolve("dashboards_out"));
        generate(jsonnet, "-m", out.toString(), "lib/dashboards.jsonnet");
        try (Stream<Path> files = Files.list(out)) {
            List<Path> generated = files.sorted().toList();
            assertThat(generated.stream().map(p -> p.getFileName().toString()))
                    .as("dashboards_out/ holds what lib/dashboards.jsonnet gives (run monitoring/build.sh)")
                    .containsExactlyElementsOf(Mixin.dashboards().stream().map(p -> p.getFileName().toString()).toList());
            for (Path file : generated) {
                assertThat(Files.readString(file)).as("dashboards_out/%s (run monitoring/build.sh)", file.getFileName())
                        .isEqualTo(Files.readString(monitoring.resolve("dashboards_out").resolve(file.getFileName())));
            }
        }
    }

    @Test
    void jsonnetSourcesAreFormattedByJsonnetfmt() throws IOException {
        Path jsonnetfmt = Mixin.tool("jsonnetfmt", "jsonnet");
        List<String> sources;
        try (Stream<Path> files = Files.walk(Mixin.monitoring())) {
            sources = files.map(f -> Mixin.monitoring().relativize(f).toString())
                    .filter(f -> f.endsWith(".jsonnet") || f.endsWith(".libsonnet")).sorted().toList();
        }
        assertThat(sources).hasSizeGreaterThan(5);
        for (String source : sources) {
            Mixin.Run run = Mixin.run(List.of(jsonnetfmt.toString(), "--test", source));
            assertThat(run.exitCode()).as("%s is as jsonnetfmt writes it (make -C monitoring fmt) %s", source, run.output())
                    .isZero();
        }
    }

    @Test
    void dashboardsAreGrafanaJsonTemplatedByInstanceAndLabel() {
        List<Path> dashboards = Mixin.dashboards();
        assertThat(dashboards).hasSize(2);
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards) {
            JsonNode d = Mixin.json(file);
            assertThat(d.path("schemaVersion").asInt()).as("%s schemaVersion", file).isGreaterThanOrEqualTo(36);
            assertThat(uids.add(d.path("uid").asText())).as("%s uid is unique", file).isTrue();
            assertThat(d.path("title").asText()).isNotBlank();
            List<String> variables = new ArrayList<>();
            d.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
            assertThat(variables).as("%s variables", file).contains("datasource", "instance");
            d.path("templating").path("list").forEach(v -> {
                if (v.path("type").asText().equals("query")) {
                    String query = v.path("query").path("query").asText();
                    assertThat(query).as("%s variable %s", file, v.path("name").asText()).startsWith("label_values(");
                    String selector = query.substring("label_values(".length(), query.lastIndexOf(','));
                    assertThat(Mixin.metricNames(selector)).isSubsetOf(Mixin.CONTRACT).isNotEmpty();
                }
            });
            d.path("panels").forEach(p -> {
                assertThat(p.path("gridPos").path("w").asInt()).as("%s panel %s width", file, p.path("title")).isBetween(1, 24);
                if (!p.path("type").asText().equals("row")) {
                    assertThat(p.path("targets").size()).as("%s panel %s has queries", file, p.path("title")).isPositive();
                    assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                }
            });
        }
        assertThat(Mixin.json(Mixin.monitoring().resolve("dashboards_out/launchguard-job.json")).path("templating")
                .path("list").findValuesAsText("name")).contains("instance", "label");
    }

    @Test
    void everyDashboardQueryParsesAndSelectsOnlyContractMetricsAndRecordingRules() throws IOException {
        Path promtool = Mixin.tool("promtool", "prometheus");
        Set<String> known = new HashSet<>(Mixin.CONTRACT);
        known.addAll(Mixin.recordingRuleNames());
        List<String> exprs = new ArrayList<>();
        for (Path file : Mixin.dashboards()) {
            for (String expr : Mixin.exprs(Mixin.json(file))) {
                String query = Mixin.substitute(expr, "mac.local:9470", "com.example.web");
                assertThat(query).as("an expr of %s", file.getFileName()).isNotBlank().doesNotContain("$");
                assertThat(Mixin.metricNames(query)).as("series selected by %s", query).isNotEmpty().isSubsetOf(known);
                exprs.add(query);
            }
        }
        assertThat(exprs).hasSizeGreaterThan(20);
        // promtool has no "check query": each expr as a recording rule, which promtool check rules parses.
        StringBuilder rules = new StringBuilder("groups:\n- name: dashboard-queries\n  rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("  - record: dashboard:query:").append(i).append("\n    expr: '")
                    .append(exprs.get(i).replace("'", "''").replace("\n", " ")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard_queries.yaml"), rules);

        Mixin.Run run = Mixin.run(List.of(promtool.toString(), "check", "rules", file.toString()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: " + exprs.size() + " rules found");
    }

    @Test
    void metricNamesAreTheSeriesAnExprSelects() {
        assertThat(Mixin.metricNames("histogram_quantile(0.95, sum by (instance, le) (rate("
                + "launchguard_probe_duration_seconds_bucket{job=\"launchguard\", probe=~\"a|b\"}[5m]))) > 1e10"))
                .containsExactly("launchguard_probe_duration_seconds_bucket");
        assertThat(Mixin.metricNames("(x_seconds{a=\"b{c}\"} - time()) / 86400 or on (i) y:z:sum"))
                .containsExactly("x_seconds", "y:z:sum");
    }

    private static List<String> alertNames() {
        return Mixin.rules("prometheus_alerts.yaml").stream().map(r -> r.path("alert").asText()).toList();
    }

    private static List<String> testFiles() throws IOException {
        try (Stream<Path> files = Files.list(Mixin.monitoring().resolve("tests"))) {
            return files.map(f -> "tests/" + f.getFileName()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
    }

    private static String generate(Path jsonnet, String... args) {
        List<String> command = new ArrayList<>(List.of(jsonnet.toString()));
        command.addAll(List.of(args));
        Mixin.Run run = Mixin.run(command);
        assertThat(run.exitCode()).as("jsonnet %s: %s", String.join(" ", args), run.output()).isZero();
        return run.output();
    }
}
