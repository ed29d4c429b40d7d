package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.job.RunState;
import org.junit.jupiter.api.Test;

class JobPhaseTest {

    @Test
    void nothingLeavesStoppingButUnloading() {
        for (JobPhase to : JobPhase.values()) {
            if (to != JobPhase.UNLOADED) {
                assertThatThrownBy(() -> JobPhase.STOPPING.moveTo(to, "web"))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("job 'web' cannot move from STOPPING to " + to);
            }
        }
        assertThat(JobPhase.STOPPING.moveTo(JobPhase.UNLOADED, "web")).isEqualTo(JobPhase.UNLOADED);
    }

    @Test
    void aSecondBootoutIsAnIllegalMove() {
        assertThatThrownBy(() -> JobPhase.STOPPING.moveTo(JobPhase.STOPPING, "web"))
                .hasMessage("job 'web' cannot move from STOPPING to STOPPING");
    }

    @Test
    void stoppingAndUnloadedForbidStarts() {
        assertThat(JobPhase.STOPPING.startForbidden()).isTrue();
        assertThat(JobPhase.UNLOADED.startForbidden()).isTrue();
        assertThat(JobPhase.IDLE.startForbidden()).isFalse();
        assertThat(JobPhase.THROTTLED.startForbidden()).isFalse();
    }

    @Test
    void phasesReportLaunchdRunStates() {
        assertThat(JobPhase.THROTTLED.runState(false)).isEqualTo(RunState.SPAWN_SCHEDULED);
        assertThat(JobPhase.IDLE.runState(true)).isEqualTo(RunState.WAITING);
        assertThat(JobPhase.IDLE.runState(false)).isEqualTo(RunState.NOT_RUNNING);
        assertThat(JobPhase.RUNNING.runState(false)).isEqualTo(RunState.RUNNING);
    }
}
