package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.launchguard.api.TokenFile;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.uptime.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The status page in a real headless Chromium, against a real launchguard ({@code java -jar
 * launchguard.jar run}) supervising python3 web servers on the embedded engine: a wedge (SIGSTOP),
 * a storm of crashes and a reset, a disabled job, a failing drift check and a TLS certificate
 * days from expiry, each seen as a user sees it, with scripts on (live updates) and off.
 */
class StatusPageBrowserIT {

    /** Days the uptime target's certificate is valid for: within the 14-day warning. */
    private static final int CERT_DAYS = 5;
    private static final String NO_PID = "–";

    @TempDir
    static Path dir;

    private static final String WEB = Fleet.label("web");
    private static final String STORMY = Fleet.label("stormy");
    private static final String IDLE = Fleet.label("idle");
    private static final int WEB_PORT = Fleet.freePort();
    private static final int SPARE_PORT = Fleet.freePort();

    private static Fleet fleet;
    private static LaunchguardJar launchguard;
    private static HttpsServer tls;
    private static Instant certExpiry;
    private static final List<ChromeDriver> DRIVERS = new ArrayList<>();
    /** The page in the browser most tests use: scripts on, not signed in. */
    private static StatusPageView page;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        tls = serveCertificate(new TestCertificates(Files.createDirectories(dir.resolve("certs"))));
        fleet = new Fleet(Files.createDirectories(dir.resolve("fleet")));
        fleet.add(webServer(WEB, WEB_PORT), liveness(WEB_PORT));
        int stormyPort = Fleet.freePort();
        fleet.add(webServer(STORMY, stormyPort), liveness(stormyPort)
                + "    storm: { maxRestarts: 3, window: 10m, backoff: 30m }\n");
        int idlePort = Fleet.freePort();
        fleet.add(webServer(IDLE, idlePort), liveness(idlePort));
        Path drift = Files.writeString(fleet.dir.resolve("drift.yaml"), """
                checks:
                  - name: web-port
                    port: %d
                    owner: %s
                  - name: spare-port
                    port: %d
                    owner: %s
                """.formatted(WEB_PORT, WEB, SPARE_PORT, WEB));
        // launchguard trusts the JDK's cacerts only, so the target is down (its handshake refused the
        // test root) and the certificate's expiry is read all the same (docs/watchers.md).
        Path uptime = Files.writeString(fleet.dir.resolve("uptime.yaml"), """
                targets:
                  - name: expiring-soon
                    url: https://127.0.0.1:%d/
                    timeout: 5s
                """.formatted(tls.getAddress().getPort()));
        // A one-second interval: the watchers' first runs come a second after the start.
        fleet.top("watchers:\n  drift: { file: " + drift + ", interval: 1s }\n  uptime: { file: " + uptime
                + ", interval: 1s }");
        launchguard = LaunchguardJar.start(fleet).awaitReady(WEB, STORMY, IDLE);
        page = new StatusPageView(driver("anonymous", true), launchguard.base());
    }

    @AfterAll
    static void stop() throws Exception {
        DRIVERS.forEach(WebDriver::quit);
        if (launchguard != null) {
            launchguard.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (tls != null) {
            tls.stop(0);
        }
    }

    /** The page's scripts and styles load from its own origin only, so the CSP never refuses anything. */
    @AfterEach
    void noContentSecurityPolicyViolations() {
        for (ChromeDriver driver : DRIVERS) {
            List<String> refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
            assertThat(refused).as("CSP violations in the browser console").isEmpty();
        }
    }

    @Test
    void aWedgedJobIsReplacedLiveWithItsNewPidAndTheEvidenceIsForTheSignedInOnly() throws Exception {
        page.open("/").until(d -> page.live());
        page.script("window.lgMarker = 42");
        String wedged = String.valueOf(launchguard.jobPid(WEB));
        page.until(d -> page.cell(WEB, "td.pid").equals(wedged));

        Fleet.signal(Long.parseLong(wedged), "STOP");

        page.until(d -> "READY".equals(page.state(WEB)) && !List.of(wedged, NO_PID).contains(page.cell(WEB, "td.pid")));
        assertThat(page.cell(WEB, "td.pid")).isEqualTo(String.valueOf(launchguard.jobPid(WEB)));
        assertThat(page.cell(WEB, "td.last-restart .why")).isEqualTo(RestartReason.WEDGE.tag());
        assertThat(page.script("return window.lgMarker")).as("the page updated in place, never navigated").isEqualTo(42L);
        assertThat(page.texts(".evidence")).as("evidence without the token").isEmpty();
        assertThat(page.attribute("[id='job-" + WEB + "'] td.last-restart a.signin", "href")).isEqualTo("/signin");

        String evidence = normalised(lastRestart(WEB).path("evidence").asText());
        assertThat(evidence).isNotBlank();
        StatusPageView signedIn = signedIn().open("/");
        assertThat(normalised(signedIn.cell(WEB, "td.last-restart .evidence"))).isEqualTo(evidence);
        assertThat(signedIn.texts("a.signin")).isEmpty();

        signedIn.open("/jobs/" + WEB);
        assertThat(signedIn.texts("h1")).containsExactly(WEB);
        assertThat(signedIn.texts("#restarts tr.restart")).singleElement().extracting(StatusPageBrowserIT::normalised)
                .asString().contains(RestartReason.WEDGE.tag(), "of pid " + wedged, evidence);
        page.open("/jobs/" + WEB);
        assertThat(page.texts("#restarts tr.restart")).singleElement().extracting(StatusPageBrowserIT::normalised)
                .asString().contains(RestartReason.WEDGE.tag(), "of pid " + wedged, "sign in").doesNotContain(evidence);
        assertThat(page.texts(".evidence")).isEmpty();
    }

    @Test
    void aStormReadsQuarantinedWithItsReasonAndNoPidUntilResetBringsItBackReady() throws Exception {
        page.open("/");
        for (int crash = 1; crash <= 3; crash++) {
            String pid = String.valueOf(launchguard.jobPid(STORMY));
            Fleet.signal(Long.parseLong(pid), "KILL");
            if (crash < 3) {
                page.until(d -> "READY".equals(page.state(STORMY))
                        && !List.of(pid, NO_PID).contains(page.cell(STORMY, "td.pid")));
            }
        }
        page.until(d -> "QUARANTINED".equals(page.state(STORMY)));
        assertThat(page.cell(STORMY, "td.state .reason")).contains("3 restarts within 600 s");
        assertThat(page.cell(STORMY, "td.pid")).isEqualTo(NO_PID);

        Run reset = cli("reset", STORMY, "--state-dir", launchguard.stateDir().toString());
        assertThat(reset.exit()).as(reset.out()).isZero();

        page.until(d -> "READY".equals(page.state(STORMY)));
        assertThat(page.cell(STORMY, "td.pid")).isEqualTo(String.valueOf(launchguard.jobPid(STORMY)));
        assertThat(page.cell(STORMY, "td.state")).doesNotContain("restarts within");
    }

    @Test
    void aDisabledJobReadsDisabledWithoutAPid() throws Exception {
        Run disable = cli("disable", IDLE, "--state-dir", launchguard.stateDir().toString());
        assertThat(disable.exit()).as(disable.out()).isZero();

        page.open("/").until(d -> "DISABLED".equals(page.state(IDLE)));
        assertThat(page.cell(IDLE, "td.state")).startsWith("DISABLED");
        assertThat(page.cell(IDLE, "td.pid")).isEqualTo(NO_PID);
    }

    @Test
    void aFailingDriftCheckAndACertificateDaysFromExpiryAreOnThePage() {
        String spare = "#drift li.check[data-check='spare-port']";
        String expiring = "#uptime tr.target[data-target='expiring-soon']";
        page.open("/").until(d -> !page.texts(spare).isEmpty() && !page.texts(expiring).isEmpty());
        assertThat(page.attribute(spare, "data-ok")).isEqualTo("false");
        assertThat(page.attribute("#drift li.check[data-check='web-port']", "data-ok")).isEqualTo("true");
        assertThat(page.attribute(expiring, "data-healthy")).isEqualTo("false");
        long daysLeft = Duration.between(Instant.now(), certExpiry).toDays();
        assertThat(page.texts(expiring + " td.tls-days")).containsExactly(String.valueOf(daysLeft));
    }

    @Test
    void withScriptsOffThePageShowsTheSameStateAndRefreshesItself() {
        StatusPageView scriptless = new StatusPageView(driver("scriptless", false), launchguard.base()).open("/");
        WebElement body = scriptless.read(d -> d.findElement(By.tagName("body")));
        assertThat(scriptless.live()).as("page.js ran").isFalse();
        page.open("/").until(d -> page.live());
        // Both views converge: the live one within a second, the scriptless one at its next refresh.
        scriptless.until(d -> scriptless.states().keySet().containsAll(List.of(WEB, STORMY, IDLE))
                && scriptless.states().equals(page.states()));
        assertThat(scriptless.texts("#drift li.check")).hasSize(2);
        assertThat(scriptless.texts("#uptime tr.target")).hasSize(1);
        scriptless.until(ExpectedConditions.stalenessOf(body)::apply);
    }

    /** The check after each test can fail: an inline script is refused, and the console says so. */
    @Test
    void theContentSecurityPolicyRefusesAnInlineScriptAndTheConsoleSaysSo() {
        ChromeDriver probe = Chromium.start(1280, 900, true, dir.resolve("chromium-csp"));
        try {
            StatusPageView view = new StatusPageView(probe, launchguard.base()).open("/");
            view.script("const s = document.createElement('script'); s.textContent = 'window.lgInline = 1';"
                    + " document.head.appendChild(s);");
            assertThat(view.script("return window.lgInline === undefined")).isEqualTo(true);
            view.until(d -> d.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .anyMatch(e -> e.getMessage().contains("Content Security Policy")));
        } finally {
            probe.quit();
        }
    }

    // --- the fleet

    private static LaunchdJob webServer(String label, int port) throws IOException {
        Path www = Files.createDirectories(fleet.dir.resolve("www-" + port));
        Files.writeString(www.resolve("index.html"), "ok");
        return LaunchdJob.of(label, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(2))
                .withStandardOutPath(fleet.logs.resolve(label + ".log"))
                .withStandardErrorPath(fleet.logs.resolve(label + ".log"));
    }

    /** Fast probes, as the CLI's live tests have them, so a wedge is judged in about a second. */
    private static String liveness(int port) {
        return "    liveness:\n      http: http://127.0.0.1:" + port + "/\n      interval: 200ms\n      timeout: 150ms\n"
                + "      failureThreshold: 2\n    recovery: { fastInterval: 25ms }\n";
    }

    /** A local HTTPS server whose certificate (signed by a test root) expires in {@link #CERT_DAYS} days. */
    private static HttpsServer serveCertificate(TestCertificates certs) throws Exception {
        Path store = certs.leaf("expiring", 0, CERT_DAYS);
        certExpiry = ((X509Certificate) TestCertificates.chain(store).get(0)).getNotAfter().toInstant();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(TestCertificates.load(store), TestCertificates.PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static JsonNode lastRestart(String label) {
        JsonNode restarts = launchguard.job(label).orElseThrow().path("restarts");
        return restarts.get(restarts.size() - 1);
    }

    private record Run(int exit, String out) {
    }

    /** The launchguard CLI as an operator runs it, in its own JVM. */
    private static Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Fleet.java(), "-jar", Fleet.launchguardJar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launchguard %s ended", args[0]).isTrue();
        return new Run(p.exitValue(), out);
    }

    // --- the browser

    private static ChromeDriver driver(String name, boolean javascript) {
        ChromeDriver driver = Chromium.start(1280, 900, javascript, dir.resolve("chromium-" + name));
        DRIVERS.add(driver);
        return driver;
    }

    /**
     * A browser signed in as the contract has it: Basic credentials whose password is the token, given
     * once in the URL of /signin (its 401 makes Chromium send them), then sent by Chromium with every
     * page of the origin. The pages are opened without credentials in their URL: with them, the
     * overview (which never challenges) came back without evidence here.
     */
    private static StatusPageView signedIn() {
        String token = URLEncoder.encode(TokenFile.read(launchguard.stateDir().resolve("token")), StandardCharsets.UTF_8);
        ChromeDriver driver = driver("signed-in", true);
        driver.get(launchguard.base().replace("://", "://launchguard:" + token + "@") + "/signin");
        return new StatusPageView(driver, launchguard.base());
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
