package dev.launchguard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeHeadersTest {

    @Test
    void readsNameValueLinesSkippingCommentsAndBlankLines() {
        ProbeHeaders headers = ProbeHeaders.parse("keys", "# the model server's key\n\nAuthorization: Bearer s3cret\n"
                + "X-Api-Key:  abc:def \n");

        assertThat(headers.headers()).isEqualTo(Map.of("Authorization", "Bearer s3cret", "X-Api-Key", "abc:def"));
        assertThat(headers.toString()).isEqualTo("keys [Authorization, X-Api-Key]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        Authorization Bearer s3cret            | line 1 is not 'Name: value'
        ': s3cret'                             | line 1 is not 'Name: value'
        'Bad Name: s3cret'                     | line 1 is not 'Name: value'
        'Host: evil'                           | line 1: header 'Host' is set by the probe itself
        'X-Key: a\\nX-Key: b'                  | line 2: header 'X-Key' appears twice
        '# only a comment'                     | holds no 'Name: value' line
        """)
    void refusesBadLinesNamingTheLineNeverTheValue(String text, String message) {
        assertThatThrownBy(() -> ProbeHeaders.parse("keys", text.replace("\\n", "\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message)
                .hasMessageNotContaining("s3cret");
    }
}
