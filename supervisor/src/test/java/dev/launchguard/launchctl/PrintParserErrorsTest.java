package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrintParserErrorsTest {

    @Test
    void rejectsInputWithoutServiceLines() {
        assertThatThrownBy(() -> PrintParser.parse("hello\n"))
                .isInstanceOf(LaunchctlParseException.class)
                .hasMessage("launchctl print output line 1 has no service lines: expected '<label> = {' "
                        + "or depth-1 lines such as 'state = running'");
    }

    @Test
    void namesTheLineOfAPidThatIsNotANumber() {
        assertThatThrownBy(() -> PrintParser.parse("a.b = {\n\tstate = running\n\tpid = twelve\n}\n"))
                .hasMessage("launchctl print output line 3 has 'pid = twelve': expected a whole number");
    }

    @Test
    void rejectsTextAfterTheBlockEnded() {
        assertThatThrownBy(() -> PrintParser.parse("a.b = {\n\tstate = running\n}\nstate = waiting\n"))
                .hasMessage("launchctl print output line 4 has text after the block of 'a.b' ended: state = waiting");
    }

    @Test
    void rejectsAClosingBraceThatOpensNothing() {
        assertThatThrownBy(() -> PrintParser.parse("\tstate = running\n}\n"))
                .hasMessage("launchctl print output line 2 closes a block that was never opened: }");
    }

    @Test
    void reportsPastedNotFoundErrorOutputWithItsMeaning() {
        assertThatThrownBy(() -> PrintParser.parse(Fixtures.output("error-print-not-found-gui-macos27.txt")))
                .hasMessage("launchctl print output line 2 is launchctl error output, not a service description: "
                        + "Could not find service \"com.sglavoie.nope\" in domain for user gui: 501 "
                        + "(113: service not found: it is not loaded in this domain)");
    }
}
