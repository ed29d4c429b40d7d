package dev.launchguard.markup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupTest {

    @Test
    void escapesEveryCharacterThatCanEndAnAttributeOrOpenATag() {
        assertThat(Markup.escape("<a href=\"x\" title='y'>&amp; | b</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp; | b&lt;/a&gt;");
    }

    @Test
    void contentKeepsQuotesReadable() {
        assertThat(Markup.escapeContent("<b>\"it's\" & | </b>")).isEqualTo("&lt;b&gt;\"it's\" &amp; | &lt;/b&gt;");
    }

    @Test
    void dropsCharactersXmlCannotCarryButKeepsLineBreaksAndAstralOnes() {
        assertThat(Markup.escape("a\u0000b\u001Bc\uFFFEd\ud800e\tf\ng\r😀")).isEqualTo("abcde\tf\ng\r😀");
    }
}
