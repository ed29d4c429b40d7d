package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintBlockTest {

    @Test
    void readsOnlyDepthOneLinesOfADomainPrintWhoseNestedBlocksRepeatKeys() {
        PrintBlock block = PrintBlock.read(Fixtures.output("print-domain-system-2023-abridged.txt"));

        assertThat(block.header()).contains("system");
        assertThat(block.fields()).containsEntry("type", "system")
                .containsEntry("active count", "742")
                .containsEntry("service count", "380")
                .containsEntry("maximum allowed shutdown time", "65 s")
                .containsEntry("properties", "uncorked | audit check done | bootcache hack")
                .doesNotContainKey("port");
        assertThat(block.blocks().get("subdomains")).containsExactly("pid/39576", "user/0");
        assertThat(block.blocks().get("disabled services")).hasSize(3);
        assertThat(block.complete()).isTrue();
    }
}
