package dev.launchguard.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The engine's state folder: one small file per job with its current run (for adoption after a
 * crash of the engine) and one file of persistent enable/disable overrides, like launchd's
 * overrides database. Every write is atomic, so a {@code kill -9} never leaves half a file.
 *
 * <p>Layout: {@code instances/<label>.properties}, {@code overrides.properties}.
 */
final class StateStore {

    private static final String OVERRIDES = "overrides.properties";

    private final Path folder;
    private final Path instances;
    private final String owner;

    StateStore(Path folder) {
        this.folder = folder;
        this.instances = folder.resolve("instances");
        try {
            Files.createDirectories(instances);
            this.owner = folder.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("state folder '" + folder + "' cannot be created", e);
        }
    }

    /**
     * The owner tag of the engine keeping its state here: the folder's real path. One folder, one
     * engine (launchguard locks its state folder), so two engines never share a tag, and an engine
     * started again on the same folder recognises the processes of the one before it.
     */
    String owner() {
        return owner;
    }

    void saveInstance(InstanceRecord record) {
        Properties p = new Properties();
        p.setProperty("label", record.label());
        p.setProperty("instance", record.instance());
        p.setProperty("pid", Long.toString(record.pid()));
        record.started().ifPresent(s -> p.setProperty("started", s.toString()));
        p.setProperty("runs", Long.toString(record.runs()));
        write(instanceFile(record.label()), p);
    }

    Optional<InstanceRecord> loadInstance(String label) {
        return read(instanceFile(label)).map(p -> new InstanceRecord(label, p.getProperty("instance", ""),
                Long.parseLong(p.getProperty("pid", "0")),
                Optional.ofNullable(p.getProperty("started")).map(Instant::parse),
                Long.parseLong(p.getProperty("runs", "0"))));
    }

    void forgetInstance(String label) {
        try {
            Files.deleteIfExists(instanceFile(label));
        } catch (IOException e) {
            throw new UncheckedIOException("state of job '" + label + "' cannot be deleted", e);
        }
    }

    /** The persistent override for {@code label}: true disabled, false enabled, empty when none. */
    synchronized Optional<Boolean> disabledOverride(String label) {
        return read(folder.resolve(OVERRIDES)).map(p -> p.getProperty(label)).map(Boolean::parseBoolean);
    }

    synchronized void setDisabled(String label, boolean disabled) {
        Properties p = read(folder.resolve(OVERRIDES)).orElseGet(Properties::new);
        p.setProperty(label, Boolean.toString(disabled));
        write(folder.resolve(OVERRIDES), p);
    }

    private Path instanceFile(String label) {
        return instances.resolve(URLEncoder.encode(label, StandardCharsets.UTF_8) + ".properties");
    }

    private static Optional<Properties> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("state file '" + file + "' cannot be read", e);
        }
        return Optional.of(p);
    }

    private static void write(Path file, Properties p) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, null);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("state file '" + file + "' cannot be written", e);
        }
    }
}
