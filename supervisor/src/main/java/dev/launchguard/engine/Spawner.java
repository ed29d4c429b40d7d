package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.plist.LaunchdJob;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link LaunchdJob} into a started {@link Process}: an argument array (never a shell), the
 * working directory, launchd's small environment plus EnvironmentVariables and the lineage tags,
 * stdin from /dev/null and stdout/stderr appended to their files, in a session of its own.
 *
 * <p>Why a session of its own: a terminal's Ctrl-C sends SIGINT to its whole foreground process
 * group, and a job started plainly shares launchguard's. The job would die with launchguard and be
 * respawned by KeepAlive during launchguard's own shutdown. launchd's jobs never share a terminal's
 * group either. Java cannot call setsid(2) between fork and exec, so the argv is prefixed with
 * setsid(1), which calls setsid(2) and execs the job in place: a child the JVM just forked is never
 * a process-group leader, so setsid(1) does not fork (util-linux: it forks only when
 * {@code getpgrp() == getpid()}), and the PID the engine tracks stays the job's.
 */
final class Spawner {

    private static final Logger log = LoggerFactory.getLogger(Spawner.class);

    /** launchd's default PATH for jobs (_PATH_STDPATH on macOS). */
    static final String LAUNCHD_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    /** Where util-linux installs setsid(1) (Debian: both, /bin being a link to /usr/bin). */
    static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    /** launchd starts jobs in / unless WorkingDirectory says otherwise. */
    private static final File DEFAULT_DIRECTORY = new File("/");
    /** Variables launchd itself sets for a job, copied from the engine's own environment. */
    private static final List<String> INHERITED = List.of("HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "LANG");
    private static final File DEV_NULL = new File("/dev/null");

    private final String owner;
    private final Optional<Path> setsid;

    /**
     * @param owner the engine's owner tag: its state folder
     * @param setsid setsid(1), or empty to start jobs in launchguard's own session
     */
    Spawner(String owner, Optional<Path> setsid) {
        this.owner = owner;
        this.setsid = setsid;
    }

    /** A spawner for the engine owning {@code owner}, with the installed setsid(1); says once when there is none. */
    static Spawner of(String owner) {
        Optional<Path> setsid = SETSID.stream().filter(Files::isExecutable).findFirst();
        if (setsid.isEmpty()) {
            log.warn("setsid not found, jobs share launchguard's process group: a terminal's Ctrl-C reaches them "
                    + "too (launchguard still stops them itself) looked={}", SETSID);
        }
        return new Spawner(owner, setsid);
    }

    /** Starts one run of {@code job} tagged with {@code instance}. */
    Process start(LaunchdJob job, String instance) throws IOException {
        File directory = job.workingDirectory().map(Path::toFile).orElse(DEFAULT_DIRECTORY);
        ProcessBuilder builder = new ProcessBuilder(argv(job))
                .directory(directory)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(sink(job.standardOutPath()))
                .redirectError(sink(job.standardErrorPath()));
        environment(builder.environment(), job, instance);
        if (setsid.isPresent()) {
            // setsid(1) execs the program itself; checked here, a missing one stays a spawn failure
            // (launchd's 78) rather than a run that exits 127.
            requireExecutable(job.label(), command(job).get(0), builder.environment().get("PATH"), directory.toPath());
        }
        return builder.start();
    }

    /** The argument array as started: setsid(1), when there is one, then the job's {@link #command}. */
    List<String> argv(LaunchdJob job) {
        List<String> argv = new ArrayList<>();
        setsid.ifPresent(s -> argv.add(s.toString()));
        argv.addAll(command(job));
        return argv;
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

    /**
     * As execvp(3) in the job's {@code directory} finds {@code program}: the path as given when it has
     * a slash, else the first executable of that name in {@code path}'s folders.
     */
    static void requireExecutable(String label, String program, String path, Path directory) throws IOException {
        if (program.contains("/")) {
            if (!executable(directory.resolve(program))) {
                throw new IOException("program '" + program + "' of job '" + label + "' is not an executable file");
            }
            return;
        }
        for (String folder : path.split(":", -1)) {
            if (executable(directory.resolve(folder).resolve(program))) {
                return;
            }
        }
        throw new IOException("program '" + program + "' of job '" + label + "' is not in PATH " + path);
    }

    private static boolean executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    private static ProcessBuilder.Redirect sink(Optional<Path> path) {
        return path.map(p -> ProcessBuilder.Redirect.appendTo(p.toFile())).orElse(ProcessBuilder.Redirect.DISCARD);
    }
}
