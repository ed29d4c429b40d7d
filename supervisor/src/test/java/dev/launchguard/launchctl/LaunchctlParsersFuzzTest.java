package dev.launchguard.launchctl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The parsers of launchctl's output ({@code print}, {@code list}, {@code list <label>},
 * {@code print-disabled}, error text) on any text: a parsed value, or a
 * {@link LaunchctlParseException}; never another exception. The first byte picks the parser.
 */
class LaunchctlParsersFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void launchctlOutput(byte[] bytes) {
        int parser = bytes.length == 0 ? 0 : (bytes[0] & 0xFF) % 5;
        String text = bytes.length == 0 ? "" : new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        try {
            switch (parser) {
                case 0 -> PrintParser.parse(text);
                case 1 -> ListTableParser.parse(text);
                case 2 -> ListLabelParser.parse(text);
                case 3 -> DisabledServices.parse(text);
                default -> LaunchctlError.recognise(text);
            }
        } catch (LaunchctlParseException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a parse error without a message", e);
            }
        }
    }
}
