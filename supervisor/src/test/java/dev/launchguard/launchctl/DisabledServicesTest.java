package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisabledServicesTest {

    @Test
    void readsAGreppedPrintDisabledLine() {
        DisabledServices disabled = DisabledServices.parse(Fixtures.output("print-disabled-gui-macos26-grep-one-line.txt"));

        assertThat(disabled.overrides()).containsExactly(java.util.Map.entry("com.hnc.Discord.ShipIt", true));
        assertThat(disabled.disabled("com.hnc.Discord.ShipIt")).isTrue();
        assertThat(disabled.disabled("com.hnc.Discord")).isFalse();
    }

    @Test
    void readsTheDisabledServicesBlockOfADomainPrint() {
        DisabledServices disabled = DisabledServices.parse(Fixtures.output("print-domain-system-2023-abridged.txt"));

        assertThat(disabled.overrides()).containsOnlyKeys("com.apple.CSCSupportd", "com.apple.ftpd",
                "com.apple.mdmclient.daemon.runatboot");
        assertThat(disabled.disabled("com.apple.ftpd")).isTrue();
    }

    @Test
    void readsEnabledOverridesAsNotDisabled() {
        assertThat(DisabledServices.parse("\t\"a.b\" => enabled\n\t\"a.c\" => true\n").overrides())
                .containsEntry("a.b", false).containsEntry("a.c", true);
    }
}
