package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SnapshotTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void rendersAWedgedJvmsSnapshotWithThreadsGroupedByWaitChannel() throws Exception {
        JsonNode s = json("""
                {'id':'20261207T170541.296Z-8821','label':'com.example.model','pid':8821,'reason':'wedge',
                 'evidence':'no CPU progress across 3 liveness failures','at':'2026-12-07T17:05:41.296Z',
                 'budgetMs':500,'elapsedMs':333,'complete':true,'cut':[],'notes':[],
                 'process':{'state':'S','cpuSeconds':12.5,'rssBytes':209715200,'threadCount':4,
                   'command':'java -jar model.jar --api-key [REDACTED]','openFileCount':2,
                   'openFiles':['0 -> /dev/null','5 -> socket:[4242]'],'children':[]},
                 'threads':[{'tid':8821,'name':'java','state':'S','wchan':'futex_do_wait'},
                   {'tid':8830,'name':'worker-1','state':'S','wchan':'futex_do_wait'},
                   {'tid':8831,'name':'worker-2','state':'S','wchan':'futex_do_wait'},
                   {'tid':8840,'name':'http-1','state':'S','wchan':'ep_poll'}],
                 'threadDump':{'tool':'jcmd','status':'done','text':'Full thread dump\\nFound one Java-level deadlock:\\n'},
                 'logs':{'stdout':{'path':'/var/log/model.log','tail':'serving\\nfault: deadlock\\n'}}}
                """);

        String text = SnapshotText.render(s);

        assertThat(text).startsWith("Snapshot 20261207T170541.296Z-8821 of com.example.model pid 8821\n"
                + "  reason:   wedge — no CPU progress across 3 liveness failures\n"
                + "  at:       2026-12-07T17:05:41.296Z\n"
                + "  gathered: 333 ms of a 500 ms budget, complete\n");
        assertThat(text).contains("  state S, CPU 12.50 s, RSS 200.0 MiB, 4 threads\n")
                .contains("  open files: 2\n    0 -> /dev/null\n    5 -> socket:[4242]\n")
                .contains("Threads (4) by state and wait channel\n"
                        + "     3  S futex_do_wait                          java, worker-1, worker-2\n"
                        + "     1  S ep_poll                                http-1\n")
                .contains("Thread dump (jcmd, done)\n  Full thread dump\n  Found one Java-level deadlock:\n")
                .contains("Last lines of stdout (/var/log/model.log)\n  serving\n  fault: deadlock\n");
    }

    @Test
    void saysWhatWasCutAndLeavesOutWhatACrashLacks() throws Exception {
        JsonNode s = json("""
                {'id':'20261207T170600.000Z-77','label':'com.example.web','pid':77,'reason':'crash',
                 'evidence':'process 77 exited (signal 9)','at':'2026-12-07T17:06:00Z','budgetMs':500,'elapsedMs':501,
                 'complete':false,'cut':['py-spy cut at the 500 ms budget'],
                 'notes':['the process had exited: its log tails and exit status are kept, no threads'],
                 'logs':{}}
                """);

        String text = SnapshotText.render(s);

        assertThat(text).contains("  gathered: 501 ms of a 500 ms budget, incomplete: py-spy cut at the 500 ms budget\n")
                .contains("  note:     the process had exited")
                .doesNotContain("Threads").doesNotContain("Process\n").doesNotContain("Thread dump");
    }

    @Test
    void theJvmsDeadlockReportComesFirstAndTheDumpStaysWhole() throws Exception {
        String dump = String.join("\n",
                "\"worker-1\" #21 prio=5 os_prio=0 tid=0x1 nid=0x2 waiting for monitor entry",
                "   java.lang.Thread.State: BLOCKED (on object monitor)",
                "",
                "Found one Java-level deadlock:",
                "=============================",
                "\"worker-1\":",
                "  waiting to lock monitor 0x7f (object 0xe1, a java.lang.Object),",
                "  which is held by \"worker-2\"",
                "",
                "Found 1 deadlock.",
                "",
                "JNI global refs: 15, weak refs: 0");
        JsonNode snapshot = new ObjectMapper().readTree("{\"id\":\"x\",\"label\":\"com.example.model\",\"pid\":41,"
                + "\"threadDump\":{\"tool\":\"jcmd\",\"status\":\"done\",\"text\":"
                + new ObjectMapper().writeValueAsString(dump) + "}}");

        String text = SnapshotText.render(snapshot);

        assertThat(text).contains("\nDeadlock, as the JVM found it (the whole dump is below)\n  Found one Java-level deadlock:\n"
                + "  =============================\n  \"worker-1\":\n    waiting to lock monitor 0x7f (object 0xe1, a java.lang.Object),\n"
                + "    which is held by \"worker-2\"\n  \n  Found 1 deadlock.\n");
        assertThat(text.indexOf("Deadlock, as the JVM")).isLessThan(text.indexOf("Thread dump (jcmd"));
        assertThat(text).contains("JNI global refs: 15");
        assertThat(SnapshotText.deadlock("\"main\" #1 RUNNABLE\n")).isEmpty();
    }
}
