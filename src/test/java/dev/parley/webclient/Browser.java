package dev.parley.webclient;

import dev.parley.testing.ServerOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium, driven through the system's chromedriver, with a profile of its own: two
 * {@code Browser}s are two people on two machines (separate storage, separate sockets). Selenium is
 * given both binaries, so it never looks for, or downloads, a driver or a browser.
 * <p>
 * {@link #close()} quits the browser and stops the driver; any Chromium process that outlived
 * them (found by its own profile directory among this JVM's descendants) is then ended by its PID.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));

    private static final Duration PROCESS_EXIT = Duration.ofSeconds(10);

    private final String name;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(String name, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.name = name;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser; {@code name} labels its driver log in {@code it.logDir}. */
    static Browser start(String name) {
        Path profile;
        Path driverLog;
        try {
            profile = Files.createTempDirectory("parley-chromium-");
            driverLog = Files.createDirectories(ServerOptions.logDir()).resolve("chromedriver-" + name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a browser profile", e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--password-store=basic",
                "--window-size=1280,800", "--lang=en-US", "--user-data-dir=" + profile);
        // An alert the page should never show must stay open for the test to find, not be dismissed.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            endLeftovers(profile);
            deleteQuietly(profile);
            throw e;
        }
        return new Browser(name, profile, service, driver);
    }

    String name() {
        return name;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The console messages at level WARNING and above since the last call. */
    List<LogEntry> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            endLeftovers(profile);
            deleteQuietly(profile);
        }
    }

    /** Chromium processes started for this profile that are still running: ended by their PIDs. */
    private static void endLeftovers(Path profile) {
        String marker = "--user-data-dir=" + profile;
        List<ProcessHandle> leftovers = ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().stream().flatMap(Stream::of).anyMatch(marker::equals))
                .toList();
        leftovers.forEach(ProcessHandle::destroyForcibly);
        leftovers.forEach(process -> process.onExit()
                .orTimeout(PROCESS_EXIT.toSeconds(), TimeUnit.SECONDS)
                .exceptionally(stillRunning -> process)
                .join());
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // A temp profile left behind is harmless; the test's result must not depend on it.
        }
    }
}
