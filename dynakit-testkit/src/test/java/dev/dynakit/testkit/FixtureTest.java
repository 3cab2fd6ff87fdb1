package dev.dynakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class FixtureTest {
  @Nested
  @DynakitTest(fixtures = {"fixtures/music.json", "/fixtures/two-tables.json"})
  class Loaded {
    @Test
    void tablesAndItemsComeFromTheFixtures(DynamoDbClient client) {
      assertThat(client.listTables().tableNames()).containsExactly("Music", "sessions", "users");
      Map<String, AttributeValue> song =
          client
              .getItem(
                  b ->
                      b.tableName("Music")
                          .key(
                              Map.of(
                                  "Artist", AttributeValue.fromS("Acme Band"),
                                  "SongTitle", AttributeValue.fromS("Happy Day"))))
              .item();
      assertThat(song.get("Tags").ss()).containsExactlyInAnyOrder("pop", "rock");
      assertThat(client.scan(b -> b.tableName("users")).count()).isEqualTo(1);
    }
  }

  @Test
  void aMissingFixtureIsNamed() {
    assertThat(failure(MissingFixture.class))
        .isEqualTo("fixture 'fixtures/nope.json' is not on the test class path");
  }

  @Test
  void badJsonIsPlacedByLineAndColumn() {
    assertThat(failure(BrokenFixture.class))
        .startsWith("fixture 'fixtures/broken.json': not valid JSON at line 2, column");
  }

  @Test
  void aFixtureWithoutATableSaysWhatItNeeds() {
    assertThat(failure(NoTableFixture.class))
        .startsWith("fixture 'fixtures/no-table.json': each table needs \"CreateTable\"");
  }

  @Test
  void anItemTheEngineRefusesIsNamedWithDynamoDbsMessage() {
    assertThat(failure(WrongItemFixture.class))
        .startsWith("fixture 'fixtures/wrong-item.json': PutItem failed: ValidationException: ")
        .endsWith("(Items[1] of table 'users')");
  }

  @Test
  void aWrongTableAnnotationIsNamed() {
    assertThat(failure(WrongTable.class))
        .isEqualTo(
            "@DynakitTable(name = \"things\"): pk = \"id:X\": expected NAME:TYPE with TYPE S, N or"
                + " B, such as id:S");
    assertThat(failure(WrongIndex.class))
        .isEqualTo(
            "@DynakitTable(name = \"things\"): gsi = \"ByX\": expected INDEX=PK:TYPE[,SK:TYPE]");
    assertThat(failure(ClashingTypes.class))
        .isEqualTo(
            "@DynakitTable(name = \"things\"): gsi = \"id:N\": 'id' is already declared with type S");
  }

  private static String failure(Class<?> testClass) {
    Events events =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(RunByEngineTestKitOnly.PARAMETER, "true")
            .selectors(selectClass(testClass))
            .execute()
            .testEvents();
    assertThat(events.failed().count()).isEqualTo(1);
    return events.failed().stream()
        .findFirst()
        .orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .orElseThrow()
        .getThrowable()
        .orElseThrow()
        .getMessage();
  }

  @ExtendWith(RunByEngineTestKitOnly.class)
  @DynakitTest(fixtures = "fixtures/nope.json")
  static class MissingFixture {
    @Test
    void test() {}
  }

  @ExtendWith(RunByEngineTestKitOnly.class)
  @DynakitTest(fixtures = "fixtures/broken.json")
  static class BrokenFixture {
    @Test
    void test() {}
  }

  @ExtendWith(RunByEngineTestKitOnly.class)
  @DynakitTest(fixtures = "fixtures/no-table.json")
  static class NoTableFixture {
    @Test
    void test() {}
  }

  @ExtendWith(RunByEngineTestKitOnly.class)
  @DynakitTest(fixtures = "fixtures/wrong-item.json")
  static class WrongItemFixture {
    @Test
    void test() {}
  }

  @ExtendWith(RunByEngineTestKitOnly.class)
  @DynakitTest
  @DynakitTable(name = "things", pk = "id:X")
  static class WrongTable {
    @Test
    void test() {}
  }

  @ExtendWith(RunByEngineTestKitOnly.class)
  @DynakitTest
  @DynakitTable(name = "things", pk = "id:S", gsi = "ByX")
  static class WrongIndex {
    @Test
    void test() {}
  }

  @ExtendWith(RunByEngineTestKitOnly.class)
  @DynakitTest
  @DynakitTable(name = "things", pk = "id:S", gsi = "ById=id:N")
  static class ClashingTypes {
    @Test
    void test() {}
  }
}
