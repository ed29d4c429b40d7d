package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.probe.ProbeSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code launchguard init} against a real fleet on the embedded engine: the demo fleet's two jobs
 * (the sample model server with its OpenAI and KServe routes, a static site), the real Next.js site,
 * a TCP-only server, a job with no port and a timed job. A launchguard watching one of them runs
 * them all (its engine runs every plist of the folder); init, run as a user runs it, must give each
 * the right kind of probe and leave the others out with why; the file it writes must load, and a
 * launchguard started on it must supervise all of them, catching a deadlock of the model server
 * with the inference probe init proposed. Run again, init keeps the user's edits.
 */
class InitAdoptIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CLI = Duration.ofMinutes(3);
    /** Accepts connections and never says a word: a TCP-only service. */
    private static final String SILENT = "import socket,sys\n"
            + "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
            + "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(16); held=[]\n"
            + "while True:\n    c,_=s.accept(); held.append(c)\n";

    private static Path app;

    @TempDir
    Path dir;

    private Fleet fleet;
    private LaunchguardJar adopted;
    private final String model = Fleet.label("model");
    private final String web = Fleet.label("web");
    private final String next = Fleet.label("next");
    private final String tcp = Fleet.label("tcp");
    private final String idle = Fleet.label("idle");
    private final String timed = Fleet.label("timed");
    private final int modelPort = Fleet.freePort();
    private final int webPort = Fleet.freePort();
    private final int nextPort = Fleet.freePort();
    private final int tcpPort = Fleet.freePort();

    @BeforeAll
    static void build() {
        app = NextApp.built();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (adopted != null) {
            adopted.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void initProposesTheRightProbeForEachJobAndTheFileItWritesSupervisesThemAll() throws Exception {
        fleet = new Fleet(dir);
        String python = onPath("python3");
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/index.html"), "<h1>demo</h1>\n");
        // launchguard already watches the TCP-only server; its engine runs every plist of the folder.
        fleet.add(LaunchdJob.of(tcp, List.of(python, "-c", SILENT, String.valueOf(tcpPort)))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1)),
                "    liveness: { tcp: '127.0.0.1:" + tcpPort + "' }\n");
        plist(fleet.modelServer(model, modelPort, 5));
        plist(LaunchdJob.of(web, List.of(python, "-m", "http.server", String.valueOf(webPort), "--bind", "127.0.0.1",
                "--directory", dir.resolve("www").toString())).withKeepAlive(KeepAlive.forever()).withRunAtLoad(true));
        Path npm = NextApp.npm();
        plist(LaunchdJob.of(next, List.of(npm.toString(), "start", "--", "-H", "127.0.0.1", "-p", String.valueOf(nextPort)))
                .withWorkingDirectory(app).withEnvironmentVariables(NextApp.environment(npm))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1))
                .withExitTimeOut(Duration.ofSeconds(5)));
        plist(LaunchdJob.of(idle, List.of("/bin/sleep", "3600")).withKeepAlive(KeepAlive.forever()).withRunAtLoad(true));
        plist(LaunchdJob.of(timed, List.of("/bin/true")).withStartInterval(Duration.ofHours(1)));
        fleet.start();
        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> answers("http://127.0.0.1:" + modelPort
                + "/v2/health/ready") && answers("http://127.0.0.1:" + nextPort + "/") && answers("http://127.0.0.1:" + webPort + "/")
                && !Fleet.tagged(idle).isEmpty());

        Path file = dir.resolve("adopted.yaml");
        Run init = cli("init", "--plists", fleet.plists.toString(), "--out", file.toString());

        assertThat(init.exit()).as("init: %s", init).isZero();
        String yaml = Files.readString(file);
        LaunchguardConfig config = new ConfigLoader(dir).load(file);
        assertThat(config.jobs()).extracting(JobConfig::label).containsExactlyInAnyOrder(model, web, next, tcp);
        JobConfig m = job(config, model);
        assertThat(m.liveness().spec()).isInstanceOfSatisfying(ProbeSpec.Http.class, h -> {
            assertThat(h.method()).isEqualTo("POST");
            assertThat(h.url()).hasToString("http://127.0.0.1:" + modelPort + "/v1/embeddings");
            assertThat(h.requestBody()).get().asString().contains(Fleet.MODEL);
        });
        assertThat(m.liveness().interval()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(m.startup()).get().extracting(p -> p.spec().target())
                .isEqualTo("http://127.0.0.1:" + modelPort + "/v2/health/ready");
        assertThat(m.readiness()).get().extracting(p -> p.spec().target())
                .isEqualTo("http://127.0.0.1:" + modelPort + "/v2/health/ready");
        assertThat(job(config, next).liveness().spec()).isInstanceOfSatisfying(ProbeSpec.Http.class, h -> {
            assertThat(h.method()).isEqualTo("GET");
            assertThat(h.url().toString()).startsWith("http://127.0.0.1:" + nextPort + "/");
            assertThat(h.expectedStatus()).isEqualTo(200);
        });
        assertThat(job(config, web).liveness().spec()).isInstanceOfSatisfying(ProbeSpec.Http.class,
                h -> assertThat(h.url()).hasToString("http://127.0.0.1:" + webPort + "/"));
        assertThat(job(config, tcp).liveness().spec()).isInstanceOf(ProbeSpec.Tcp.class);
        assertThat(config.plists()).isEqualTo(fleet.plists.toRealPath());
        assertThat(config.stateDir()).as("the state folder of the engine that runs them").isEqualTo(fleet.stateDir.toRealPath());
        assertThat(yaml).as("every choice says why").contains("Next.js").contains("/v1/models").contains("blind to a stopped process")
                .contains("- " + idle + " (").contains("- " + timed + " (").contains("listens on no TCP port")
                .contains("StartInterval");
        assertThat(init.out()).contains("added " + model).contains("left out " + idle).contains("left out " + timed);

        // --measure-start restarts only after a yes: without a terminal to ask in, nothing is restarted.
        assertThat(Fleet.tagged(model)).as("the model server is one process").hasSize(1);
        long modelPid = Fleet.tagged(model).get(0).pid();
        Run unasked = cli("init", "--plists", fleet.plists.toString(), "--out", dir.resolve("measured.yaml").toString(),
                "--dry-run", "--measure-start");
        assertThat(unasked.exit()).as("init --measure-start without a terminal: %s", unasked).isZero();
        assertThat(unasked.err()).contains(model + ": start not measured").contains("add --yes");
        assertThat(Fleet.alive(modelPid)).as("nothing was restarted without a yes").isTrue();
        Run measured = cli("init", "--plists", fleet.plists.toString(), "--out", dir.resolve("measured.yaml").toString(),
                "--dry-run", "--measure-start", "--yes");
        assertThat(measured.exit()).as("init --measure-start --yes: %s", measured).isZero();
        assertThat(measured.err()).contains(model + ": pid ").contains("answered GET http://127.0.0.1:" + modelPort + "/v2/health/ready");
        assertThat(measured.out()).contains("(--measure-start); budget 3× that");
        assertThat(Fleet.alive(modelPid)).as("the measured start replaced pid %d", modelPid).isFalse();

        // The person running it moves the API off the default port: an edit the next init must keep.
        int apiPort = Fleet.freePort();
        Files.writeString(file, yaml.replace("jobs:\n", "listen: 127.0.0.1:" + apiPort + "  # mine\njobs:\n"));
        fleet.launchguard.close();
        fleet.launchguard = null;
        adopted = LaunchguardJar.startOn(fleet, file, apiPort);
        adopted.awaitReady(model, web, next, tcp);
        long before = adopted.jobPid(model);

        Fleet.fault(modelPort, "deadlock");

        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> adopted.job(model)
                .map(j -> j.path("restarts").size() > 0 && "READY".equals(j.path("state").asText())).orElse(false));
        JsonNode restart = adopted.job(model).orElseThrow().path("restarts").get(0);
        assertThat(restart.path("reason").asText()).isEqualTo("wedge");
        assertThat(adopted.jobPid(model)).isNotEqualTo(before);
        for (String other : List.of(web, next, tcp)) {
            assertThat(adopted.job(other).orElseThrow().path("restarts").size()).as("%s was not restarted", other).isZero();
        }

        Run again = cli("init", "--out", file.toString());
        assertThat(again.exit()).as("init again: %s", again).isZero();
        assertThat(Files.readString(file)).contains("listen: 127.0.0.1:" + apiPort + "  # mine");
        assertThat(again.out()).contains("kept " + model + " as the file has it").doesNotContain("added ");

        Run check = cli("init", "--check", "--out", file.toString());
        assertThat(check.exit()).as("init --check: %s", check).isEqualTo(1);
        assertThat(check.out()).contains(idle).contains(timed).doesNotContain(model + " ");
        assertThat(adopted.stop()).isZero();
        adopted = null;
    }

    private void plist(LaunchdJob job) {
        Plists.write(job.withStandardOutPath(fleet.logs.resolve(job.label() + ".log"))
                .withStandardErrorPath(fleet.logs.resolve(job.label() + ".log")), fleet.plists.resolve(job.label() + ".plist"));
    }

    private static JobConfig job(LaunchguardConfig config, String label) {
        return config.jobs().stream().filter(j -> j.label().equals(label)).findFirst().orElseThrow();
    }

    private static boolean answers(String url) {
        try {
            return Fleet.get(url).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(program + " is not on PATH (a prerequisite: README)");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Fleet.java(), "-jar", Fleet.launchguardJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(CLI.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("launchguard " + String.join(" ", args) + " did not end within " + CLI);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
