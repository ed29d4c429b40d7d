package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.plist.LaunchdJob;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link LaunchdJob} into a started {@link Process}: an argument array (never a shell), the
 * working directory, launchd's small environment plus EnvironmentVariables and the lineage tags,
 * stdin from /dev/null and stdout/stderr appended to their files.
 */
final class Spawner {

    /** launchd's default PATH for jobs (_PATH_STDPATH on macOS). */
    static final String LAUNCHD_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    /** launchd starts jobs in / unless WorkingDirectory says otherwise. */
    private static final File DEFAULT_DIRECTORY = new File("/");
    /** Variables launchd itself sets for a job, copied from the engine's own environment. */
    private static final List<String> INHERITED = List.of("HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "LANG");
    private static final File DEV_NULL = new File("/dev/null");

    private final String owner;

    /** {@code owner}: the engine's owner tag, its state folder. */
    Spawner(String owner) {
        this.owner = owner;
    }

    /** Starts one run of {@code job} tagged with {@code instance}. */
    Process start(LaunchdJob job, String instance) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(job))
                .directory(job.workingDirectory().map(Path::toFile).orElse(DEFAULT_DIRECTORY))
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(sink(job.standardOutPath()))
                .redirectError(sink(job.standardErrorPath()));
        environment(builder.environment(), job, instance);
        return builder.start();
    }

    /**
     * The job's argument array. launchd runs Program with ProgramArguments as argv, so argv[0] may
     * differ from the executable; Java cannot set argv[0] apart, so the executable takes its place.
     */
    static List<String> command(LaunchdJob job) {
        List<String> argv = job.argv();
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("job '" + job.label() + "' has neither Program nor ProgramArguments");
        }
        if (job.program().isEmpty() || job.programArguments().isEmpty()) {
            return argv;
        }
        List<String> command = new ArrayList<>(argv);
        command.set(0, job.program().get());
        return command;
    }

    void environment(Map<String, String> env, LaunchdJob job, String instance) {
        Map<String, String> engine = Map.copyOf(env);
        env.clear();
        env.put("PATH", LAUNCHD_PATH);
        for (String name : INHERITED) {
            if (engine.containsKey(name)) {
                env.put(name, engine.get(name));
            }
        }
        env.putAll(job.environmentVariables());
        // launchd sets XPC_SERVICE_NAME for every job; the three tags are the engine's lineage marks
        // and win over anything the plist says, so a job cannot hide from its own teardown.
        env.put("XPC_SERVICE_NAME", job.label());
        env.put(ProcessTable.JOB_TAG, job.label());
        env.put(ProcessTable.INSTANCE_TAG, instance);
        env.put(ProcessTable.OWNER_TAG, owner);
    }

    private static ProcessBuilder.Redirect sink(Optional<Path> path) {
        return path.map(p -> ProcessBuilder.Redirect.appendTo(p.toFile())).orElse(ProcessBuilder.Redirect.DISCARD);
    }
}
