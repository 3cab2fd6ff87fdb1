package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The console in headless Chromium, one browser session for every step: create a table, add an
 * item, edit it (and see DynamoDB's conditional-write error), page through items, run a query, and
 * watch a stream record arrive. Each page is saved as a screenshot, to {@code target/console} or to
 * the directory the system property {@code dynakit.console.screenshots} names ({@code docs/console}
 * is made so). Skipped, saying why, where no Chromium and ChromeDriver are installed ({@code
 * CHROMIUM} and {@code CHROMEDRIVER} may name them; Debian's {@code chromium} and {@code
 * chromium-driver} packages put them in {@code /usr/bin}).
 */
class ConsoleBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path profile;

  private static DynakitServer server;
  private static DynamoDbClient ddb;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static Path screenshots;

  @BeforeAll
  static void start() throws IOException {
    if (Browsers.missing() != null) {
      // Each test is then reported as skipped, with the reason.
      return;
    }
    browser = Browsers.chromium(profile);
    wait = new WebDriverWait(browser, WAIT);
    String dir = System.getProperty("dynakit.console.screenshots");
    screenshots = dir == null ? Path.of("target", "console") : Path.of(dir);
    Files.createDirectories(screenshots);

    server = DynakitServer.builder().port(0).console(true).build().start();
    ddb =
        DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
            .build();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (ddb != null) {
      ddb.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static WebElement labelled(String label) {
    return wait.until(
        d -> {
          for (WebElement element :
              d.findElements(By.xpath("//label[normalize-space()=\"" + label + "\"]"))) {
            String id = element.getAttribute("for");
            if (id != null && !id.isEmpty()) {
              return d.findElement(By.id(id));
            }
          }
          return null;
        });
  }

  private static void heading(String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
  }

  private static void screenshot(String name) throws IOException {
    File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void keys(CharSequence... keys) {
    browser.switchTo().activeElement().sendKeys(keys[0]);
    for (int i = 1; i < keys.length; i++) {
      browser.switchTo().activeElement().sendKeys(keys[i]);
    }
  }

  private static void type(WebElement control, String text) {
    control.clear();
    control.sendKeys(text);
  }

  /** The form controls of the page that no label names (none should be). */
  @SuppressWarnings("unchecked")
  private static List<String> unlabelled() {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('main input, main select, main textarea')]"
                    + ".filter(c => c.labels.length === 0 && !c.getAttribute('aria-label'))"
                    + ".map(c => c.outerHTML);");
  }

  @Test
  void aTableIsMadeAnItemAddedAndEditedQueriedAndItsStreamWatched() throws IOException {
    Assumptions.assumeTrue(browser != null, Browsers.missing());
    browser.get(server.consoleUrl().toString());
    heading("Tables");
    assertThat(find("main p").getText()).isEqualTo("No tables yet.");

    // Focus moves to the page's heading; the form is filled and sent with the keyboard alone.
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Tables");
    keys(Keys.TAB);
    assertThat(browser.switchTo().activeElement()).isEqualTo(labelled("Table name"));
    keys("Music", Keys.TAB, "Artist", Keys.TAB, Keys.TAB, "SongTitle", Keys.TAB, Keys.TAB, "N");
    assertThat(new Select(labelled("Stream")).getFirstSelectedOption().getText())
        .isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(unlabelled()).isEmpty();
    keys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Create table");
    keys(Keys.ENTER);
    WebElement row = find("main table tbody tr");
    assertThat(row.getText())
        .contains("Music", "Artist (S, partition), SongTitle (S, sort)", "NEW_AND_OLD_IMAGES");
    assertThat(
            ddb.describeTable(b -> b.tableName("Music"))
                .table()
                .streamSpecification()
                .streamViewTypeAsString())
        .isEqualTo("NEW_AND_OLD_IMAGES");
    // Creating it again is refused in DynamoDB's words.
    type(labelled("Table name"), "Music");
    type(labelled("Partition key"), "Artist");
    find("form button[type=submit]").click();
    assertThat(find("#create-error").getText()).startsWith("ResourceInUseException: ");

    for (int i = 0; i < 30; i++) {
      String n = String.format("%02d", i);
      ddb.putItem(
          b ->
              b.tableName("Music")
                  .item(
                      Map.of(
                          "Artist", AttributeValue.fromS("Band " + (Integer.parseInt(n) % 3)),
                          "SongTitle", AttributeValue.fromS("Song " + n),
                          "Year",
                              AttributeValue.fromN(Integer.toString(1990 + Integer.parseInt(n))))));
    }
    browser.navigate().refresh();
    heading("Tables");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("main table tbody tr"), "30"));
    screenshot("tables");

    // Browse: one page of 25, then the next.
    find("a[aria-label='Browse Music']").click();
    heading("Items of Music");
    wait.until(ExpectedConditions.textToBe(By.id("items-status"), "Page 1: items 1 to 25 of 30"));
    assertThat(browser.findElements(By.cssSelector("#items tbody tr"))).hasSize(25);
    screenshot("items");
    find("#items ~ .actions button:nth-child(2)").click();
    wait.until(ExpectedConditions.textToBe(By.id("items-status"), "Page 2: items 26 to 30 of 30"));
    assertThat(browser.findElements(By.cssSelector("#items tbody tr"))).hasSize(5);

    // Add an item: the editor checks the JSON before it can be saved.
    browser.get(server.consoleUrl() + "#/new/Music");
    heading("New item of Music");
    WebElement text = labelled("Item (DynamoDB JSON)");
    type(text, "{\"Artist\": {\"S\": \"No One You Know\"}, ");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("item-json-status"), "Cannot save: not valid JSON"));
    assertThat(find("#save").isEnabled()).isFalse();
    type(
        text,
        "{\"Artist\": {\"S\": \"No One You Know\"}, \"SongTitle\": {\"S\": \"Call Me Today\"}, \"Plays\": {\"X\": \"1\"}}");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("item-json-status"), "attribute Plays must have exactly one type"));
    type(
        text,
        "{\"Artist\": {\"S\": \"No One You Know\"}, \"SongTitle\": {\"S\": \"Call Me Today\"}, \"Plays\": {\"N\": \"1\"}}");
    wait.until(ExpectedConditions.textToBe(By.id("item-json-status"), "Valid DynamoDB JSON."));
    assertThat(unlabelled()).isEmpty();
    find("#save").click();
    wait.until(
        ExpectedConditions.textToBe(
            By.id("item-saved"), "Saved item Artist=No One You Know, SongTitle=Call Me Today."));

    // Edit it: with a condition that fails, DynamoDB's error; without, it is saved.
    browser.get(server.consoleUrl() + "#/items/Music");
    heading("Items of Music");
    new Select(labelled("Items per page")).selectByValue("50");
    wait.until(ExpectedConditions.textToBe(By.id("items-status"), "Page 1: items 1 to 31 of 31"));
    find("a[aria-label='Edit item Artist=No One You Know, SongTitle=Call Me Today']").click();
    heading("Item of Music");
    text = labelled("Item (DynamoDB JSON)");
    assertThat(text.getAttribute("value")).contains("\"Plays\": {\n    \"N\": \"1\"");
    type(
        text,
        "{\"Artist\": {\"S\": \"No One You Know\"}, \"SongTitle\": {\"S\": \"Call Me Today\"}, \"Plays\": {\"N\": \"2\"}}");
    type(labelled("Condition expression"), "attribute_not_exists(Artist)");
    find("#save").click();
    assertThat(find("#item-error").getText())
        .isEqualTo("ConditionalCheckFailedException: The conditional request failed");
    screenshot("item");
    assertThat(plays()).isEqualTo("1");
    type(labelled("Condition expression"), "Plays = :p");
    type(labelled("Condition values (DynamoDB JSON)"), "{\":p\": {\"N\": \"1\"}}");
    find("#save").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("item-saved"), "Saved item"));
    assertThat(plays()).isEqualTo("2");

    // Query, and the dynakit command that does the same.
    browser.get(server.consoleUrl() + "#/query/Music");
    heading("Query or scan Music");
    type(labelled("Partition key Artist (S)"), "Band 1");
    new Select(labelled("Sort key SongTitle (S)")).selectByValue("begins_with");
    type(labelled("Sort key value"), "Song 1");
    type(labelled("Filter expression"), "#y >= :y");
    type(labelled("Expression attribute names (JSON)"), "{\"#y\": \"Year\"}");
    type(labelled("Expression attribute values (DynamoDB JSON)"), "{\":y\": {\"N\": \"2003\"}}");
    assertThat(unlabelled()).isEmpty();
    find("#run").click();
    // Band 1 has songs 01, 04, ..., 28; of those starting "Song 1", 10, 13, 16, 19; from 2003 on:
    // 13,
    // 16, 19.
    wait.until(ExpectedConditions.textToBe(By.id("result-count"), "3 items returned, 4 read."));
    assertThat(browser.findElements(By.cssSelector("#results tbody tr")))
        .extracting(WebElement::getText)
        .allMatch(t -> t.startsWith("Band 1 Song 1"));
    assertThat(find("#cli").getText())
        .startsWith(
            "dynakit query --endpoint " + server.endpoint() + " --args '{\"table\":\"Music\"")
        .contains("\"filter\":\"#y >= :y\"", "\"typed\":true");
    screenshot("query");

    // The stream tail shows a record written while it listens.
    browser.get(server.consoleUrl() + "#/stream/Music");
    heading("Stream of Music");
    wait.until(
        ExpectedConditions.textToBe(By.id("stream-status"), "Listening for new records of Music."));
    ddb.putItem(
        b ->
            b.tableName("Music")
                .item(
                    Map.of(
                        "Artist", AttributeValue.fromS("The Acme Band"),
                        "SongTitle", AttributeValue.fromS("Live Tail"))));
    WebElement record = find("#records li");
    assertThat(record.getText()).contains("INSERT", "Artist=The Acme Band, SongTitle=Live Tail");
    screenshot("stream");
    // From the oldest record kept: every change made to Music above, then the live one.
    new Select(find("#stream-from")).selectByValue("oldest");
    wait.until(
        ExpectedConditions.textMatches(
            By.id("stream-status"), java.util.regex.Pattern.compile("Reading every record.*")));
    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#records li"), 2));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#records li:first-child"), "SongTitle=Live Tail"));
    assertThat(find("#records li:last-child").getText()).contains("INSERT");

    // The metrics of the endpoint (the SDK's requests above) as charts.
    find("header a[data-nav=metrics]").click();
    heading("Metrics");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#metrics figure svg[role=img]")));
    assertThat(find("#metrics table").getText()).contains("PutItem", "DescribeTable");
    assertThat(find("header a[data-nav=metrics]").getAttribute("aria-current")).isEqualTo("page");
    if (System.getProperty("dynakit.console.screenshots") != null) {
      // A second reading, 2 s on, gives the requests-per-second line its first point.
      wait.until(
          ExpectedConditions.presenceOfElementLocated(By.cssSelector("#metrics svg path.line")));
    }
    screenshot("metrics");

    // Tables are deleted after a confirmation; a protected one is refused in DynamoDB's words.
    for (String name : new String[] {"Scratch", "Kept"}) {
      ddb.createTable(
          b ->
              b.tableName(name)
                  .billingMode("PAY_PER_REQUEST")
                  .deletionProtectionEnabled(name.equals("Kept"))
                  .attributeDefinitions(d -> d.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
    }
    find("header a[data-nav=tables]").click();
    heading("Tables");
    find("button[aria-label='Delete Scratch']").click();
    wait.until(ExpectedConditions.alertIsPresent()).dismiss();
    assertThat(ddb.listTables().tableNames()).contains("Scratch");
    find("button[aria-label='Delete Scratch']").click();
    assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
        .isEqualTo("Delete the table Scratch and its 0 items? This cannot be undone.");
    browser.switchTo().alert().accept();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector("button[aria-label='Delete Scratch']")));
    assertThat(ddb.listTables().tableNames()).doesNotContain("Scratch");
    find("button[aria-label='Delete Kept']").click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("tables-error"), "ValidationException: "));
    assertThat(ddb.listTables().tableNames()).contains("Kept", "Music");
  }

  private static String plays() {
    return ddb.getItem(
            b ->
                b.tableName("Music")
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "Artist", AttributeValue.fromS("No One You Know"),
                            "SongTitle", AttributeValue.fromS("Call Me Today"))))
        .item()
        .get("Plays")
        .n();
  }
}
