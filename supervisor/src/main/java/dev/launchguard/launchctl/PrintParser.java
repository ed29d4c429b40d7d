package dev.launchguard.launchctl;

import dev.launchguard.job.RunState;
import dev.launchguard.job.Termination;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code launchctl print <domain>/<label>} output into a {@link ServiceDescription}, as far as
 * the output goes: a truncated paste yields the fields it shows and {@code complete = false}.
 */
public final class PrintParser {

    private static final String OUTPUT = "launchctl print";
    private static final Map<String, RunState> STATES = Map.of(
            "running", RunState.RUNNING,
            "not running", RunState.NOT_RUNNING,
            "spawn scheduled", RunState.SPAWN_SCHEDULED,
            "waiting", RunState.WAITING);
    /** Domain prefixes of a header such as {@code gui/501/<label>}: a kind, then an id (launchctl(1)). */
    private static final Pattern TARGET = Pattern.compile("^((?:gui|user|session|pid)/\\d+|system)/(.+)$");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(-?\\d{1,18})(?:\\s+seconds?)?$");
    private static final String NEVER_EXITED = "(never exited)";
    private static final List<String> SERVICE_KEYS = List.of("state", "pid", "runs", "program", "last exit code",
            "last terminating signal", "path", "domain", "active count");

    private PrintParser() {
    }

    /** Parses one service's print output; throws {@link LaunchctlParseException} naming the line. */
    public static ServiceDescription parse(String text) {
        rejectErrorOutput(text);
        PrintBlock block = PrintBlock.read(text);
        Fields fields = new Fields(block);
        if (SERVICE_KEYS.stream().noneMatch(block.fields()::containsKey)) {
            throw new LaunchctlParseException(OUTPUT, 1,
                    "has no service lines: expected '<label> = {' or depth-1 lines such as 'state = running'");
        }
        Optional<String> headerDomain = block.header().map(TARGET::matcher).filter(Matcher::matches)
                .map(m -> m.group(1));
        Optional<String> label = block.header().map(h -> {
            Matcher target = TARGET.matcher(h);
            return target.matches() ? target.group(2) : h;
        });
        Optional<String> launchdState = fields.text("state");
        return new ServiceDescription(label, headerDomain.or(() -> fields.text("domain")), fields.text("type"),
                fields.text("path"), launchdState,
                launchdState.map(s -> STATES.getOrDefault(s, RunState.UNKNOWN)).orElse(RunState.UNKNOWN),
                fields.number("pid"), lastExit(fields), fields.number("runs"), fields.text("program"),
                block.blocks().getOrDefault("arguments", List.of()), fields.text("working directory"),
                fields.text("stdout path"), fields.text("stderr path"), fields.seconds("exit timeout"),
                fields.seconds("minimum runtime"), fields.seconds("run interval"),
                fields.text("properties").map(p -> Arrays.asList(p.split("\\s*\\|\\s*"))).orElse(List.of()),
                environment(block.blocks().getOrDefault("environment", List.of())), block.complete());
    }

    private static void rejectErrorOutput(String text) {
        LaunchctlError.recognise(text).ifPresent(error -> {
            throw new LaunchctlParseException(OUTPUT, error.line(),
                    "is launchctl error output, not a service description: " + error.message() + " ("
                            + error.code() + ": " + error.reason().meaning() + ")");
        });
    }

    private static Optional<Termination> lastExit(Fields fields) {
        // After a death by signal, print shows "last terminating signal = Terminated: 15" instead of
        // an exit code (see the note in print-gui-2026-filtered-sed-nested-state.txt).
        Optional<Termination> signal = fields.text("last terminating signal")
                .flatMap(LastExit::fromSignalDescription);
        if (signal.isPresent()) {
            return signal;
        }
        Optional<String> code = fields.text("last exit code").filter(c -> !c.equals(NEVER_EXITED));
        return code.isEmpty() ? Optional.empty()
                : Optional.of(Termination.exited((int) fields.number("last exit code").getAsLong()));
    }

    private static Map<String, String> environment(List<String> lines) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : lines) {
            int arrow = line.indexOf(" => ");
            if (arrow > 0) {
                environment.put(line.substring(0, arrow).strip(), line.substring(arrow + 4).strip());
            }
        }
        return environment;
    }

    /** Typed access to the depth-1 fields, with the line number in every error. */
    private record Fields(PrintBlock block) {

        Optional<String> text(String key) {
            return Optional.ofNullable(block.fields().get(key)).filter(v -> !v.isEmpty());
        }

        OptionalLong number(String key) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return OptionalLong.empty();
            }
            Matcher number = LEADING_NUMBER.matcher(value.get());
            if (!number.matches()) {
                throw new LaunchctlParseException(OUTPUT, block.lines().get(key),
                        "has '" + key + " = " + value.get() + "': expected a whole number");
            }
            return OptionalLong.of(Long.parseLong(number.group(1)));
        }

        Optional<Duration> seconds(String key) {
            OptionalLong value = number(key);
            return value.isPresent() ? Optional.of(Duration.ofSeconds(value.getAsLong())) : Optional.empty();
        }
    }
}
