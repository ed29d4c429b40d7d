package dev.launchguard.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code launchguard.yaml} into a {@link LaunchguardConfig}, or fails with one message naming
 * file, key path, value and what is allowed. Loading never touches running jobs, so a reload with a
 * bad file changes nothing.
 */
public final class ConfigLoader {

    private static final Set<String> TOP_KEYS = Set.of("listen", "plists", "engine", "stateDir", "tokenFile",
            "hostRestartBudget", "jobs", "watchers", "api", "snapshot");
    private static final Set<String> BUDGET_KEYS = Set.of("restarts", "window");
    private static final Set<String> RECOVERY_KEYS = Set.of("fastInterval", "readyBudget", "overloadGrace");
    private static final Set<String> STORM_KEYS = Set.of("maxRestarts", "window", "backoff");

    private final Path home;

    public ConfigLoader(Path home) {
        this.home = home;
    }

    /** A loader resolving {@code ~} against the user's home. */
    public static ConfigLoader forUser() {
        return new ConfigLoader(Path.of(System.getProperty("user.home")));
    }

    public LaunchguardConfig load(Path file) {
        return read(ConfigNode.read(file, "at least 'jobs'"), file.toAbsolutePath().getParent());
    }

    private LaunchguardConfig read(ConfigNode top, Path base) {
        top.rejectUnknownKeys(TOP_KEYS);
        String[] listen = listen(top);
        Path plists = path(top.string("plists").orElse("launchd"), base);
        EngineKind engine = engine(top);
        Path stateDir = folder(top, "stateDir", path(top.string("stateDir").orElse("~/" + ConfigDefaults.STATE_DIR), base));
        Path token = top.string("tokenFile").map(t -> path(t, base)).orElse(stateDir.resolve(ConfigDefaults.TOKEN_FILE));
        RestartBudget budget = top.child("hostRestartBudget").map(this::budget)
                .orElse(new RestartBudget(ConfigDefaults.HOST_RESTARTS, ConfigDefaults.HOST_WINDOW));
        List<JobConfig> jobs = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (ConfigNode job : top.list("jobs", ConfigDefaults.MAX_JOBS, "one launchguard watches at most "
                + ConfigDefaults.MAX_JOBS + " jobs (docs/configuration.md, Limits)")) {
            JobConfig j = new JobReader(job, v -> path(v, base)).read();
            if (!labels.add(j.label())) {
                throw job.error("label", "'" + j.label() + "' appears twice; each job is listed once");
            }
            jobs.add(j);
        }
        Capacity.check(top, jobs, Runtime.getRuntime().maxMemory());
        WatchersConfig watchers = new WatchersReader(v -> path(v, base)).read(top.child("watchers"));
        ApiConfig api = new ApiReader(v -> path(v, base)).read(top.child("api"), top, listen[0]);
        SnapshotConfig snapshot = SnapshotReader.read(top.child("snapshot"));
        return new LaunchguardConfig(top.file(), listen[0], Integer.parseInt(listen[1]), plists, engine, stateDir,
                token, budget, jobs, watchers, api, snapshot);
    }

    private static String[] listen(ConfigNode top) {
        String value = top.string("listen").orElse(ConfigDefaults.LISTEN_HOST + ":" + ConfigDefaults.LISTEN_PORT);
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon);
        String port = colon < 0 ? "" : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw top.error("listen", "'" + value + "' must be HOST:PORT with a port from 0 to 65535 (127.0.0.1:9470)");
        }
        return new String[] {host, port};
    }

    private static EngineKind engine(ConfigNode top) {
        String value = top.string("engine").orElse("auto");
        try {
            return EngineKind.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw top.error("engine", "'" + value + "' is not an engine; allowed: auto, launchd, embedded");
        }
    }

    private RestartBudget budget(ConfigNode node) {
        node.rejectUnknownKeys(BUDGET_KEYS);
        return new RestartBudget(node.integer("restarts", 1, 10_000).orElse(ConfigDefaults.HOST_RESTARTS),
                node.duration("window").orElse(ConfigDefaults.HOST_WINDOW));
    }

    /**
     * {@code dir} when it is a folder or can become one (it, or the nearest of its parents that
     * exists, is a folder). A file or a dangling link in the way is refused here, at start and at a
     * reload alike, not when the folder is first written to.
     */
    private static Path folder(ConfigNode top, String key, Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return dir;
            }
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw top.error(key, "'" + dir + "' " + (p.equals(dir) ? "is not a folder" : "cannot be created: '" + p
                        + "' is not a folder") + "; name a folder (it is created when missing)");
            }
        }
        return dir;
    }

    private Path path(String value, Path base) {
        if (value.equals("~") || value.startsWith("~/")) {
            return home.resolve(value.substring(Math.min(2, value.length()))).normalize();
        }
        return base.resolve(value).normalize();
    }

    static RecoveryPolicy recovery(ConfigNode node) {
        node.rejectUnknownKeys(RECOVERY_KEYS);
        return new RecoveryPolicy(node.duration("fastInterval").orElse(ConfigDefaults.FAST_INTERVAL),
                node.duration("readyBudget").orElse(ConfigDefaults.READY_BUDGET),
                node.duration("overloadGrace").orElse(ConfigDefaults.OVERLOAD_GRACE));
    }

    static StormPolicy storm(ConfigNode node) {
        node.rejectUnknownKeys(STORM_KEYS);
        return new StormPolicy(node.integer("maxRestarts", 1, 1000).orElse(ConfigDefaults.STORM_MAX_RESTARTS),
                node.duration("window").orElse(ConfigDefaults.STORM_WINDOW),
                node.duration("backoff").orElse(ConfigDefaults.STORM_BACKOFF));
    }
}
