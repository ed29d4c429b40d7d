package dev.launchguard.report;

import static dev.launchguard.report.Fixtures.MODEL;
import static dev.launchguard.report.SvgDocuments.attribute;
import static dev.launchguard.report.SvgDocuments.select;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PhaseChartTest {

    @Test
    void stacksTheMedianOfEachPhaseForEachJobWithPhases() throws Exception {
        Document doc = SvgDocuments.parse(PhaseChart.render(
                MarkdownReportTest.report(Duration.ofSeconds(15), "chaos-campaign.jsonl")));

        assertThat(attribute(select(doc, "//*[@class='series']"), "data-phase"))
                .containsExactly("detection", "kill", "spawnWait", "startToPort", "portToReady");
        // two jobs have phases; launchguard's supervisor-kill has none
        assertThat(select(doc, "//*[@class='series']/*[local-name()='rect']")).hasSize(10);
        assertThat(select(doc, "//*[@data-phase='startToPort']/*[local-name()='rect']"))
                .extracting(e -> e.getTextContent().strip())
                .containsExactly(MODEL + ": start → port median 700.3 ms", "dev.launchguard.demo.web: start → port "
                        + "median 30.0 ms");
    }
}
