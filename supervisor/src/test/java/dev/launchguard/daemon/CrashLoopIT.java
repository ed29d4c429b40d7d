package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.recovery.RestartReason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A job that exits 1 the moment it starts, respawned by KeepAlive: the storm guard must stop the loop. */
class CrashLoopIT {

    private static final int MAX_RESTARTS = 3;

    @TempDir
    Path dir;

    private final Logger watcherLog = (Logger) LoggerFactory.getLogger("dev.launchguard.supervisor.JobWatcher");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Fleet fleet;

    @BeforeEach
    void captureLog() {
        logged.start();
        watcherLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        watcherLog.detachAppender(logged);
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void crashLoopingJobIsQuarantinedAfterKRestartsWithAnAlertAndBootedOut() {
        String looping = Fleet.label("loop");
        fleet = new Fleet(dir);
        fleet.addCrashLoop(looping, MAX_RESTARTS);
        fleet.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.view(looping).state() == HealthState.QUARANTINED);

        JobView view = fleet.view(looping);
        assertThat(view.restarts()).hasSize(MAX_RESTARTS)
                .allSatisfy(r -> assertThat(r.reason()).isEqualTo(RestartReason.CRASH))
                .allSatisfy(r -> assertThat(r.evidence()).contains("exit 1"));
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("ALERT job quarantined").contains("job=" + looping)
                        .contains("restarts_max=" + MAX_RESTARTS));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fleet.launchguard.jobs().status(looping).loaded()).as("booted out").isFalse();
            assertThat(Fleet.tagged(looping)).as("no process of the quarantined job").isEmpty();
        });
        assertThat(fleet.scrape()).contains("launchguard_quarantined{label=\"" + looping + "\"} 1");
        // Quarantine holds: the job is not started again during the backoff.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> fleet.view(looping).state() == HealthState.QUARANTINED && Fleet.tagged(looping).isEmpty());
        assertThat(fleet.view(looping).restarts()).hasSize(MAX_RESTARTS);
    }
}
