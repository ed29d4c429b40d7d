package dev.launchguard.daemon;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page as a test reads it in one browser, by the ids and classes of its HTML contract.
 * The page replaces its {@code <main>} every second (or, without scripts, reloads every two), so an
 * element found a moment ago may be gone: every read starts again from the document when that
 * happens, and every wait is bounded.
 */
final class StatusPageView {

    /** Every wait for the page to show something: a recovery, a storm step or a watcher run is seconds here. */
    static final Duration WAIT = Duration.ofSeconds(60);
    /** A swap lasts milliseconds once a second, so a read rarely meets more than one. */
    private static final int READ_ATTEMPTS = 10;

    private final WebDriver driver;
    private final String base;

    StatusPageView(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Navigates to {@code path} on launchguard's API port. */
    StatusPageView open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Waits (bounded) until {@code condition} holds, reading the page afresh each time. */
    void until(Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                    .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError("the page never showed what the test waits for within " + WAIT + "; it reads:\n"
                    + read(d -> d.findElement(By.tagName("main")).getText()), e);
        }
    }

    /** {@code reading} of the current document, read again from the start if the page replaced it meanwhile. */
    <T> T read(Function<WebDriver, T> reading) {
        for (int attempt = 1;; attempt++) {
            try {
                return reading.apply(driver);
            } catch (StaleElementReferenceException e) {
                if (attempt == READ_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The {@code data-state} of {@code label}'s row. */
    String state(String label) {
        return read(d -> row(d, label).getDomAttribute("data-state"));
    }

    /** The text of the cell {@code css} in {@code label}'s row, e.g. {@code td.pid}. */
    String cell(String label, String css) {
        return read(d -> row(d, label).findElement(By.cssSelector(css)).getText().strip());
    }

    /** The attribute {@code name} of the first element matching {@code css}. */
    String attribute(String css, String name) {
        return read(d -> d.findElement(By.cssSelector(css)).getDomAttribute(name));
    }

    /** The text of every element matching {@code css}, in page order. */
    List<String> texts(String css) {
        return read(d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList());
    }

    /** Whether {@code /page.js} ran: it marks the body live. */
    boolean live() {
        return "on".equals(attribute("body", "data-live"));
    }

    /** Every job row's label and state, in page order. */
    Map<String, String> states() {
        return read(d -> {
            Map<String, String> states = new LinkedHashMap<>();
            for (WebElement row : d.findElements(By.cssSelector("#jobs tr[data-state]"))) {
                states.put(row.getDomAttribute("id").substring("job-".length()), row.getDomAttribute("data-state"));
            }
            return states;
        });
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    private static WebElement row(WebDriver driver, String label) {
        return driver.findElement(By.id("job-" + label));
    }
}
