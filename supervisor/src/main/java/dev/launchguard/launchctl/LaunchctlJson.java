package dev.launchguard.launchctl;

import dev.launchguard.job.Termination;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON shape of parsed launchctl output: ordered maps, so the key order is stable and a bug
 * report diffs cleanly; absent values are {@code null}, durations are whole seconds.
 */
public final class LaunchctlJson {

    private LaunchctlJson() {
    }

    public static Map<String, Object> of(ServiceDescription service) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", service.label().orElse(null));
        json.put("domain", service.domain().orElse(null));
        json.put("type", service.type().orElse(null));
        json.put("path", service.path().orElse(null));
        json.put("state", service.state().name());
        json.put("launchdState", service.launchdState().orElse(null));
        json.put("pid", value(service.pid()));
        json.put("lastExit", termination(service.lastExit()));
        json.put("runs", value(service.runs()));
        json.put("program", service.program().orElse(null));
        json.put("arguments", service.arguments());
        json.put("workingDirectory", service.workingDirectory().orElse(null));
        json.put("stdoutPath", service.stdoutPath().orElse(null));
        json.put("stderrPath", service.stderrPath().orElse(null));
        json.put("exitTimeoutSeconds", seconds(service.exitTimeout()));
        json.put("minimumRuntimeSeconds", seconds(service.minimumRuntime()));
        json.put("runIntervalSeconds", seconds(service.runInterval()));
        json.put("properties", service.properties());
        json.put("environment", service.environment());
        json.put("complete", service.complete());
        return json;
    }

    public static List<Map<String, Object>> of(List<ListEntry> entries) {
        return entries.stream().map(entry -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("label", entry.label());
            json.put("pid", value(entry.pid()));
            json.put("status", entry.status());
            json.put("lastExit", termination(entry.lastExit()));
            return json;
        }).toList();
    }

    public static Map<String, Object> of(ListedJob job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", job.label());
        json.put("pid", value(job.pid()));
        json.put("lastExitStatus", value(job.lastExitStatus()));
        json.put("lastExit", termination(job.lastExit()));
        json.put("onDemand", job.onDemand().orElse(null));
        json.put("program", job.program().orElse(null));
        json.put("programArguments", job.programArguments());
        json.put("standardOutPath", job.standardOutPath().orElse(null));
        json.put("standardErrorPath", job.standardErrorPath().orElse(null));
        json.put("limitLoadToSessionType", job.limitLoadToSessionType().orElse(null));
        json.put("timeOutSeconds", seconds(job.timeOut()));
        json.put("machServices", job.machServices());
        return json;
    }

    private static Object termination(Optional<Termination> termination) {
        return termination.map(t -> {
            Map<String, Object> json = new LinkedHashMap<>();
            if (t instanceof Termination.Exited exited) {
                json.put("exitCode", exited.code());
            } else if (t instanceof Termination.Signaled signaled) {
                json.put("signal", signaled.signal());
            }
            return json;
        }).orElse(null);
    }

    private static Long value(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Long seconds(Optional<Duration> duration) {
        return duration.map(Duration::toSeconds).orElse(null);
    }
}
