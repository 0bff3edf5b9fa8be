package org.leadtocash.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless Chromium driven through Debian's {@code chromium} and {@code chromium-driver} packages. Both binaries are
 * named explicitly, so Selenium Manager never tries to download a driver or a browser. One instance is one fresh
 * browser profile (no cookies, no session). Every step can be kept as {@code target/e2e-screenshots/<step>.png}.
 *
 * <p>Logging into the Camunda webapps goes through their real login form (session cookie + X-XSRF-TOKEN, as a user's
 * browser does). If the typed credentials do not stick, the usual cause is an HTTP Basic challenge
 * ({@code 401} + {@code WWW-Authenticate}) on a request the page made: a desktop browser shows a login popup, headless
 * Chromium silently drops all keyboard and mouse input. The failure message then names the request.
 */
final class Browser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Browser.class);
    /** Selenium warns that it has no CDP bindings for this Chromium version; these tests do not use CDP. */
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("e2e.wait-seconds", 60));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriver driver;
    /** requestId → "METHOD url" of the page's requests that got no response yet, for the diagnosis of a failed login */
    private final Map<String, String> unanswered = new LinkedHashMap<>();

    /** Whether this machine has the browser and its driver; browser test classes are disabled (skipped) without them. */
    static boolean installed() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            log.warn(SKIP_REASON + " ({} or {} is missing)", CHROMIUM, CHROMEDRIVER);
        }
        return installed;
    }

    static final String SKIP_REASON = "Browser tests skipped: no Chromium/ChromeDriver. Install the Debian packages "
            + "with 'apt-get install -y chromium chromium-driver' (or point -De2e.chromium=… -De2e.chromedriver=… "
            + "at another Chromium and its matching driver)";

    Browser(String baseUrl) {
        this(baseUrl, false);
    }

    /** A phone-sized browser: Chromium's mobile emulation at 390×844 CSS pixels (an iPhone 12-class screen), touch on. */
    static Browser phone(String baseUrl) {
        return new Browser(baseUrl, true);
    }

    private Browser(String baseUrl, boolean phone) {
        this.baseUrl = baseUrl;
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        try {
            this.profile = Files.createTempDirectory("e2e-chromium-profile-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=en-US", "--user-data-dir=" + profile);
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of(
                    "deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 3.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome Mobile Safari/537.36"));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteProfile();
            throw e;
        }
        this.driver = started;
        this.driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application, e.g. {@code /camunda/app/tasklist/}. */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** An explicit wait: polls every 100 ms, at most {@link #WAIT}, through elements replaced by a re-render. */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    <T> T until(String what, Function<? super WebDriver, T> condition) {
        WebDriverWait wait = waiting();
        wait.withMessage(what);
        return wait.until(condition);
    }

    WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return waiting().until(ExpectedConditions.elementToBeClickable(by));
    }

    /**
     * Clicks an element as soon as it takes the click: a modal that is still fading in or laying out lets another element
     * (its table cell, its backdrop) receive a click aimed at a control that is already "clickable".
     */
    void click(By by) {
        until("a click on " + by + " to reach it", d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            try {
                element.click();
                return true;
            } catch (ElementClickInterceptedException e) {
                return false;
            }
        });
    }

    /**
     * Ticks a checkbox and waits until it stays ticked: a list that is rendered again after its data arrives (Camunda
     * Admin's group dialog) can replace a checkbox that was just ticked with an unticked one, so it is ticked again.
     */
    void tick(By checkbox) {
        until(checkbox + " ticked", d -> {
            WebElement box = d.findElement(checkbox);
            if (box.isSelected()) {
                return true;
            }
            try {
                box.click();
            } catch (ElementNotInteractableException e) { // intercepted by an element still laying out, or not yet shown
                return false;
            }
            return box.isSelected();
        });
    }

    void gone(By by) {
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /** Waits until the visible text of the page contains the string. */
    void waitForText(String text) {
        until("the page to show '" + text + "'", d -> pageText().contains(text));
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The current value of an input or textarea (what the user sees in it). */
    static String value(WebElement field) {
        String v = field.getDomProperty("value");
        return v == null ? "" : v;
    }

    /**
     * Opens a Camunda webapp ({@code tasklist}, {@code cockpit}, {@code admin}) and logs in through its login form.
     * Returns once the app shows the logged-in user.
     */
    void loginTo(String app, String user, String password) {
        open("/camunda/app/" + app + "/");
        // the app first routes to "#/", then to "#/login"; type into the login view and check that every key arrived
        try {
            until("the " + app + " login form", d -> d.getCurrentUrl().contains("#/login"));
        } catch (TimeoutException e) {
            throw new AssertionError("The " + app + " login form did not come up at " + driver.getCurrentUrl() + ". "
                    + diagnoseDroppedInput() + " Console: " + driver.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
        By username = By.cssSelector("form[name=signinForm] input[ng-model=username]");
        By secret = By.cssSelector("form[name=signinForm] input[ng-model=password]");
        visible(username);
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(200))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> typed(d.findElement(username), user) & typed(d.findElement(secret), password));
        } catch (TimeoutException e) {
            throw new AssertionError("Could not type into the " + app + " login form. " + diagnoseDroppedInput(), e);
        }
        clickable(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        try {
            until(user + " to be logged into " + app, d -> !d.getCurrentUrl().contains("#/login")
                    && d.findElements(By.cssSelector("form[name=signinForm]")).isEmpty());
        } catch (TimeoutException e) {
            throw new AssertionError("Login of " + user + " into " + app + " did not finish; the page says: " + pageText(), e);
        }
    }

    /** Types the text into an empty or wrong field; true once the field shows exactly the text. */
    private static boolean typed(WebElement field, String text) {
        if (!text.equals(value(field))) {
            field.clear();
            field.sendKeys(text);
        }
        return text.equals(value(field));
    }

    /**
     * Names every request of this page that got no response and that the server answers with an HTTP Basic
     * challenge: the browser is waiting on a login popup for it.
     */
    String diagnoseDroppedInput() {
        readNetworkLog();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> challenges = new ArrayList<>();
        for (String request : unanswered.values()) {
            String url = request.substring(request.indexOf(' ') + 1);
            if (!request.startsWith("GET ") || !url.startsWith(baseUrl)) {
                continue;
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                response.headers().firstValue("WWW-Authenticate").ifPresent(challenge -> challenges.add(
                        "GET " + url.substring(baseUrl.length()) + " → " + response.statusCode() + " WWW-Authenticate: " + challenge));
            } catch (IOException e) {
                log.debug("could not re-request {}", url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (challenges.isEmpty()) {
            return "Keyboard input did not reach the page (requests without a response: " + unanswered.values() + ").";
        }
        return "The page is blocked by an HTTP Basic login popup: " + String.join("; ", challenges)
                + ". The webapps call this URL without credentials; a real user's browser would pop up a login dialog"
                + " and headless Chromium drops all input. The server must not answer it with 'WWW-Authenticate'"
                + " (e.g. a 401/404 without the header).";
    }

    private void readNetworkLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asText();
                JsonNode params = message.path("params");
                String id = params.path("requestId").asText();
                switch (method) {
                    case "Network.requestWillBeSent" -> {
                        String request = params.path("request").path("method").asText() + " "
                                + params.path("request").path("url").asText();
                        unanswered.put(id, request);
                    }
                    case "Network.responseReceived", "Network.loadingFailed", "Network.loadingFinished" -> unanswered.remove(id);
                    default -> {
                    }
                }
            } catch (IOException e) {
                log.debug("unreadable performance log entry {}", entry.getMessage(), e);
            }
        }
    }

    /** Saves {@code target/e2e-screenshots/<step>.png}. */
    Path screenshot(String step) {
        try {
            Path png = SCREENSHOTS.resolve(step + ".png");
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
            log.info("e2e screenshot {}", png.toAbsolutePath());
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot and the page's HTML after a failed step, for the test report. */
    void keepFailure(String test) {
        try {
            screenshot(test + "-FAILED");
            Files.writeString(SCREENSHOTS.resolve(test + "-FAILED.html"), driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            log.warn("could not keep the failed page of {}", test, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the browser profile {}", profile, e);
        }
    }
}
