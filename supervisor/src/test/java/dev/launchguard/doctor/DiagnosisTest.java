package dev.launchguard.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

    private static final String LABEL = "com.example.web";
    private static final List<String> COMMAND = List.of("/usr/bin/python3", "-m", "http.server", "8080");
    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

    private static final String OURS = "/home/u/.launchguard/engine";

    private static JobProcess process(long pid, long parent, Optional<String> label, Optional<String> instance,
            List<String> argv) {
        return owned(pid, parent, label, instance, Optional.empty(), argv);
    }

    private static JobProcess owned(long pid, long parent, Optional<String> label, Optional<String> instance,
            Optional<String> owner, List<String> argv) {
        return new JobProcess(pid, parent, STARTED, label, instance, owner, argv, false);
    }

    private static Diagnosis.Job job(OptionalLong pid) {
        return new Diagnosis.Job(LABEL, true, "READY", pid, List.of(8080), Optional.empty(), Optional.empty(),
                Optional.empty(), COMMAND);
    }

    private static final JobProcess INSTANCE = process(100, 1, Optional.of(LABEL), Optional.of("run-2"), COMMAND);

    @Test
    void anUntaggedProcessRunningTheJobsCommandOutsideItsInstanceIsACopy() {
        JobProcess copy = process(200, 1, Optional.empty(), Optional.empty(), List.of("python3", "-m", "http.server", "8080"));

        List<Diagnosis.Problem> problems = new Diagnosis(List.of(INSTANCE, copy), List.of()).examine(job(OptionalLong.of(100)));

        assertThat(problems).extracting(Diagnosis.Problem::kind, Diagnosis.Problem::pid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Diagnosis.Kind.COPY, OptionalLong.of(200)));
        assertThat(problems.get(0).message()).isEqualTo("job 'com.example.web' program runs outside its instance: pid 200 "
                + "runs its command line without its tag: python3 -m http.server 8080");
    }

    @Test
    void theInstanceItselfAndOtherCommandLinesAreNotCopies() {
        JobProcess other = process(201, 1, Optional.empty(), Optional.empty(), List.of("/usr/bin/python3", "-m",
                "http.server", "9090"));
        JobProcess untaggedInstance = process(100, 1, Optional.empty(), Optional.empty(), COMMAND);

        assertThat(new Diagnosis(List.of(untaggedInstance, other), List.of()).examine(job(OptionalLong.of(100)))).isEmpty();
    }

    @Test
    void aTaggedProcessOfAnotherRunIsADuplicateNotACopy() {
        JobProcess stale = process(300, 1, Optional.of(LABEL), Optional.of("run-1"), COMMAND);

        List<Diagnosis.Problem> problems = new Diagnosis(List.of(INSTANCE, stale), List.of()).examine(job(OptionalLong.of(100)));

        assertThat(problems).extracting(Diagnosis.Problem::kind).containsExactly(Diagnosis.Kind.DUPLICATE);
    }

    @Test
    void aChildOfTheCurrentRunReparentedAwayIsPartOfTheInstance() {
        JobProcess escaped = process(400, 1, Optional.of(LABEL), Optional.of("run-2"), List.of("/bin/sleep", "60"));

        assertThat(new Diagnosis(List.of(INSTANCE, escaped), List.of()).examine(job(OptionalLong.of(100)))).isEmpty();
    }

    @Test
    void anotherLaunchguardsProcessOfTheSameLabelIsNeitherAnOrphanNorADuplicate() {
        JobProcess theirs = owned(500, 1, Optional.of(LABEL), Optional.of("their-run"),
                Optional.of("/tmp/other/state/engine"), COMMAND);
        JobProcess ourStale = owned(501, 1, Optional.of(LABEL), Optional.of("run-1"), Optional.of(OURS), COMMAND);

        List<Diagnosis.Problem> problems = new Diagnosis(List.of(INSTANCE, theirs, ourStale), List.of(),
                Optional.of(OURS)).examine(job(OptionalLong.of(100)));

        assertThat(problems).extracting(Diagnosis.Problem::kind, Diagnosis.Problem::pid).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Diagnosis.Kind.DUPLICATE, OptionalLong.of(501)));
    }

    @Test
    void anotherLaunchguardsProcessOnOurPortIsASquatter() {
        JobProcess theirs = owned(600, 1, Optional.of(LABEL), Optional.of("their-run"),
                Optional.of("/tmp/other/state/engine"), COMMAND);

        List<Diagnosis.Problem> problems = new Diagnosis(List.of(INSTANCE, theirs),
                List.of(new ProcessTable.PortOwner(8080, 600)), Optional.of(OURS)).examine(job(OptionalLong.of(100)));

        assertThat(problems).extracting(Diagnosis.Problem::kind, Diagnosis.Problem::pid).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Diagnosis.Kind.SQUATTER, OptionalLong.of(600)));
    }

    @Test
    void withoutAnOwnerEveryTaggedProcessCountsAsTheJobs() {
        JobProcess theirs = owned(700, 1, Optional.of(LABEL), Optional.of("their-run"),
                Optional.of("/tmp/other/state/engine"), COMMAND);

        assertThat(new Diagnosis(List.of(INSTANCE, theirs), List.of()).examine(job(OptionalLong.of(100))))
                .extracting(Diagnosis.Problem::kind).containsExactly(Diagnosis.Kind.DUPLICATE);
    }
}
