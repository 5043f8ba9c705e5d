package io.pushtrain.server.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pushtrain.testsupport.ExternalPrograms;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system Chromium driven by the system chromedriver, headless, with a fresh profile; keeps
 * the screenshots it takes until the test says they may be written.
 */
final class Browser implements AutoCloseable {

    private final WebDriver driver;
    private final String base;
    private final Path profile;
    private final Map<String, byte[]> screenshots = new LinkedHashMap<>();

    private Browser(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** Skips the test (fails it in CI) when Chromium or its driver is not installed. */
    static Browser open(String base) throws IOException {
        Path chromium = ExternalPrograms.require("chromium", "chromium");
        Path chromedriver = ExternalPrograms.require("chromedriver", "chromium-driver");
        Path profile = Files.createTempDirectory("dashboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, base, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base + path);
    }

    void logIn(String name, String password) {
        go("/login");
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        await().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    void logOut() {
        driver.findElement(By.cssSelector("header form[action$='/logout'] button")).click();
        await().until(d -> d.getCurrentUrl().contains("/login"));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Clicks, then answers the page's "are you sure?" with yes. */
    void clickAndConfirm(String css) {
        find(css).click();
        await().until(ExpectedConditions.alertIsPresent()).accept();
    }

    WebDriverWait await() {
        // Server-sent events swap the fragments under the wait: a vanished element just means "look again".
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class, NoSuchElementException.class);
        return wait;
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** A picture of the whole page, kept in memory until {@link #saveScreenshots}. */
    /**
     * Posts the form a hidden button would have sent, with the page's valid CSRF token: what a
     * person without the role could forge, so the test sees the server refuse it.
     */
    void forgePost(String action) {
        script("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                form.appendChild(document.querySelector('header form input[name=_csrf]').cloneNode());
                document.body.appendChild(form);
                form.submit();
                """, action);
    }

    void screenshot(String name) {
        long width = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        long height = Math.min(((Number) script("return document.documentElement.scrollHeight")).longValue(), 4000);
        Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        screenshots.put(name, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** Writes the screenshots into the repository's docs/images, where docs/dashboard.md shows them. */
    void saveScreenshots() {
        Path images = docsImages();
        try {
            Files.createDirectories(images);
            for (Map.Entry<String, byte[]> shot : screenshots.entrySet()) {
                Files.write(images.resolve(shot.getKey()), shot.getValue());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path docsImages() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("").toAbsolutePath() : dir).resolve("docs/images");
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
