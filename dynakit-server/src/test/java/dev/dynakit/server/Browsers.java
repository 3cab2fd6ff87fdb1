package dev.dynakit.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the console's browser tests, driven by the system's ChromeDriver (Debian's
 * {@code chromium} and {@code chromium-driver} packages put both in {@code /usr/bin}; {@code
 * CHROMIUM} and {@code CHROMEDRIVER} may name others). Where neither is found, the test is skipped
 * (a JUnit assumption) saying so.
 */
final class Browsers {
  private Browsers() {}

  private static Path executable(String variable, String fallback) {
    String given = System.getenv(variable);
    Path path = Path.of(given == null || given.isBlank() ? fallback : given);
    return Files.isExecutable(path) ? path : null;
  }

  /** Why no browser can be started here, or {@code null} if Chromium and ChromeDriver are found. */
  static String missing() {
    if (executable("CHROMIUM", "/usr/bin/chromium") != null
        && executable("CHROMEDRIVER", "/usr/bin/chromedriver") != null) {
      return null;
    }
    return "the console's browser tests need Chromium and ChromeDriver (apt-get install chromium"
        + " chromium-driver, or set CHROMIUM and CHROMEDRIVER); none found, so they are skipped";
  }

  /** A new headless Chromium with its own empty profile under {@code profile}. */
  static WebDriver chromium(Path profile) {
    String missing = missing();
    if (missing != null) {
      System.err.println(missing);
    }
    Assumptions.assumeTrue(missing == null, missing);
    Path chromium = executable("CHROMIUM", "/usr/bin/chromium");
    Path driver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // Without the background-networking flags Chromium keeps calling Google's hosts.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile.resolve("chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
    return new ChromeDriver(service, options);
  }
}
