package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.health.HealthState;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PageUsageTest {

    private final AtomicLong nanos = new AtomicLong();
    private final InMemoryFleet fleet = new InMemoryFleet()
            .usage("a", new ProcessUsage(List.of(1L), 1.5, 100))
            .usage("b", new ProcessUsage(List.of(2L), 2.5, 200));
    private final PageUsage usage = new PageUsage(fleet, nanos::get);
    private final JobView a = InMemoryFleet.job("a", HealthState.READY, OptionalLong.of(1));
    private final JobView b = InMemoryFleet.job("b", HealthState.READY, OptionalLong.of(2));
    private final JobView stopped = InMemoryFleet.job("c", HealthState.STOPPED, OptionalLong.empty());

    @Test
    void readsEachRunningJobOnceThenShowsThatReadingUntilItIsOld() {
        assertThat(usage.read(List.of(a, b, stopped)).join()).containsOnlyKeys("a", "b");
        assertThat(fleet.processReads).containsExactlyInAnyOrder("a", "b");

        nanos.addAndGet(PageUsage.FRESH.toNanos() - 1);
        assertThat(usage.read(List.of(a, b, stopped)).join().get("b").rssBytes()).isEqualTo(200);
        assertThat(fleet.processReads).hasSize(2);

        nanos.addAndGet(2);
        usage.read(List.of(a, b, stopped)).join();
        assertThat(fleet.processReads).hasSize(4);
    }

    @Test
    void aJobsPageAskingForOneJobKeepsTheOthersReadings() {
        usage.read(List.of(a, b)).join();
        usage.read(List.of(a)).join();

        assertThat(usage.read(List.of(a, b)).join()).containsOnlyKeys("a", "b");
        assertThat(fleet.processReads).as("nothing read again within FRESH").hasSize(2);
    }

    @Test
    void aNewPidIsReadAtOnceNotShownWithTheOldProcesssReading() {
        usage.read(List.of(a)).join();
        JobView respawned = InMemoryFleet.job("a", HealthState.READY, OptionalLong.of(11));

        usage.read(List.of(respawned)).join();

        assertThat(fleet.processReads).containsExactly("a", "a");
    }
}
