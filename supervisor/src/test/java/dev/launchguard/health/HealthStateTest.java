package dev.launchguard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthStateTest {

    @Test
    void followsTheWedgeRecoveryCycle() {
        HealthState s = HealthState.STARTING;
        for (HealthState next : new HealthState[] {HealthState.READY, HealthState.SUSPECT, HealthState.READY,
                HealthState.SUSPECT, HealthState.WEDGED, HealthState.RECOVERING, HealthState.READY}) {
            s = s.check("com.example.web", next);
        }
        assertThat(s).isEqualTo(HealthState.READY);
    }

    @Test
    void illegalMoveNamesTheJobAndBothStates() {
        assertThatThrownBy(() -> HealthState.STOPPED.check("com.example.web", HealthState.WEDGED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("job 'com.example.web' cannot move from STOPPED to WEDGED");
    }

    @Test
    void readinessAloneCannotLeadToAKill() {
        // WEDGED is reached only through liveness evidence; READY never goes to QUARANTINED directly.
        assertThat(HealthState.READY.canMoveTo(HealthState.QUARANTINED)).isFalse();
        assertThat(HealthState.WEDGED.canMoveTo(HealthState.READY)).isFalse();
    }
}
