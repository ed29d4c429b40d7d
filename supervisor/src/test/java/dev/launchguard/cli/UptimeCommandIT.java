package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launchguard watch uptime --once} and its exit codes, against a real local HTTP server. */
class UptimeCommandIT {

    @TempDir
    Path dir;

    @Test
    void exitsZeroWhenEveryEndpointAnswersAndOneWhenOneIsDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 503, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path good = Files.writeString(dir.resolve("good.yaml"), "targets:\n  - name: home\n    url: " + base + "/\n    body: ok\n");
            CliRun cli = new CliRun();
            assertThat(cli.run("watch", "uptime", "--once", "--file", good.toString())).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).startsWith("ok    home: 200 ").endsWith("1 healthy, 0 with problems\n");

            Path bad = Files.writeString(dir.resolve("bad.yaml"), "targets:\n  - name: api\n    url: " + base + "/api\n");
            CliRun down = new CliRun();
            assertThat(down.run("watch", "uptime", "--once", "--file", bad.toString())).isEqualTo(1);
            assertThat(down.out()).startsWith("DOWN  api: 503 ").contains("      " + base + "/api answered 503, expected 200\n");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBadUptimeFileExitsTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("uptime.yaml"), "targets:\n  - url: nowhere\n");
        CliRun cli = new CliRun();
        assertThat(cli.run("watch", "uptime", "--once", "--file", file.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("launchguard watch uptime: " + file
                + ": targets[0].url: 'nowhere' must be an http:// or https:// URL with a host\n");
    }
}
