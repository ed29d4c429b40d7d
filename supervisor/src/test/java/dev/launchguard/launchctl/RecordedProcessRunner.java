package dev.launchguard.launchctl;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The project's one fake, because no Mac runs here: it replays scripted command output (read from
 * the captured fixtures) in order and records every argv it was given.
 */
final class RecordedProcessRunner implements ProcessRunner {

    /** The argv[0] under which a {@link #kill} is scripted and recorded: kill(2), never a command. */
    static final String KILL_STEP = "kill(2) SIGKILL";

    private final Deque<Step> script = new ArrayDeque<>();
    private final List<List<String>> calls = new ArrayList<>();

    /** Replies {@code reply} to the next call, which must be exactly {@code argv}. */
    RecordedProcessRunner expect(Result reply, String... argv) {
        script.add(new Step(List.of(argv), reply));
        return this;
    }

    RecordedProcessRunner expectTimes(int times, Result reply, String... argv) {
        for (int i = 0; i < times; i++) {
            expect(reply, argv);
        }
        return this;
    }

    @Override
    public Result run(List<String> argv, Duration timeout) {
        calls.add(List.copyOf(argv));
        Step step = script.poll();
        if (step == null) {
            throw new AssertionError("unexpected command " + argv + " after the script ended");
        }
        if (!step.argv.equals(argv)) {
            throw new AssertionError("expected command " + step.argv + " but got " + argv);
        }
        return step.reply;
    }

    /**
     * A SIGKILL from {@link PsJobProcesses}, taken as a scripted step (expected as {@link #KILL_STEP}
     * and the PID), so the script fixes when it is sent; true when the step's reply is exit 0.
     */
    boolean kill(long pid) {
        return run(List.of(KILL_STEP, Long.toString(pid)), Duration.ZERO).exitCode() == 0;
    }

    List<List<String>> calls() {
        return List.copyOf(calls);
    }

    /** Every scripted reply was asked for. */
    boolean finished() {
        return script.isEmpty();
    }

    static Result ok() {
        return new Result(0, "", "");
    }

    static Result stdout(String text) {
        return new Result(0, text, "");
    }

    /** A successful command whose stdout is the fixture's captured output. */
    static Result printed(String fixture) {
        return new Result(0, Fixtures.output(fixture), "");
    }

    /** A failed command whose stderr is the fixture's captured output. */
    static Result failed(int exitCode, String fixture) {
        return new Result(exitCode, "", Fixtures.output(fixture));
    }

    private record Step(List<String> argv, Result reply) {
    }
}
