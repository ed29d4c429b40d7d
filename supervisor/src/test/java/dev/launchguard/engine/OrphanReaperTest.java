package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.process.Zombies;
import dev.launchguard.process.Zombies.Zombie;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanReaperTest {

    private static final long SECOND = 1_000_000_000L;

    private final Set<Long> awaited = new java.util.HashSet<>();
    private final OrphanReaper reaper = new OrphanReaper(new Zombies(), awaited::contains, () -> 0L);

    @Test
    void aZombieIsReapedOnlyAfterItStayedAZombieForTheGrace() {
        Zombie orphan = new Zombie(40, 1234);

        assertThat(reaper.due(List.of(orphan), 0)).as("first sighting").isEmpty();
        assertThat(reaper.due(List.of(orphan), SECOND / 2)).as("half the grace").isEmpty();
        assertThat(reaper.due(List.of(orphan), SECOND)).containsExactly(orphan);
    }

    @Test
    void aPidTheEngineStillAwaitsIsNeverReaped() {
        Zombie run = new Zombie(41, 99);
        awaited.add(41L);

        reaper.due(List.of(run), 0);

        assertThat(reaper.due(List.of(run), 10 * SECOND)).isEmpty();
    }

    @Test
    void aRecycledPidStartsItsGraceAfresh() {
        reaper.due(List.of(new Zombie(42, 100)), 0);
        Zombie recycled = new Zombie(42, 700);

        assertThat(reaper.due(List.of(recycled), SECOND)).as("same PID, another process").isEmpty();
        assertThat(reaper.due(List.of(recycled), 2 * SECOND)).containsExactly(recycled);
    }

    @Test
    void aZombieThatWentAwayInBetweenIsForgotten() {
        Zombie orphan = new Zombie(43, 5);
        reaper.due(List.of(orphan), 0);
        reaper.due(List.of(), SECOND / 2);

        assertThat(reaper.due(List.of(orphan), SECOND)).as("seen again: a new sighting").isEmpty();
    }
}
