package dev.launchguard.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.probe.ProbeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitFileTest {

    private static final Instant NOW = Instant.parse("2026-12-07T23:00:00Z");
    private static final String BODY = "{\"model\":\"all-minilm-l6-v2\",\"input\":\"ping\"}";

    @TempDir
    Path dir;

    @Test
    void aNewFileLoadsWithEveryProbeAndSaysWhyForEachChoiceAndEachJobLeftOut() throws IOException {
        InitFile.Result result = InitFile.fresh(plists().toString(), Optional.of(new InitFile.StateDir(dir.resolve("state").toString(),
                List.of("stateDir: from the owner tag"))), List.of(model(), web(8082), idle()), NOW);

        LaunchguardConfig config = load(result.text());
        assertThat(config.jobs()).extracting(JobConfig::label).containsExactly("dev.model", "dev.web");
        JobConfig model = config.jobs().get(0);
        assertThat(model.liveness().spec()).isInstanceOfSatisfying(ProbeSpec.Http.class, h -> {
            assertThat(h.method()).isEqualTo("POST");
            assertThat(h.requestBody()).contains(BODY);
        });
        assertThat(model.liveness().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(model.liveness().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(model.startupBudget()).isEqualTo(Duration.ofMinutes(2));
        assertThat(model.readiness()).get().extracting(p -> p.spec().target()).isEqualTo("http://127.0.0.1:8081/v2/health/ready");
        assertThat(config.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(result.text())
                .contains("# dev.model: running, pid 42 for 3m 5s; listens on 8081 (127.0.0.1)")
                .contains("# OpenAI-compatible: GET /v1/models -> 200 in 4 ms")
                .contains("# budget: not measured")
                .contains(InitFile.LEFT_OUT_START)
                .contains("# - dev.idle (dev.idle.plist): runs (pid 7) but listens on no TCP port");
        assertThat(result.changes()).containsExactly(
                "added dev.model: liveness POST http://127.0.0.1:8081/v1/embeddings every 10s expecting 200;"
                        + " readiness GET http://127.0.0.1:8081/v2/health/ready; startup GET http://127.0.0.1:8081/v2/health/ready within 2m",
                "added dev.web: liveness GET http://127.0.0.1:8082/ expecting 200",
                "left out dev.idle: runs (pid 7) but listens on no TCP port, so there is nothing to probe");
    }

    @Test
    void noJobToWatchStillWritesAFileThatLoadsAndRunsThePlists() throws IOException {
        InitFile.Result result = InitFile.fresh(plists().toString(), Optional.empty(), List.of(idle()), NOW);

        assertThat(load(result.text()).jobs()).isEmpty();
        assertThat(result.text()).contains("jobs: []");
    }

    @Test
    void aMergeKeepsEveryLineOfTheUsersFileAndAddsNewJobsAtTheEndOfTheirList() throws IOException {
        String mine = "# my fleet\n"
                + "plists: " + plists() + "\n"
                + "listen: 127.0.0.1:9555   # not the default\n"
                + "jobs:\n"
                + "    - label: dev.web\n"
                + "      liveness: http://127.0.0.1:8082/healthz   # my route\n"
                + "      # a note about web\n"
                + "\n"
                + "    - label: dev.retired\n"
                + "      liveness: http://127.0.0.1:9999/\n"
                + "# watchers below\n"
                + "watchers:\n"
                + "  strays: { interval: 2m }\n";
        LaunchguardConfig before = load(mine);

        InitFile.Result result = InitFile.merge(mine, existing(before), List.of(web(8082), model(), idle()), plists());

        String upToTheLastJob = mine.substring(0, mine.indexOf("# watchers below"));
        assertThat(result.text()).startsWith(upToTheLastJob).contains("\n# watchers below\nwatchers:\n  strays: { interval: 2m }\n");
        for (String line : mine.split("\n")) {
            assertThat(result.text()).contains(line);
        }
        LaunchguardConfig after = load(result.text());
        assertThat(after.jobs()).extracting(JobConfig::label).containsExactly("dev.web", "dev.retired", "dev.model");
        assertThat(after.jobs().get(0).liveness().spec().target()).isEqualTo("http://127.0.0.1:8082/healthz");
        assertThat(after.listenPort()).isEqualTo(9555);
        assertThat(after.watchers()).isEqualTo(before.watchers());
        assertThat(result.text()).contains("\n    - label: dev.model\n").contains("\n    # dev.model: running");
        assertThat(result.text().indexOf("- label: dev.model")).isLessThan(result.text().indexOf("watchers:"));
        assertThat(result.changes()).containsExactly(
                "kept dev.web as the file has it (liveness http://127.0.0.1:8082/healthz); discovery now proposes"
                        + " http://127.0.0.1:8082/: change it by hand if that is right",
                "added dev.model: liveness POST http://127.0.0.1:8081/v1/embeddings every 10s expecting 200;"
                        + " readiness GET http://127.0.0.1:8081/v2/health/ready; startup GET http://127.0.0.1:8081/v2/health/ready within 2m",
                "left out dev.idle: runs (pid 7) but listens on no TCP port, so there is nothing to probe",
                "kept dev.retired, though no plist in " + plists() + " has this label: remove its entry by hand if the job was retired");
    }

    @Test
    void runningAgainAddsNothingTwiceAndRewritesOnlyTheBlockOfJobsLeftOut() throws IOException {
        String first = InitFile.fresh(plists().toString(), Optional.empty(), List.of(web(8082), idle()), NOW).text();
        String edited = first.replace("  - label: dev.web\n", "  - label: dev.web\n    storm: { maxRestarts: 9 }\n");

        InitFile.Result again = InitFile.merge(edited, existing(load(edited)), List.of(web(8082), idle()), plists());

        assertThat(again.text()).isEqualTo(edited);
        assertThat(again.changes()).containsExactly("kept dev.web as the file has it",
                "left out dev.idle: runs (pid 7) but listens on no TCP port, so there is nothing to probe");
        InitFile.Result nowRuns = InitFile.merge(edited, existing(load(edited)), List.of(web(8082), web(8090, "dev.idle")),
                plists());
        assertThat(nowRuns.text()).doesNotContain(InitFile.LEFT_OUT_START).contains("storm: { maxRestarts: 9 }");
        assertThat(load(nowRuns.text()).jobs()).extracting(JobConfig::label).containsExactly("dev.web", "dev.idle");
    }

    @Test
    void aJobWhoseLabelTheConfigurationRefusesIsLeftOutSayingSoAndTheFileStillLoads() throws IOException {
        InitFile.Result result = InitFile.fresh(plists().toString(), Optional.empty(), List.of(web(8082), web(8083, "myjob")),
                NOW);

        assertThat(load(result.text()).jobs()).extracting(JobConfig::label).containsExactly("dev.web");
        assertThat(result.changes()).contains("left out myjob: its Label 'myjob' is not the reverse-DNS kind launchguard.yaml"
                + " accepts (com.example.web): rename it in its plist to watch it");
    }

    @Test
    void anEmptyInlineListBecomesABlockWithTheNewJobs() throws IOException {
        String mine = "plists: " + plists() + "\njobs: []   # none yet\n";

        InitFile.Result result = InitFile.merge(mine, List.of(), List.of(web(8082)), plists());

        assertThat(load(result.text()).jobs()).extracting(JobConfig::label).containsExactly("dev.web");
    }

    @Test
    void scalarsThatYamlWouldMisreadAreQuotedAndReadBackTheSame() {
        assertThat(YamlText.scalar("http://127.0.0.1:8080/v1/models")).isEqualTo("http://127.0.0.1:8080/v1/models");
        assertThat(YamlText.scalar("dev.launchguard.demo.web")).isEqualTo("dev.launchguard.demo.web");
        assertThat(YamlText.scalar(BODY)).isEqualTo("'" + BODY + "'");
        assertThat(YamlText.scalar("it's: yes")).isEqualTo("'it''s: yes'");
        assertThat(YamlText.scalar("true")).isEqualTo("'true'");
        assertThat(YamlText.scalar("127.0.0.1:6379")).isEqualTo("'127.0.0.1:6379'");
    }

    private Path plists() throws IOException {
        return Files.createDirectories(dir.resolve("plists"));
    }

    private LaunchguardConfig load(String text) throws IOException {
        Path file = dir.resolve("launchguard.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new ConfigLoader(dir).load(file);
    }

    private static List<InitFile.Existing> existing(LaunchguardConfig config) {
        return config.jobs().stream().map(j -> new InitFile.Existing(j.label(), j.liveness().spec().target())).toList();
    }

    private static Plan model() throws IOException {
        DiscoveredJob job = running("dev.model", 42, new DiscoveredJob.Port(8081, 42,
                Optional.of(InetAddress.getByName("127.0.0.1")), "127.0.0.1"));
        String base = "http://127.0.0.1:8081";
        ProposedProbe ready = new ProposedProbe("http", base + "/v2/health/ready", Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                List.of("KServe v2: GET /v2/health/ready -> 200 in 3 ms"));
        ProposedProbe liveness = new ProposedProbe("http", base + "/v1/embeddings", Optional.of("POST"), Optional.of(BODY),
                OptionalInt.of(200), Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(5)), OptionalInt.of(3), Optional.empty(),
                List.of("OpenAI-compatible: GET /v1/models -> 200 in 4 ms, models: all-minilm-l6-v2"));
        Proposal p = new Proposal("dev.model", Optional.of(ready), Optional.of(Duration.ofMinutes(2)),
                List.of("budget: not measured; the default"), Optional.of(liveness), Optional.of(ready), List.of(), Optional.empty());
        return new Plan(job, Optional.of(p), Optional.of(Duration.ofSeconds(185)), List.of());
    }

    private static Plan web(int port) throws IOException {
        return web(port, "dev.web");
    }

    private static Plan web(int port, String label) throws IOException {
        DiscoveredJob job = running(label, 50, new DiscoveredJob.Port(port, 50, Optional.of(InetAddress.getByName("127.0.0.1")),
                "0.0.0.0"));
        ProposedProbe liveness = new ProposedProbe("http", "http://127.0.0.1:" + port + "/", Optional.empty(), Optional.empty(),
                OptionalInt.of(200), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                List.of("GET / -> 200 in 2 ms"));
        Proposal p = new Proposal(label, Optional.empty(), Optional.empty(), List.of(), Optional.of(liveness), Optional.empty(),
                List.of(), Optional.empty());
        return new Plan(job, Optional.of(p), Optional.empty(), List.of());
    }

    private static Plan idle() {
        return new Plan(running("dev.idle", 7), Optional.empty(), Optional.empty(), List.of());
    }

    private static DiscoveredJob running(String label, long pid, DiscoveredJob.Port... ports) {
        LaunchdJob job = Plists.parse(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>Label</key>"
                + "<string>" + label + "</string><key>ProgramArguments</key><array><string>/bin/sleep</string></array>"
                + "</dict></plist>").getBytes(StandardCharsets.UTF_8), label + ".plist");
        return new DiscoveredJob(label, Path.of("/p/" + label + ".plist"), Optional.of(job), Optional.empty(),
                new Seen.Running(pid, Optional.empty(), "test"), List.of(ports));
    }
}
