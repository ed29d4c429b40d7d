package dev.launchguard.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.config.SnapshotConfig;
import dev.launchguard.fleet.SnapshotEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes and keeps the snapshot of a job's instance at a restart: {@link #beforeKill} on the
 * watcher's thread before a wedged or manually kickstarted instance is killed (it returns within
 * the budget, plus the few milliseconds of writing), {@link #afterExit} for a crash, whose process
 * is already gone. A snapshot that cannot be written (a full disk) is logged and never holds up the
 * restart. Built once by the composition root; thread-safe (each call gathers on its own).
 */
public final class Snapshotter {

    private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The share of a snapshot's size cap each log tail may take. */
    private static final int TAIL_SHARE = 8;

    private final SnapshotConfig config;
    private final SnapshotStore store;
    private final Gatherer gatherer;
    private final Clock clock;

    public Snapshotter(SnapshotConfig config, Path stateDir, Path plists, DumpTools tools, Clock clock,
            LongSupplier nanos) {
        this.config = config;
        this.store = new SnapshotStore(stateDir.resolve("snapshots"), config.keep(), config.maxJobBytes());
        this.gatherer = new Gatherer(config.budget(), config.maxBytes(),
                tools, new LogTails(plists, config.maxBytes() / TAIL_SHARE), nanos);
        this.clock = clock;
    }

    /** A snapshotter that keeps nothing: for tests, and what {@code snapshot.enabled: false} builds. */
    public static Snapshotter disabled() {
        return new Snapshotter(SnapshotConfig.disabled(), Path.of("/nonexistent"), Path.of("/nonexistent"),
                new DumpTools(List.of(), List.of(), List.of()), Clock.systemUTC(), System::nanoTime);
    }

    public SnapshotConfig config() {
        return config;
    }

    /** Gathers and keeps the live instance {@code pid} of {@code label}; the id it was kept under. */
    public Optional<String> beforeKill(String label, long pid, String reason, String evidence) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        ObjectNode snapshot = header(label, pid, reason, evidence);
        return keep(label, pid, gatherer.live(snapshot, label, pid));
    }

    /** Keeps what is left of an instance that exited: the exit status (in {@code evidence}) and the log tails. */
    public Optional<String> afterExit(String label, long pid, String reason, String evidence) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        ObjectNode snapshot = header(label, pid, reason, evidence);
        return keep(label, pid, gatherer.exited(snapshot, label));
    }

    /** The job's kept snapshots, newest first. */
    public List<SnapshotEntry> list(String label) {
        return store.list(label);
    }

    /** One kept snapshot as JSON text. */
    public Optional<String> read(String label, String id) {
        return store.read(label, id);
    }

    private ObjectNode header(String label, long pid, String reason, String evidence) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("id", "");
        s.put("label", label);
        s.put("pid", pid);
        s.put("reason", reason);
        s.put("evidence", Redactor.redact(evidence));
        s.put("at", clock.instant().toString());
        s.put("budgetMs", config.budget().toMillis());
        // Set again once gathered; here so that a listing reads the header alone.
        s.put("elapsedMs", 0);
        s.put("complete", false);
        return s;
    }

    private Optional<String> keep(String label, long pid, ObjectNode snapshot) {
        Instant at = Instant.parse(snapshot.get("at").asText());
        try {
            String id = store.freeId(label, ID_TIME.format(at) + "-" + pid);
            snapshot.put("id", id);
            store.write(label, id, Trim.toCap(snapshot, config.maxBytes(), JSON));
            log.info("Snapshot kept job={} pid={} id={} elapsed_ms={} complete={}", label, pid, id,
                    snapshot.path("elapsedMs").asLong(), snapshot.path("complete").asBoolean());
            return Optional.of(id);
        } catch (IOException | RuntimeException e) {
            log.warn("Snapshot not kept, the restart goes ahead job={} pid={} error={}", label, pid, e.toString());
            return Optional.empty();
        }
    }
}
