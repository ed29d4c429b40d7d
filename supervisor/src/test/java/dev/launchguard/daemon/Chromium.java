package dev.launchguard.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium in headless mode, driven through Selenium by the status page's browser tests.
 * Only the installed {@code chromium} and {@code chromedriver} are used: the driver's path is given
 * to Selenium, so Selenium Manager never runs and nothing is downloaded. The browser reaches
 * 127.0.0.1 only (every other host name fails to resolve, no proxy) and none of its own services
 * (sync, component and safe-browsing updates, metrics upload) start.
 */
final class Chromium {

    /** Where Debian's packages put them; another machine passes these system properties. */
    static final Path BROWSER = Path.of(System.getProperty("launchguard.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    /** Chrome's content setting value that blocks a feature (here JavaScript) for every site. */
    private static final int BLOCK = 2;

    /** Chromium's own network traffic, off: a test browser talks to the launchguard under test only. */
    private static final List<String> QUIET = List.of(
            "--headless=new",
            // /dev/shm is small in containers; Chromium then writes its shared memory to /tmp.
            "--disable-dev-shm-usage",
            "--no-proxy-server",
            // Anything but loopback fails to resolve, so a stray request cannot leave the machine.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-breakpad",
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,"
                    + "CertificateTransparencyComponentUpdater",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pings",
            // Metrics are recorded in memory and never uploaded.
            "--metrics-recording-only",
            "--password-store=basic",
            "--use-mock-keychain");

    private Chromium() {
    }

    /**
     * Skips the calling test, naming what is missing, where Debian's {@code chromium} or
     * {@code chromium-driver} is not installed.
     */
    static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(BROWSER)) {
            missing.add(BROWSER + " (Debian package 'chromium')");
        }
        if (!Files.isExecutable(DRIVER)) {
            missing.add(DRIVER + " (Debian package 'chromium-driver')");
        }
        Assumptions.assumeTrue(missing.isEmpty(), "Chromium is not installed: missing " + String.join(" and ", missing)
                + "; apt-get install chromium chromium-driver (.ci/run installs them): skipping the test in a real browser");
    }

    /**
     * A headless Chromium with a {@code width} × {@code height} window, its profile in
     * {@code profile} and its console kept for {@link LogType#BROWSER}; with {@code javascript}
     * false every script is blocked, as a user who turned them off has it.
     */
    static ChromeDriver start(int width, int height, boolean javascript, Path profile) {
        assumeInstalled();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        options.addArguments(QUIET);
        options.addArguments("--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to run as root with its sandbox (CI runs as root in a container).
            options.addArguments("--no-sandbox");
        }
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", BLOCK));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }
}
