package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The stub's /docs page, opened in a real headless Chromium, shows the operation and needs no other host. */
class ApiDocsInBrowserTest {

    // Debian's packages, given by path so that Selenium Manager never tries to download a browser.
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MISSING_BROWSER =
            "%s is missing: install the Debian packages chromium and chromium-driver (.ci/run does)";

    // Held so that its level is not lost when the logger is collected: Selenium warns that it has
    // no DevTools (CDP) module for this Chromium version, which the test does not use.
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    @Test
    void showsTheOperationItsParametersAndTheExampleRequest(@TempDir Path profile) throws IOException {
        assertThat(CHROMIUM).as(MISSING_BROWSER, CHROMIUM).isExecutable();
        assertThat(CHROMEDRIVER).as(MISSING_BROWSER, CHROMEDRIVER).isExecutable();
        SELENIUM_LOG.setLevel(Level.SEVERE);

        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        // This machine has no way out; Chromium would keep trying its own services.
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        // Chrome's network log, to see every request the page makes, including blocked ones.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);

        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault())) {
            ChromeDriver browser = new ChromeDriver(driverService, options);
            try {
                String docs = stub.baseUri().resolve("docs").toString();
                browser.get(docs);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

                WebElement operation = wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.xpath("//h2[normalize-space()='Executing a Backup Policy']")));
                for (String parameter : List.of("project_id", "provider_id")) {
                    wait.until(ExpectedConditions.visibilityOfElementLocated(
                            By.xpath("//td//*[normalize-space()='" + parameter + "']")));
                }
                // The request sample panel shows the page's example request.
                wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.xpath("//*[contains(text(), '" + Contract.EXAMPLE_PLAN_ID + "')]")));

                // The page is live, not only prerendered: Redoc's script opens the sidebar's group.
                WebElement group = browser.findElement(By.cssSelector("li[role='menuitem'][aria-label='backup']"));
                group.findElement(By.tagName("label")).click();
                wait.until(ExpectedConditions.attributeToBe(group, "aria-expanded", "true"));

                assertThat(requestsLeavingTheStub(browser, docs, stub.baseUri().toString()))
                        .as("requests of the page to other hosts that its Content-Security-Policy let through")
                        .isEmpty();

                ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", operation);
                Path screenshot = Path.of(System.getProperty("csbs.docs.screenshot"));
                Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    /** The URLs the page asked for elsewhere than the stub and the browser did not block, from Chrome's network log. */
    private static Collection<String> requestsLeavingTheStub(ChromeDriver browser, String page, String stub) {
        Map<String, String> elsewhere = new LinkedHashMap<>();
        Set<String> blocked = new HashSet<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = Contract.parse(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            String requestId = params.path("requestId").asText();
            switch (message.path("method").asText()) {
                case "Network.requestWillBeSent" -> {
                    String url = params.path("request").path("url").asText();
                    boolean local = url.startsWith(stub) || url.startsWith("data:") || url.startsWith("blob:");
                    if (page.equals(params.path("documentURL").asText()) && !local) {
                        elsewhere.put(requestId, url);
                    }
                }
                case "Network.loadingFailed" -> {
                    if ("csp".equals(params.path("blockedReason").asText())) {
                        blocked.add(requestId);
                    }
                }
                default -> {
                }
            }
        }
        elsewhere.keySet().removeAll(blocked);
        return elsewhere.values();
    }
}
