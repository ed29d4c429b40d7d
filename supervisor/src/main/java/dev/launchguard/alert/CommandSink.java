package dev.launchguard.alert;

import dev.launchguard.config.WatchersConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a program per alert with an argument array, never through a shell: {@code osascript} for a
 * notification on the Mac, {@code curl} to ntfy. Each argument may hold {@code {status}},
 * {@code {watcher}}, {@code {check}}, {@code {detail}} and {@code {summary}}, replaced inside that one
 * argument; the same values are in the environment as {@code LAUNCHGUARD_ALERT_STATUS} and so on, for
 * a program that must not see them in its own syntax (an AppleScript string reads them through
 * {@code system attribute}).
 *
 * <p>Threads: runs on the dispatcher's executor and waits for the program, at most its timeout;
 * a program still running then is killed with its descendants.
 */
final class CommandSink implements AlertSink {

    private static final Logger log = LoggerFactory.getLogger(CommandSink.class);

    private final WatchersConfig.Command config;

    CommandSink(WatchersConfig.Command config) {
        this.config = config;
    }

    @Override
    public void send(Alert alert) {
        Map<String, String> values = Map.of("status", alert.status().tag(), "watcher", alert.watcher(),
                "check", alert.check(), "detail", alert.detail(), "summary", alert.summary());
        List<String> argv = new ArrayList<>();
        for (String arg : config.argv()) {
            String filled = arg;
            for (Map.Entry<String, String> v : values.entrySet()) {
                filled = filled.replace("{" + v.getKey() + "}", v.getValue());
            }
            argv.add(filled);
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        values.forEach((k, v) -> builder.environment().put("LAUNCHGUARD_ALERT_" + k.toUpperCase(java.util.Locale.ROOT), v));
        try {
            Process process = builder.start();
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                log.error("Alert command killed after its timeout command={} check={} timeoutMs={}", argv.get(0),
                        alert.check(), config.timeout().toMillis());
            } else if (process.exitValue() != 0) {
                log.error("Alert command failed command={} check={} exit={}", argv.get(0), alert.check(),
                        process.exitValue());
            } else {
                log.debug("Alert delivered sink=command check={}", alert.check());
            }
        } catch (IOException e) {
            log.error("Alert command '{}' could not be started: {} check={}", argv.get(0), e.getMessage(), alert.check());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String kind() {
        return "command";
    }
}
