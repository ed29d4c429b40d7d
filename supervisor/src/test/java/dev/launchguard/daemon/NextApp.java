package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Next.js site of {@code supervisor/src/it/nextjs}, installed from the npm registry and
 * built under {@code supervisor/target/it-nextjs}. The build takes about a minute, so one that is
 * newer than every source file is reused. The source tree is never written to: {@code npm install}
 * may rewrite the lock file, and only the copy's changes.
 */
final class NextApp {

    /** npm install plus next build: about 50 s on an idle reference machine; generous for a shared one. */
    private static final long BUILD_MINUTES = 6;
    private static final List<String> SOURCES = List.of("app", "package.json", "package-lock.json", "next.config.mjs");

    private NextApp() {
    }

    /** The built app, ready for {@code npm start}; builds it first unless a current build is there. */
    static synchronized Path built() {
        Path home = Path.of(System.getProperty("launchguard.home", ".."));
        Path source = home.resolve("supervisor/src/it/nextjs");
        Path app = home.resolve("supervisor/target/it-nextjs");
        Path buildId = app.resolve(".next/BUILD_ID");
        try {
            if (Files.isRegularFile(buildId) && newestSource(source).compareTo(Files.getLastModifiedTime(buildId)) < 0) {
                return app;
            }
            Files.createDirectories(app);
            for (String name : SOURCES) {
                copy(source.resolve(name), app.resolve(name));
            }
            Path log = app.resolve("build.log");
            Files.deleteIfExists(log);
            run(app, log, npm().toString(), "install", "--no-audit", "--no-fund");
            run(app, log, npm().toString(), "exec", "--", "next", "build");
            assertThat(buildId).as("next build wrote its BUILD_ID; see %s", log).isRegularFile();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("the Next.js test site cannot be built in " + app, e);
        }
    }

    /**
     * npm as found on the PATH (Debian's {@code nodejs} and {@code npm}, or any Node.js 18.18 or newer
     * with its npm), as an absolute path: a launchd job's ProgramArguments name their program in full.
     */
    static Path npm() {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder).resolve("npm").toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("npm is not on the PATH (" + path + "): the Next.js test needs Node.js 18.18 "
                + "or newer with npm (on Debian: apt-get install nodejs npm)");
    }

    /**
     * The site job's environment: no telemetry, and a PATH that starts with npm's folder, since npm
     * finds {@code node} through its {@code #!/usr/bin/env node} line and launchd gives a job only
     * {@code /usr/bin:/bin:/usr/sbin:/sbin}.
     */
    static Map<String, String> environment(Path npm) {
        Map<String, String> env = new HashMap<>(Fleet.NO_TELEMETRY);
        env.put("PATH", npm.getParent() + ":/usr/bin:/bin:/usr/sbin:/sbin");
        return env;
    }

    private static void run(Path app, Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Fleet.NO_TELEMETRY);
        Process p = builder.start();
        try {
            if (!p.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
        assertThat(p.isAlive() ? -1 : p.exitValue()).as("%s in %s; see %s", String.join(" ", command), app, log)
                .isZero();
    }

    private static FileTime newestSource(Path source) throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        for (String name : SOURCES) {
            try (Stream<Path> files = Files.walk(source.resolve(name))) {
                for (Path f : files.toList()) {
                    FileTime t = Files.getLastModifiedTime(f);
                    newest = t.compareTo(newest) > 0 ? t : newest;
                }
            }
        }
        return newest;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
