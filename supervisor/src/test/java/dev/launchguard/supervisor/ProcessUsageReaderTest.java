package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessUsageReaderTest {

    /** A PID no process has: the tree is then the root alone. */
    private static final long ROOT = Integer.MAX_VALUE - 7;

    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final Deque<ProcessEvidence.Sample> samples = new ArrayDeque<>();
    private final ProcessEvidence evidence = new ProcessEvidence() {
        @Override
        public Presence presence(long pid) {
            return new Running();
        }

        @Override
        public Sample sample(long pid) {
            return samples.removeFirst();
        }
    };
    private final ProcessUsageReader reader = new ProcessUsageReader(evidence, workers);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private static ProcessEvidence.Alive alive(Duration cpu, long rss, Duration at) {
        return new ProcessEvidence.Alive(new ProcessSample(ROOT, 'S', cpu, rss, at.toNanos()));
    }

    @Test
    void aFirstReadMeasuresAWindowAndTheNextOnesCountFromThePreviousSample() {
        samples.add(alive(Duration.ofMillis(1_000), 10_000, Duration.ZERO));
        samples.add(alive(Duration.ofMillis(1_125), 20_000, Duration.ofMillis(250)));

        assertThat(reader.read("job", ROOT).join()).contains(new ProcessUsage(List.of(ROOT), 50.0, 20_000));

        samples.add(alive(Duration.ofMillis(1_125), 30_000, Duration.ofMillis(300)));
        assertThat(reader.read("job", ROOT).join()).as("50 ms later: the share shown again")
                .contains(new ProcessUsage(List.of(ROOT), 50.0, 30_000));

        samples.add(alive(Duration.ofMillis(1_375), 40_000, Duration.ofMillis(1_250)));
        assertThat(reader.read("job", ROOT).join()).as("a second after the last reading: a quarter of a core")
                .contains(new ProcessUsage(List.of(ROOT), 25.0, 40_000));
        assertThat(samples).isEmpty();
    }

    @Test
    void aTreeThatIsGoneOrUnreadableHasNoUsage() {
        samples.add(new ProcessEvidence.Gone());
        assertThat(reader.read("job", ROOT).join()).isEqualTo(Optional.empty());

        samples.add(alive(Duration.ZERO, 1, Duration.ZERO));
        samples.add(new ProcessEvidence.Unknown("/proc/1/stat: Too many open files"));
        assertThat(reader.read("job", ROOT).join()).isEqualTo(Optional.empty());
    }
}
