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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real headless Chromium, against a real launchguard ({@code java -jar
 * launchguard.jar run}) supervising python3 web servers on the embedded engine: a wedge (SIGSTOP),
 * a storm of crashes and a reset, a disabled job, a failing drift check and a TLS certificate
 * days from expiry, each seen as a user sees it, with scripts on (live updates) and off.
 */
class StatusPageBrowserIT {

    /** Every wait in a browser: a recovery, a storm step or a watcher run is seconds here. */
    private static final Duration WAIT = Duration.ofSeconds(60);
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
    private static ChromeDriver browser;

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
        browser = driver("anonymous", true);
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
        browser.get(launchguard.base() + "/");
        until(browser, d -> "on".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
        JavascriptExecutor js = browser;
        js.executeScript("window.lgMarker = 42");
        long wedged = launchguard.jobPid(WEB);
        until(browser, d -> cell(d, WEB, "td.pid").equals(String.valueOf(wedged)));

        Fleet.signal(wedged, "STOP");

        until(browser, d -> "READY".equals(state(d, WEB)) && !cell(d, WEB, "td.pid").equals(String.valueOf(wedged))
                && !cell(d, WEB, "td.pid").equals(NO_PID));
        long respawned = launchguard.jobPid(WEB);
        assertThat(cell(browser, WEB, "td.pid")).isEqualTo(String.valueOf(respawned));
        assertThat(cell(browser, WEB, "td.last-restart .why")).isEqualTo(RestartReason.WEDGE.tag());
        assertThat(js.executeScript("return window.lgMarker")).as("the page updated in place, never navigated")
                .isEqualTo(42L);
        assertThat(browser.findElements(By.cssSelector(".evidence"))).as("evidence without the token").isEmpty();
        assertThat(row(browser, WEB).findElement(By.cssSelector("td.last-restart a.signin")).getDomAttribute("href"))
                .isEqualTo("/signin");

        String evidence = lastRestart().path("evidence").asText();
        assertThat(evidence).isNotBlank();
        ChromeDriver signedIn = signedIn();
        signedIn.get(launchguard.base() + "/");
        assertThat(normalised(row(signedIn, WEB).findElement(By.cssSelector("td.last-restart .evidence")).getText()))
                .isEqualTo(normalised(evidence));
        assertThat(signedIn.findElements(By.cssSelector("a.signin"))).isEmpty();

        signedIn.get(launchguard.base() + "/jobs/" + WEB);
        assertThat(signedIn.findElement(By.tagName("h1")).getText()).isEqualTo(WEB);
        List<WebElement> restarts = signedIn.findElements(By.cssSelector("#restarts tr.restart"));
        assertThat(restarts).hasSize(1);
        assertThat(restarts.get(0).getText()).contains(RestartReason.WEDGE.tag(), String.valueOf(wedged));
        assertThat(normalised(restarts.get(0).getText())).contains(normalised(evidence));

        browser.get(launchguard.base() + "/jobs/" + WEB);
        assertThat(browser.findElements(By.cssSelector("#restarts tr.restart"))).singleElement()
                .satisfies(r -> assertThat(r.getText()).contains(RestartReason.WEDGE.tag()).doesNotContain(evidence));
        assertThat(browser.findElements(By.cssSelector(".evidence"))).isEmpty();
    }

    @Test
    void aStormReadsQuarantinedWithItsReasonAndNoPidUntilResetBringsItBackReady() throws Exception {
        browser.get(launchguard.base() + "/");
        for (int crash = 1; crash <= 3; crash++) {
            long pid = launchguard.jobPid(STORMY);
            Fleet.signal(pid, "KILL");
            if (crash < 3) {
                until(browser, d -> "READY".equals(state(d, STORMY)) && !cell(d, STORMY, "td.pid").equals(String.valueOf(pid))
                        && !cell(d, STORMY, "td.pid").equals(NO_PID));
            }
        }
        until(browser, d -> "QUARANTINED".equals(state(d, STORMY)));
        assertThat(cell(browser, STORMY, "td.state .reason")).contains("3 restarts within 600 s");
        assertThat(cell(browser, STORMY, "td.pid")).isEqualTo(NO_PID);

        Run reset = cli("reset", STORMY, "--state-dir", launchguard.stateDir().toString());
        assertThat(reset.exit()).as(reset.out()).isZero();

        until(browser, d -> "READY".equals(state(d, STORMY)));
        assertThat(cell(browser, STORMY, "td.pid")).isEqualTo(String.valueOf(launchguard.jobPid(STORMY)));
        assertThat(cell(browser, STORMY, "td.state")).doesNotContain("restarts within");
    }

    @Test
    void aDisabledJobReadsDisabledWithoutAPid() throws Exception {
        Run disable = cli("disable", IDLE, "--state-dir", launchguard.stateDir().toString());
        assertThat(disable.exit()).as(disable.out()).isZero();

        browser.get(launchguard.base() + "/");
        until(browser, d -> "DISABLED".equals(state(d, IDLE)));
        assertThat(cell(browser, IDLE, "td.state")).startsWith("DISABLED");
        assertThat(cell(browser, IDLE, "td.pid")).isEqualTo(NO_PID);
    }

    @Test
    void aFailingDriftCheckAndACertificateDaysFromExpiryAreOnThePage() {
        browser.get(launchguard.base() + "/");
        until(browser, d -> !d.findElements(By.cssSelector("#drift li.check[data-check='spare-port']")).isEmpty()
                && !d.findElements(By.cssSelector("#uptime tr.target[data-target='expiring-soon']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#drift li.check[data-check='spare-port']")).getDomAttribute("data-ok"))
                .isEqualTo("false");
        assertThat(browser.findElement(By.cssSelector("#drift li.check[data-check='web-port']")).getDomAttribute("data-ok"))
                .isEqualTo("true");
        WebElement target = browser.findElement(By.cssSelector("#uptime tr.target[data-target='expiring-soon']"));
        assertThat(target.getDomAttribute("data-healthy")).isEqualTo("false");
        long daysLeft = Duration.between(Instant.now(), certExpiry).toDays();
        assertThat(target.findElement(By.cssSelector("td.tls-days")).getText()).isEqualTo(String.valueOf(daysLeft));
    }

    @Test
    void withScriptsOffThePageShowsTheSameStateAndRefreshesItself() {
        ChromeDriver scriptless = driver("scriptless", false);
        scriptless.get(launchguard.base() + "/");
        WebElement body = scriptless.findElement(By.tagName("body"));
        assertThat(body.getDomAttribute("data-live")).as("page.js never ran").isEqualTo("off");
        browser.get(launchguard.base() + "/");
        until(browser, d -> "on".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
        // Both views converge: the live one within a second, the scriptless one at its next refresh.
        until(scriptless, d -> states(d).keySet().containsAll(List.of(WEB, STORMY, IDLE))
                && states(d).equals(states(browser)));
        assertThat(scriptless.findElements(By.cssSelector("#drift li.check"))).hasSize(2);
        assertThat(scriptless.findElements(By.cssSelector("#uptime tr.target"))).hasSize(1);
        until(scriptless, ExpectedConditions.stalenessOf(body)::apply);
    }

    /** The check after each test can fail: an inline script is refused, and the console says so. */
    @Test
    void theContentSecurityPolicyRefusesAnInlineScriptAndTheConsoleSaysSo() {
        ChromeDriver probe = Chromium.start(1280, 900, true, dir.resolve("chromium-csp"));
        try {
            probe.get(launchguard.base() + "/");
            probe.executeScript("const s = document.createElement('script'); s.textContent = 'window.lgInline = 1';"
                    + " document.head.appendChild(s);");
            assertThat(probe.executeScript("return window.lgInline === undefined")).isEqualTo(true);
            until(probe, d -> d.manage().logs().get(LogType.BROWSER).getAll().stream()
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

    private JsonNode lastRestart() {
        JsonNode restarts = launchguard.job(WEB).orElseThrow().path("restarts");
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

    /** A browser signed in as the contract has it: Basic credentials whose password is the token. */
    private static ChromeDriver signedIn() {
        ChromeDriver driver = driver("signed-in", true);
        String token = TokenFile.read(launchguard.stateDir().resolve("token"));
        driver.get(launchguard.base().replace("://", "://launchguard:" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "@") + "/signin");
        return driver;
    }

    /** Waits (bounded) until {@code condition} holds, reading the page afresh each time. */
    private static void until(WebDriver driver, Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                    .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError("the page never showed what the test waits for within " + WAIT + "; it reads:\n"
                    + driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    private static WebElement row(WebDriver driver, String label) {
        return driver.findElement(By.id("job-" + label));
    }

    private static String state(WebDriver driver, String label) {
        return row(driver, label).getDomAttribute("data-state");
    }

    private static String cell(WebDriver driver, String label, String css) {
        return row(driver, label).findElement(By.cssSelector(css)).getText().strip();
    }

    /** Every job row's label and state, in page order. */
    private static Map<String, String> states(WebDriver driver) {
        Map<String, String> states = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#jobs tr[data-state]"))) {
            states.put(row.getDomAttribute("id").substring("job-".length()), row.getDomAttribute("data-state"));
        }
        return states;
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
