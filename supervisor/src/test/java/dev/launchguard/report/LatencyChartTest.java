package dev.launchguard.report;

import static dev.launchguard.report.Fixtures.MODEL;
import static dev.launchguard.report.Fixtures.WEB;
import static dev.launchguard.report.SvgDocuments.attribute;
import static dev.launchguard.report.SvgDocuments.select;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class LatencyChartTest {

    private static Document chart(Report report) throws Exception {
        return SvgDocuments.parse(LatencyChart.render(report));
    }

    @Test
    void isAnSvgDocumentWithAHistogramAndACdf() throws Exception {
        Document doc = chart(MarkdownReportTest.report(Duration.ofSeconds(15), "chaos-campaign.jsonl"));

        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SvgDocuments.SVG_NS);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(select(doc, "//*[local-name()='g'][@id='histogram' or @id='cdf']")).hasSize(2);
    }

    @Test
    void drawsTheTargetAsALabelledLineInBothPanels() throws Exception {
        Document doc = chart(MarkdownReportTest.report(Duration.ofSeconds(15), "chaos-campaign.jsonl"));

        List<Element> targets = select(doc, "//*[local-name()='g'][@class='target']");
        assertThat(targets).hasSize(2);
        assertThat(attribute(targets, "data-ms")).containsOnly("15000");
        assertThat(select(doc, "//*[local-name()='g'][@class='target']/*[local-name()='line']")).hasSize(2);
        assertThat(targets).extracting(e -> e.getTextContent().strip()).containsOnly("target 15 s");
    }

    @Test
    void hasOneSeriesPerJobInEachPanelAndOneOverAllJobs() throws Exception {
        Document doc = chart(MarkdownReportTest.report(Duration.ofSeconds(15), "chaos-campaign.jsonl"));

        List<String> jobs = List.of(MODEL, WEB, "launchguard");
        assertThat(attribute(select(doc, "//*[@id='histogram']//*[@class='series']"), "data-job"))
                .containsExactlyElementsOf(jobs);
        assertThat(attribute(select(doc, "//*[@id='cdf']//*[@class='series']"), "data-job"))
                .containsExactlyElementsOf(jobs);
        assertThat(select(doc, "//*[@id='cdf']//*[@class='overall']")).hasSize(1);
    }

    @Test
    void histogramBarsCountTheSamplesOfTheirBin() throws Exception {
        Document doc = chart(MarkdownReportTest.report(Duration.ofSeconds(15), "chaos-campaign.jsonl"));

        // the model's 790 and 812.4 ms share a bin of the 10 ms - 100 s axis, as do its 14.2 and 15.8 s
        List<Element> bars = select(doc, "//*[@id='histogram']//*[@data-job='" + MODEL + "']/*[local-name()='rect']");
        assertThat(bars).extracting(e -> e.getTextContent().strip()).containsExactly(
                MODEL + ": 2 in 631.0 ms – 1.00 s", MODEL + ": 2 in 10.00 s – 15.85 s");
    }

    @Test
    void cdfStepsUpOncePerSample() throws Exception {
        Document doc = chart(MarkdownReportTest.report(Duration.ofSeconds(15), "chaos-campaign.jsonl"));

        String web = select(doc, "//*[@id='cdf']//*[@data-job='" + WEB + "']/*[local-name()='path']").get(0)
                .getAttribute("d");
        String all = select(doc, "//*[@id='cdf']//*[@class='overall']/*[local-name()='path']").get(0)
                .getAttribute("d");
        assertThat(web.chars().filter(c -> c == 'V')).hasSize(4);
        assertThat(all.chars().filter(c -> c == 'V')).hasSize(9);
    }

    @Test
    void escapesLabelsAndTitles() throws Exception {
        JmhBenchmark odd = new JmhBenchmark("bench.Odd<&>.run\"x\"", JmhBenchmark.SINGLE_SHOT,
                new TreeMap<>(Map.of("size", "<1&2>")), new JmhBenchmark.JmhMetric("run", 1.0, Double.NaN, "ms/op"),
                List.of(), List.of(120.0));
        Report report = new Report("Fleet <A & B>", Duration.ofSeconds(15),
                List.of(new JmhRun(Path.of("synthetic.json"), List.of(odd))));

        Document doc = chart(report);

        assertThat(attribute(select(doc, "//*[@class='series']"), "data-job"))
                .containsOnly("Odd<&>.run\"x\" [size=<1&2>]");
        assertThat(select(doc, "/*/*[local-name()='title']").get(0).getTextContent())
                .isEqualTo("Fleet <A & B>: respawn latency");
    }

    @Test
    void withoutSamplesStillDrawsTheTarget() throws Exception {
        Document doc = chart(new Report(Report.DEFAULT_TITLE, Duration.ofMillis(500),
                List.of(new JmhRun(Path.of("none.json"), List.of()))));

        assertThat(select(doc, "//*[@class='series']")).isEmpty();
        assertThat(attribute(select(doc, "//*[@class='target']"), "data-ms")).containsOnly("500");
        assertThat(doc.getDocumentElement().getTextContent()).contains("no latency samples", "target 500 ms");
    }
}
