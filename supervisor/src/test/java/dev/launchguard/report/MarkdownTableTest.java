package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void proseCellsEscapeMarkupAndPipesButKeepQuotes() {
        String table = new MarkdownTable(1, "label", "error").row("a", "<b>x</b> & \"y\" it's | z").render();

        assertThat(table).endsWith("| a | &lt;b&gt;x&lt;/b&gt; &amp; \"y\" it's \\| z |\n");
    }

    @Test
    void codeSpansKeepTheirTextVerbatimButNotTheirPipes() {
        String table = new MarkdownTable(1, "label").row(MarkdownTable.code("a<b>&\"c'|d")).render();

        assertThat(table).endsWith("| `a<b>&\"c'\\|d` |\n");
    }
}
