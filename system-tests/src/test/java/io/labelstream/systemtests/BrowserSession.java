package io.labelstream.systemtests;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A headless Chromium driven through chromedriver, both from the system's packages (Debian's
 * {@code chromium} and {@code chromium-driver}; CI installs them), with a fresh profile. The flags keep a
 * browser on a closed network from waiting on its own background downloads.
 */
final class BrowserSession implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver driver;
    final String consoleUrl;
    private final Path profile;

    BrowserSession(String consoleUrl) {
        this.consoleUrl = consoleUrl;
        try {
            profile = Files.createTempDirectory("labelstream-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String browser = executable("LABELSTREAM_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
        String chromedriver = executable("LABELSTREAM_CHROMEDRIVER", "chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1100", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Signs in by pasting a bearer token, as a user of a production console does. */
    void signIn(String token) {
        driver.get(consoleUrl + "/index.html");
        WebElement field = waitFor(By.id("token"));
        field.sendKeys(token);
        driver.findElement(By.id("token-sign-in")).click();
        waitFor(By.id("who"));
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitForText(By locator, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Saves what the browser shows, for a person to look at, under the module's target folder. */
    Path screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Path file = target.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable(String variable, String... names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .flatMap(dir -> Arrays.stream(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IllegalStateException("the browser tests need " + String.join(" or ", names)
                + " on the PATH (Debian: apt-get install chromium chromium-driver) or " + variable + " naming it"))
                .toString();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
