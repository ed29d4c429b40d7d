package dev.launchguard.report;

import static dev.launchguard.report.SvgDocuments.select;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgTest {

    private static final String ODD = "a<b>&\"c'|d";

    @Test
    void escapesTextAndAttributesSoTheDocumentParsesBackToTheSameText() throws Exception {
        Svg svg = new Svg(100, 50, ODD).text("text", ODD, "data-job", ODD);

        String xml = svg.render();
        Document doc = SvgDocuments.parse(xml);

        assertThat(xml).contains(">a&lt;b&gt;&amp;&quot;c&#39;|d</text>")
                .contains("data-job=\"a&lt;b&gt;&amp;&quot;c&#39;|d\"");
        assertThat(select(doc, "//*[local-name()='text']").get(0).getTextContent()).isEqualTo(ODD);
        assertThat(select(doc, "//*[local-name()='text']").get(0).getAttribute("data-job")).isEqualTo(ODD);
        assertThat(select(doc, "/*/*[local-name()='title']").get(0).getTextContent()).isEqualTo(ODD);
    }
}
