package dev.switchboard.standalone;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) pointed at a
 * standalone's console. The driver is named outright, so Selenium Manager never tries to download
 * one (this machine reaches only package registries). Tests skip, saying why, where Chromium is
 * not installed; {@code .ci/run} installs it. Screenshots go to {@code target/screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("switchboard.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    /** Skips the calling test, with the reason, when no Chromium and ChromeDriver are installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver; .ci/run does so");
    }

    static ConsoleBrowser open(SharedStandalone shared) {
        return open(shared.port());
    }

    static ConsoleBrowser open(int gatewayPort) {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("console-chromium");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // the flags that keep Chromium off the (closed) network and working as root in a container
            options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                    "--user-data-dir=" + profile));
            return new ConsoleBrowser(new ChromeDriver(service, options), "http://127.0.0.1:" + gatewayPort, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in the way a person does: the login page, the pasted token, the button. */
    ConsoleBrowser login(String token) {
        go("/login");
        WebElement field = waitFor(By.name("token"));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
        return this;
    }

    ChromeDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    String url(String path) {
        return baseUrl + path;
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement waitForText(By by, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** A phone's width (375 px) or the desktop one (1280 px) for what follows. */
    void width(int pixels) {
        driver.manage().window().setSize(new Dimension(pixels, pixels < 800 ? 812 : 900));
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        File[] leftovers = profile.toFile().listFiles();
        if (leftovers != null) {
            SharedStandalone.delete(profile);
        }
    }
}
