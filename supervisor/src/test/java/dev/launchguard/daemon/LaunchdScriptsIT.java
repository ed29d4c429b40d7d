package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.EngineKind;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.config.WatchersConfig;
import dev.launchguard.drift.DriftCheck;
import dev.launchguard.drift.DriftFile;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.PlistLinter;
import dev.launchguard.plist.Plists;
import dev.launchguard.uptime.UptimeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The macOS scripts in {@code launchd/}, as far as Linux can check them: they parse ({@code bash -n}),
 * and install.sh's own rendering step produces plists that lint clean and a configuration that
 * loads. launchctl itself is not run here (there is no launchd).
 */
class LaunchdScriptsIT {

    private static final Path LAUNCHD = Path.of("").toAbsolutePath().getParent().resolve("launchd");

    @TempDir
    Path dir;

    /** Runs a command with HOME set to the test folder; returns exit code and output. */
    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().remove("LAUNCHGUARD_STATE_DIR");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"install.sh", "uninstall.sh", "smoke-test.sh", "common.sh"})
    void scriptParses(String script) throws Exception {
        Result result = run(List.of("bash", "-n", LAUNCHD.resolve(script).toString()));

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"install.sh", "uninstall.sh", "smoke-test.sh"})
    void scriptRefusesToTouchLaunchdOffMacos(String script) throws Exception {
        Result result = run(List.of("bash", LAUNCHD.resolve(script).toString()));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).isEqualTo(script + ": this script drives launchd and runs on macOS only; "
                + "elsewhere run ./launchguard demo\n");
    }

    @Test
    void completionOnlyInstallsTheBashCompletionWhereBashCompletionLoadsIt() throws Exception {
        Result result = run(List.of("bash", LAUNCHD.resolve("install.sh").toString(), "--completion-only"));

        Path installed = dir.resolve("home/.local/share/bash-completion/completions/launchguard");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).startsWith("installed bash completion: " + installed + "\n");
        assertThat(Files.readString(installed)).contains("complete -F _complete_launchguard")
                .contains(" status logs ");
    }

    @Test
    void renderedPlistsLintCleanWithNoPlaceholderLeft() throws Exception {
        Path out = dir.resolve("rendered");

        Result result = run(List.of("bash", LAUNCHD.resolve("install.sh").toString(), "--render-only", out.toString()));

        assertThat(result.exit()).as(result.output()).isZero();
        List<Path> plists;
        try (Stream<Path> files = Files.list(out)) {
            plists = files.filter(p -> p.toString().endsWith(".plist")).sorted().toList();
        }
        assertThat(plists).extracting(p -> p.getFileName().toString()).containsExactly(
                "dev.launchguard.demo.model.plist", "dev.launchguard.demo.web.plist", "dev.launchguard.supervisor.plist",
                "dev.launchguard.watch.drift.plist", "dev.launchguard.watch.uptime.plist");
        List<String> findings = new ArrayList<>();
        for (Path plist : plists) {
            assertThat(Files.readString(plist)).as(plist.toString()).doesNotContainPattern("@[A-Z_]+@");
            // No host checks: the paths are this test's, and the jars need not be built for a lint.
            PlistLinter.lint(plist, false).forEach(f -> findings.add(f.severity() + " " + f.message()));
        }
        assertThat(findings).as("no error and no warning (LaunchguardPorts is launchguard's own key)").isEmpty();
    }

    @Test
    void launchguardsOwnPlistRunsItUnderLaunchdWithTelemetryOffAndLogsInLibrary() throws Exception {
        Path out = dir.resolve("rendered");
        run(List.of("bash", LAUNCHD.resolve("install.sh").toString(), "--render-only", out.toString()));
        Path home = dir.resolve("home");

        LaunchdJob job = Plists.read(out.resolve("dev.launchguard.supervisor.plist"));

        assertThat(job.label()).isEqualTo("dev.launchguard.supervisor");
        assertThat(job.programArguments()).containsExactly(LAUNCHD.getParent().resolve("launchguard").toString(), "run",
                "--config", home.resolve(".launchguard/fleet/launchguard.yaml").toString());
        assertThat(job.keepAlive()).isEqualTo(KeepAlive.forever());
        assertThat(job.runAtLoad()).isTrue();
        assertThat(job.environmentVariables()).containsEntry("ORT_DISABLE_TELEMETRY", "1")
                .containsEntry("OPT_OUT_TRACKING", "true").containsKey("JAVA_HOME");
        assertThat(job.standardOutPath()).contains(home.resolve("Library/Logs/launchguard/launchguard.log"));
        assertThat(job.standardErrorPath()).contains(home.resolve("Library/Logs/launchguard/launchguard.log"));
    }

    @Test
    void renderedConfigurationWatchesTheFleetThatLaunchdRuns() throws Exception {
        Path out = dir.resolve("rendered");
        run(List.of("bash", LAUNCHD.resolve("install.sh").toString(), "--render-only", out.toString()));

        LaunchguardConfig config = new ConfigLoader(dir.resolve("home")).load(out.resolve("launchguard.yaml"));

        assertThat(config.engine()).isEqualTo(EngineKind.LAUNCHD);
        assertThat(config.plists()).isEqualTo(dir.resolve("home/Library/LaunchAgents"));
        assertThat(config.stateDir()).isEqualTo(dir.resolve("home/.launchguard"));
        assertThat(config.jobs()).extracting(j -> j.label())
                .containsExactly("dev.launchguard.demo.model", "dev.launchguard.demo.web");
        assertThat(config.watchers().drift()).contains(new WatchersConfig.Schedule(out.resolve("drift.yaml"),
                Duration.ofMinutes(10)));
        assertThat(config.watchers().uptime()).contains(new WatchersConfig.Schedule(out.resolve("uptime.yaml"),
                Duration.ofMinutes(10)));
    }

    @Test
    void watcherPlistsRunTheOneShotWatchersEveryTenMinutesOnTheRenderedFiles() throws Exception {
        Path out = dir.resolve("rendered");
        run(List.of("bash", LAUNCHD.resolve("install.sh").toString(), "--render-only", out.toString()));
        Path home = dir.resolve("home");
        Path fleet = home.resolve(".launchguard/fleet");
        String launcher = LAUNCHD.getParent().resolve("launchguard").toString();

        LaunchdJob drift = Plists.read(out.resolve("dev.launchguard.watch.drift.plist"));
        LaunchdJob uptime = Plists.read(out.resolve("dev.launchguard.watch.uptime.plist"));

        assertThat(drift.programArguments()).containsExactly(launcher, "watch", "drift", "--once", "--file",
                fleet.resolve("drift.yaml").toString(), "--state-dir", home.resolve(".launchguard").toString());
        assertThat(uptime.programArguments()).containsExactly(launcher, "watch", "uptime", "--once", "--file",
                fleet.resolve("uptime.yaml").toString());
        assertThat(drift.startInterval()).contains(Duration.ofMinutes(10));
        assertThat(uptime.startInterval()).contains(Duration.ofMinutes(10));
        assertThat(drift.standardOutPath()).contains(home.resolve("Library/Logs/launchguard/watch-drift.log"));
        // The rendered files load as the watchers read them, the site's path made absolute.
        List<DriftCheck> checks = DriftFile.forUser().load(out.resolve("drift.yaml"));
        assertThat(checks).extracting(DriftCheck::name).contains("model loaded", "site content");
        assertThat(Files.readString(out.resolve("drift.yaml"))).contains("file: " + LAUNCHD.resolve("www/index.html"));
        assertThat(UptimeFile.load(out.resolve("uptime.yaml"), true).targets()).extracting(t -> t.name())
                .containsExactly("demo site", "model ready");
    }
}
