package dev.launchguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlerterTest {

    private final List<Alert> sent = new ArrayList<>();
    private final Alerter alerter = new Alerter(3, 2, sent::add,
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    private void cycle(boolean... results) {
        for (boolean ok : results) {
            alerter.observe("drift", List.of(new Alerter.Result("model loaded", ok, ok ? "loaded" : "STOPPED")));
        }
    }

    @Test
    void firesOnceAfterThreeConsecutiveFailuresAndNotAgainWhileFailing() {
        cycle(false, false);
        assertThat(sent).isEmpty();

        cycle(false, false, false, false);

        assertThat(sent).containsExactly(new Alert(Alert.Status.FIRING, "drift", "model loaded", "STOPPED",
                Instant.parse("2026-12-01T10:00:00Z"), 3));
        assertThat(alerter.firing()).containsExactly("drift/model loaded");
    }

    @Test
    void resolvesOnceAfterTwoConsecutiveSuccesses() {
        cycle(false, false, false);

        cycle(true, true, true, true);

        assertThat(sent).extracting(Alert::status).containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
        assertThat(sent.get(1).streak()).isEqualTo(2);
        assertThat(alerter.firing()).isEmpty();
    }

    @Test
    void aFlappingCheckNeitherFiresNorResolvesAgain() {
        cycle(false, false, true, false, false, true, false, false, true);
        assertThat(sent).isEmpty();

        cycle(false, false, false);
        cycle(true, false, true, false, true, false);

        assertThat(sent).extracting(Alert::status).containsExactly(Alert.Status.FIRING);
    }

    @Test
    void aCheckRemovedWhileFiringResolvesAndIsForgotten() {
        cycle(false, false, false);

        alerter.observe("drift", List.of());

        assertThat(sent).extracting(Alert::status, Alert::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.Status.FIRING, "STOPPED"),
                        org.assertj.core.groups.Tuple.tuple(Alert.Status.RESOLVED, "no longer watched"));
        assertThat(alerter.firing()).isEmpty();
    }

    @Test
    void watchersKeepSeparateStatesForTheSameCheckName() {
        cycle(false, false, false);

        alerter.observe("uptime", List.of(new Alerter.Result("model loaded", true, "up")));

        assertThat(alerter.firing()).containsExactly("drift/model loaded");
    }

    @Test
    void newThresholdsApplyToStreaksAlreadyCounted() {
        cycle(false);

        alerter.thresholds(2, 1);
        cycle(false);

        assertThat(sent).extracting(Alert::status).containsExactly(Alert.Status.FIRING);
    }

    @Test
    void aSingleRecordedResultLeavesTheWatchersOtherChecksAsTheyAre() {
        cycle(false, false, false);
        alerter.observe("strays", List.of(new Alerter.Result("com.example.web", false, "orphan 12")));

        alerter.record("drift", new Alerter.Result("port 8080", false, "nothing listens"), 1, 2);

        assertThat(alerter.firing()).containsExactlyInAnyOrder("drift/model loaded", "drift/port 8080");
        assertThat(sent).extracting(Alert::check).containsExactly("model loaded", "port 8080");
        assertThat(sent.get(1).streak()).isEqualTo(1);
    }
}
