package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {

    private final HostPolicy policy = HostPolicy.of(List.of("mac-studio.local"));

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:9470", "LOCALHOST:9470", "127.0.0.1", "127.0.0.1:9470", "[::1]:9470",
            "[::1]", "192.168.1.20:9470", "mac-studio.local", "Mac-Studio.Local.:9470", "localhost."})
    void acceptsThisMachinesNamesAndIpLiterals(String host) {
        assertThat(policy.check(Optional.of(host))).isEqualTo(HostPolicy.Verdict.ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rebind.attacker.example:9470", "attacker.example", "localhost.attacker.example",
            "127.0.0.1.nip.io:9470", "mac-studio.local.evil", "0x7f000001", "2130706433"})
    void refusesAnyOtherName(String host) {
        assertThat(policy.check(Optional.of(host))).isEqualTo(HostPolicy.Verdict.FOREIGN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void acceptsARequestWithoutAHostSinceNoBrowserSendsOne(String host) {
        assertThat(policy.check(Optional.of(host))).isEqualTo(HostPolicy.Verdict.ACCEPTED);
        assertThat(policy.check(Optional.empty())).isEqualTo(HostPolicy.Verdict.ACCEPTED);
    }
}
