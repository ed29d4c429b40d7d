package dev.launchguard.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH result written with {@code -rf json} (JMH 1.37's layout): an array of benchmarks, each
 * with {@code benchmark}, {@code mode}, optional {@code params}, a {@code primaryMetric} and optional
 * {@code secondaryMetrics}. Each benchmark is read as it streams past, so an error names the line
 * where that benchmark starts.
 */
final class JmhReader {

    /** Milliseconds per unit of a SingleShotTime score ({@code s/op}, {@code us/op}, ...). */
    private static final Map<String, Double> MILLIS_PER_UNIT = Map.of(
            "ns", 1e-6, "us", 1e-3, "ms", 1.0, "s", 1_000.0, "min", 60_000.0, "hr", 3_600_000.0);

    private final ObjectMapper json = new ObjectMapper();

    JmhRun read(Path source, String content) {
        List<JmhBenchmark> benchmarks = new ArrayList<>();
        try (JsonParser parser = json.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ReportException(source + ":1: a JMH result is a JSON array of benchmarks");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new ReportException(source + ":" + parser.currentLocation().getLineNr()
                            + ": not JSON: the array of benchmarks is not closed");
                }
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                String path = "benchmarks[" + benchmarks.size() + "]";
                benchmarks.add(benchmark(new JsonFields(source + ":" + line, path, node)));
            }
            if (parser.nextToken() != null) {
                throw new ReportException(source + ":" + parser.currentTokenLocation().getLineNr()
                        + ": not JSON: more after the array of benchmarks");
            }
        } catch (JsonProcessingException e) {
            throw JsonFields.notJson(source + ":" + e.getLocation().getLineNr(), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return new JmhRun(source, benchmarks);
    }

    private static JmhBenchmark benchmark(JsonFields f) {
        String name = f.text("benchmark");
        String mode = f.text("mode");
        Map<String, String> params = new TreeMap<>();
        if (f.has("params")) {
            f.object("params").node().properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        JsonFields primaryFields = f.object("primaryMetric");
        JmhBenchmark.JmhMetric primary = metric(name, primaryFields);
        List<JmhBenchmark.JmhMetric> secondary = new ArrayList<>();
        if (f.has("secondaryMetrics")) {
            JsonFields metrics = f.object("secondaryMetrics");
            metrics.node().properties().forEach(e -> secondary.add(metric(e.getKey(), metrics.object(e.getKey()))));
        }
        List<Double> samples = JmhBenchmark.SINGLE_SHOT.equals(mode) ? samplesMs(primaryFields, primary.unit())
                : List.of();
        return new JmhBenchmark(name, mode, new TreeMap<>(params), primary, secondary, samples);
    }

    private static JmhBenchmark.JmhMetric metric(String name, JsonFields f) {
        return new JmhBenchmark.JmhMetric(name, number(f, "score"), number(f, "scoreError"), f.text("scoreUnit"));
    }

    /** JMH writes a value it cannot compute (the error of one iteration, one fork) as the string "NaN". */
    private static double number(JsonFields f, String field) {
        return "NaN".equals(f.node().path(field).asText(null)) ? Double.NaN : f.number(field);
    }

    /** Every iteration of every fork in {@code rawData}, converted from {@code unit} to ms. */
    private static List<Double> samplesMs(JsonFields metric, String unit) {
        double factor = millisPerUnit(metric, unit);
        List<Double> samples = new ArrayList<>();
        List<JsonNode> forks = metric.array("rawData");
        for (int fork = 0; fork < forks.size(); fork++) {
            if (!forks.get(fork).isArray()) {
                throw metric.fail("rawData[" + fork + "]", "expected an array of iteration times, got "
                        + JsonFields.describe(forks.get(fork)));
            }
            for (int i = 0; i < forks.get(fork).size(); i++) {
                JsonNode value = forks.get(fork).get(i);
                if (!value.isNumber() || value.doubleValue() < 0) {
                    throw metric.fail("rawData[" + fork + "][" + i + "]", "expected a time of 0 or more, got "
                            + JsonFields.describe(value));
                }
                samples.add(value.doubleValue() * factor);
            }
        }
        return samples;
    }

    private static double millisPerUnit(JsonFields metric, String unit) {
        String perOp = "/op";
        String time = unit.toLowerCase(Locale.ROOT);
        Double factor = time.endsWith(perOp) ? MILLIS_PER_UNIT.get(time.substring(0, time.length() - perOp.length()))
                : null;
        if (factor == null) {
            throw metric.fail("scoreUnit", "\"" + unit + "\" is not a time per operation; allowed: ns/op, us/op, "
                    + "ms/op, s/op, min/op, hr/op");
        }
        return factor;
    }
}
