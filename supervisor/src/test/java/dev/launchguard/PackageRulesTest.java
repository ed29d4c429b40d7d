package dev.launchguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph as each {@code package-info.java} states it, checked against the sources: every
 * package says what it owns and what it must not import, and the imports keep to it; no package
 * depends on itself through others.
 */
class PackageRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/launchguard");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.launchguard\\.(\\w+)\\.", Pattern.MULTILINE);
    private static final Pattern MUST_NOT = Pattern.compile("[Mm]ust not import ((?:\\{@code \\w+\\}(?:, | or |,? or )?)+)");
    private static final Pattern CODE = Pattern.compile("\\{@code (\\w+)\\}");

    @Test
    void everyPackageSaysWhatItOwnsAndWhatItMustNotImport() {
        List<String> silent = new ArrayList<>();
        for (String pkg : packages()) {
            Path info = SOURCES.resolve(pkg).resolve("package-info.java");
            if (!Files.exists(info)) {
                silent.add(pkg + " (no package-info.java)");
                continue;
            }
            String text = prose(info);
            if (!MUST_NOT.matcher(text).find() && !text.contains("imports nothing of launchguard's")
                    && !isTop(text)) {
                silent.add(pkg + " (names nothing it must not import)");
            }
        }
        assertThat(silent).isEmpty();
    }

    @Test
    void noPackageImportsWhatItsPackageInfoForbids() {
        Map<String, Set<String>> imports = imports();
        List<String> broken = new ArrayList<>();
        for (String pkg : packages()) {
            Path info = SOURCES.resolve(pkg).resolve("package-info.java");
            if (!Files.exists(info)) {
                continue;
            }
            String text = prose(info);
            Set<String> uses = imports.getOrDefault(pkg, Set.of());
            if (text.contains("imports nothing of launchguard's") && !uses.isEmpty()) {
                broken.add(pkg + " says it imports nothing of launchguard's, but imports " + uses);
            }
            if (isTop(text)) {
                imports.forEach((other, used) -> {
                    if (used.contains(pkg) && !text.contains("{@code " + other + "}")) {
                        broken.add(pkg + " says no other package imports it, but " + other + " does");
                    }
                });
            }
            Matcher m = MUST_NOT.matcher(text);
            while (m.find()) {
                Matcher code = CODE.matcher(m.group(1));
                while (code.find()) {
                    if (uses.contains(code.group(1))) {
                        broken.add(pkg + " must not import " + code.group(1) + ", but does");
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void thePackageGraphHasNoCycle() {
        Map<String, Set<String>> imports = imports();
        List<String> cycles = new ArrayList<>();
        for (String from : imports.keySet()) {
            for (String to : imports.get(from)) {
                reaches(imports, to, from).ifPresent(path -> cycles.add(from + " -> " + path));
            }
        }
        assertThat(cycles).isEmpty();
    }

    private static java.util.Optional<String> reaches(Map<String, Set<String>> graph, String start, String target) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(target)) {
                return java.util.Optional.of(String.join(" -> ", path));
            }
            if (seen.add(last)) {
                for (String next : graph.getOrDefault(last, Set.of())) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    paths.add(longer);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static List<String> packages() {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per package, the other launchguard packages its sources import. */
    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String pkg : packages()) {
            Set<String> uses = new TreeSet<>();
            try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = IMPORT.matcher(read(f));
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) {
                            uses.add(m.group(1));
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            graph.put(pkg, uses);
        }
        return graph;
    }

    /**
     * The top floor: "no other package imports" it, or "nothing imports it but {@code X}" (the
     * packages named after "but" may).
     */
    private static boolean isTop(String text) {
        return text.contains("no other package imports") || text.contains("nothing imports it");
    }

    /** A package-info's comment as one line of prose. */
    private static String prose(Path info) {
        return read(info).replaceAll("\\s*\\n\\s*\\*\\s*", " ").toLowerCase(java.util.Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
