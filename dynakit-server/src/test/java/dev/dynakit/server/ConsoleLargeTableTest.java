package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The console on a table of 100,000 items: the tables page and the first two item pages each read
 * one page (DescribeTable's exact ItemCount gives the total), so they show without reading the
 * table. Prints how long each took to show, for docs/console.md.
 */
@Tag("slow")
class ConsoleLargeTableTest {
  private static final int ITEMS = 100_000;

  @TempDir Path profile;

  @Test
  void pagesOfAHundredThousandItemTableShowWithoutReadingTheTable() {
    WebDriver browser = Browsers.chromium(profile);
    try (DynakitServer server = DynakitServer.builder().port(0).console(true).build().start()) {
      DynamoDbClient ddb = server.engine().client();
      ddb.createTable(
          b ->
              b.tableName("big")
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType("S"),
                      a -> a.attributeName("sk").attributeType("N"))
                  .keySchema(
                      k -> k.attributeName("pk").keyType("HASH"),
                      k -> k.attributeName("sk").keyType("RANGE")));
      List<WriteRequest> batch = new ArrayList<>();
      for (int i = 0; i < ITEMS; i++) {
        batch.add(
            WriteRequest.builder()
                .putRequest(
                    PutRequest.builder()
                        .item(
                            Map.of(
                                "pk", AttributeValue.fromS("user" + (i % 1000)),
                                "sk", AttributeValue.fromN(Integer.toString(i)),
                                "payload", AttributeValue.fromS("x".repeat(100))))
                        .build())
                .build());
        if (batch.size() == 25) {
          List<WriteRequest> sent = List.copyOf(batch);
          assertThat(
                  ddb.batchWriteItem(b -> b.requestItems(Map.of("big", sent))).unprocessedItems())
              .isEmpty();
          batch.clear();
        }
      }
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      long tables =
          shown(browser, wait, server.consoleUrl() + "#/", "main table tbody tr", "100,000");
      long items =
          shown(
              browser,
              wait,
              server.consoleUrl() + "#/items/big",
              "#items-status",
              "Page 1: items 1 to 25 of 100,000");
      long started = System.nanoTime();
      browser.findElement(By.cssSelector("#items ~ .actions button:nth-child(2)")).click();
      wait.until(
          ExpectedConditions.textToBe(By.id("items-status"), "Page 2: items 26 to 50 of 100,000"));
      long next = (System.nanoTime() - started) / 1_000_000;
      assertThat(browser.findElements(By.cssSelector("#items tbody tr"))).hasSize(25);
      System.out.printf(
          "console on %,d items: tables page %d ms, first item page %d ms, next page %d ms%n",
          ITEMS, tables, items, next);
    } finally {
      browser.quit();
    }
  }

  /** Milliseconds from opening {@code url} until {@code css} shows {@code text}. */
  private static long shown(
      WebDriver browser, WebDriverWait wait, String url, String css, String text) {
    long started = System.nanoTime();
    browser.get(url);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    return (System.nanoTime() - started) / 1_000_000;
  }
}
