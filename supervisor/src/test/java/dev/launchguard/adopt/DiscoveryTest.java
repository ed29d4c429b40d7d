package dev.launchguard.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.launchctl.Fixtures;
import dev.launchguard.launchctl.ProcessRunner;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path folder;

    @Test
    void launchctlListTellsRunningLoadedAndNotLoadedFromTheRealSpaceAlignedTable() {
        List<List<String>> calls = new ArrayList<>();
        ProcessRunner runner = (argv, timeout) -> {
            calls.add(argv);
            return new ProcessRunner.Result(0, Fixtures.output("list-table-2019-grep-v-apple-spaces.txt"), "");
        };
        LaunchctlList list = new LaunchctlList(runner);

        assertThat(list.of(job("com.openssh.ssh-agent"))).isInstanceOfSatisfying(Seen.Running.class, r -> {
            assertThat(r.pid()).isEqualTo(780);
            assertThat(r.how()).isEqualTo("launchctl list");
        });
        assertThat(list.of(job("com.oracle.java.Java-Updater"))).isInstanceOfSatisfying(Seen.NotRunning.class,
                n -> assertThat(n.why()).contains("loaded, not running").contains("last exit status 0"));
        assertThat(list.of(job("com.example.web"))).isInstanceOfSatisfying(Seen.NotLoaded.class,
                n -> assertThat(n.why()).contains("no row").contains("bootstrap"));
        assertThat(calls).containsExactly(List.of("/bin/launchctl", "list"));
    }

    @Test
    void aRespawnedKeepAliveJobRunsWithItsNewPidThoughItsLastExitWasAFailure() {
        LaunchctlList list = new LaunchctlList((argv, timeout) -> new ProcessRunner.Result(0,
                Fixtures.output("list-table-2020-running-with-nonzero-last-status.txt"), ""));

        assertThat(list.of(job("homebrew.mxcl.spotifyd"))).isInstanceOfSatisfying(Seen.Running.class,
                r -> assertThat(r.pid()).isEqualTo(5150));
    }

    @Test
    void aLaunchctlThatFailsLeavesEveryJobUnknownNeverNotLoaded() {
        LaunchctlList list = new LaunchctlList((argv, timeout) -> new ProcessRunner.Result(5, "",
                Fixtures.output("error-could-not-find-domain-gui-sequoia-1-of-many.txt")));

        assertThat(list.of(job("com.example.web"))).isInstanceOfSatisfying(Seen.NotRunning.class,
                n -> assertThat(n.why()).startsWith("unknown: launchctl list exited 5"));
    }

    @Test
    void offMacOsTheTaggedRootOfARunIsTheJobAndAnUntaggedCopyIsAManualRun() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        List<JobProcess> table = List.of(
                new JobProcess(100, 1, t, Optional.of("dev.a"), Optional.of("i1"), Optional.of("/s/engine"), List.of("npm", "start"), false),
                new JobProcess(101, 100, t.plusSeconds(1), Optional.of("dev.a"), Optional.of("i1"), Optional.of("/s/engine"),
                        List.of("node", "server.js"), false),
                new JobProcess(200, 1, t, Optional.empty(), Optional.empty(), Optional.empty(), List.of("/usr/bin/python3", "b.py"), false));
        EngineProcesses presence = new EngineProcesses(table);

        assertThat(presence.of(job("dev.a"))).isInstanceOfSatisfying(Seen.Running.class, r -> {
            assertThat(r.pid()).isEqualTo(100);
            assertThat(r.how()).contains("LAUNCHGUARD_JOB=dev.a").contains("/s/engine");
        });
        assertThat(presence.of(job("dev.b", "/usr/bin/python3", "b.py"))).isInstanceOfSatisfying(Seen.Running.class, r -> {
            assertThat(r.pid()).isEqualTo(200);
            assertThat(r.how()).contains("without the job's tag");
        });
        assertThat(presence.of(job("dev.c", "/bin/true"))).isInstanceOf(Seen.NotRunning.class);
    }

    @Test
    void everyPlistOfTheFolderIsFoundByItsLabelAndABrokenOneIsNamedWithItsError() throws IOException {
        write("b.plist", "dev.b", "/bin/sleep", "60");
        write("dev.a.plist", "dev.a", "/bin/sleep", "60");
        Files.writeString(folder.resolve("dev.broken.plist"), "<plist><dict><key>Label</key>", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("notes.txt"), "not a plist", StandardCharsets.UTF_8);

        List<DiscoveredJob> jobs = Discovery.discover(folder, j -> new Seen.NotRunning("test"), List.of(), pid -> Set.of(pid));

        assertThat(jobs).extracting(DiscoveredJob::label).containsExactly("dev.a", "dev.b", "dev.broken");
        assertThat(jobs.get(1).plist().getFileName()).hasToString("b.plist");
        DiscoveredJob broken = jobs.get(2);
        assertThat(broken.job()).isEmpty();
        assertThat(broken.unreadable()).get().asString().contains("dev.broken.plist");
        assertThat(new Plan(broken, Optional.empty(), Optional.empty(), List.of()).leftOut()).get().asString()
                .startsWith("its plist does not load");
    }

    @Test
    void aMissingFolderIsRefusedByName() {
        Path missing = folder.resolve("nope");
        assertThatThrownBy(() -> Discovery.discover(missing, j -> new Seen.NotRunning("x"), List.of(), pid -> Set.of(pid)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("--plists");
    }

    @Test
    void portsAreTheTreesListenersEachAskedOnLoopbackAndALanOnlySocketIsNotAsked() throws IOException {
        InetAddress any4 = InetAddress.getByName("0.0.0.0");
        InetAddress any6 = InetAddress.getByName("::");
        InetAddress lan = InetAddress.getByName("192.168.1.5");
        InetAddress v6loop = InetAddress.getByName("::1");
        List<ProcessTable.Listener> listeners = List.of(
                new ProcessTable.Listener(any4, 8080, 101), new ProcessTable.Listener(any6, 8080, 101),
                new ProcessTable.Listener(lan, 9000, 100), new ProcessTable.Listener(v6loop, 7000, 100),
                new ProcessTable.Listener(any4, 5432, 999));

        List<DiscoveredJob.Port> ports = Discovery.ports(Set.of(100L, 101L), listeners);

        assertThat(ports).extracting(DiscoveredJob.Port::port).containsExactly(7000, 8080, 9000);
        assertThat(ports.get(0).ask()).contains(v6loop);
        assertThat(ports.get(1).ask()).get().extracting(InetAddress::getHostAddress).isEqualTo("127.0.0.1");
        assertThat(ports.get(2).ask()).isEmpty();
        assertThat(ports.get(2).bound()).isEqualTo("192.168.1.5");
    }

    @Test
    void theProcessTableShowsARealListeningSocketWithItsOwner() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<ProcessTable.Listener> mine = new ProcessTable().listening().stream()
                    .filter(l -> l.port() == server.getLocalPort()).toList();

            assertThat(mine).singleElement().satisfies(l -> {
                assertThat(l.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(l.address().isLoopbackAddress()).isTrue();
            });
            assertThat(Discovery.ports(Set.of(ProcessHandle.current().pid()), mine)).singleElement()
                    .satisfies(p -> assertThat(p.ask()).isPresent());
        }
    }

    private void write(String file, String label, String... argv) {
        Plists.write(job(label, argv), folder.resolve(file));
    }

    private static LaunchdJob job(String label, String... argv) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>"
                + "<key>Label</key><string>" + label + "</string><key>ProgramArguments</key><array>");
        for (String a : argv.length == 0 ? new String[] {"/bin/true"} : argv) {
            xml.append("<string>").append(a).append("</string>");
        }
        xml.append("</array><key>KeepAlive</key><true/></dict></plist>");
        return Plists.parse(xml.toString().getBytes(StandardCharsets.UTF_8), label + ".plist");
    }
}
