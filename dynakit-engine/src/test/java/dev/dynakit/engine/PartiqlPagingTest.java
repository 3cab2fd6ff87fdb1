package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * A SELECT read page by page with NextToken, on the engine and on DynamoDB Local: the pages of a
 * query, of a scan and of an IN list over several partitions add up to the whole answer, in the
 * same order on both. Also what the engine answers as DynamoDB does where DynamoDB Local does not
 * (consumed capacity), and the stream records PartiQL writes append.
 */
class PartiqlPagingTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();

  @BeforeAll
  static void fill() {
    for (DynamoDbClient ddb : List.of(LOCAL.dynamoDbClient(), ENGINE.client())) {
      PartiqlTest.createTables(ddb);
      for (String pk : List.of("a", "b", "c", "d")) {
        for (int sk = 0; sk < 23; sk++) {
          String statement =
              "INSERT INTO tbl VALUE {'pk': '" + pk + "', 'sk': " + sk + ", 'n': " + sk % 5 + "}";
          ddb.executeStatement(r -> r.statement(statement));
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
  }

  /** Every page of a statement read with that limit, joined. */
  private static List<Map<String, AttributeValue>> allPages(
      DynamoDbClient ddb, String statement, Integer limit) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ExecuteStatementResponse page =
          ddb.executeStatement(r -> r.statement(statement).limit(limit).nextToken(next));
      items.addAll(page.items());
      token = page.nextToken();
      pages++;
    } while (token != null && pages < 1000);
    return items;
  }

  private static void pagesAddUp(String statement, int limit) {
    List<Map<String, AttributeValue>> whole = allPages(ENGINE.client(), statement, null);
    List<Map<String, AttributeValue>> paged = allPages(ENGINE.client(), statement, limit);
    assertThat(whole).isNotEmpty();
    assertThat(paged).isEqualTo(whole);
    assertThat(paged).isEqualTo(allPages(LOCAL.dynamoDbClient(), statement, limit));
  }

  @Test
  void aQueryReadPageByPageIsTheWholeQuery() {
    pagesAddUp("SELECT * FROM tbl WHERE pk = 'b' AND n = 3", 4);
  }

  @Test
  void aQueryInDescendingOrderIsReadFromTheEndPageByPage() {
    String statement = "SELECT pk, sk FROM tbl WHERE pk = 'c' ORDER BY sk DESC";
    List<Map<String, AttributeValue>> whole = allPages(ENGINE.client(), statement, null);
    assertThat(whole.get(0).get("sk").n()).isEqualTo("22");
    assertThat(whole).isEqualTo(allPages(LOCAL.dynamoDbClient(), statement, null));
    assertThat(allPages(ENGINE.client(), statement, 5)).isEqualTo(whole);
    // DynamoDB Local reads each page in ascending order and reverses it (docs/compatibility.md)
    List<Map<String, AttributeValue>> local = allPages(LOCAL.dynamoDbClient(), statement, 5);
    assertThat(local.get(0).get("sk").n()).isEqualTo("4");
    assertThat(local).containsExactlyInAnyOrderElementsOf(whole);
  }

  @Test
  void aScanReadPageByPageIsTheWholeScan() {
    pagesAddUp("SELECT * FROM tbl WHERE n = 2", 9);
    pagesAddUp("SELECT sk FROM tbl", 17);
  }

  @Test
  void anInListIsReadPartitionByPartitionAcrossPages() {
    pagesAddUp("SELECT pk, sk FROM tbl WHERE pk IN ['d', 'a', 'c']", 10);
    pagesAddUp("SELECT pk, sk FROM tbl WHERE pk IN ['d', 'a'] AND sk > 20", 2);
    assertThat(allPages(ENGINE.client(), "SELECT pk FROM tbl WHERE pk IN ['d', 'a']", 23))
        .hasSize(46);
  }

  @Test
  void aTokenIsForTheStatementThatGaveIt() {
    String token =
        ENGINE
            .client()
            .executeStatement(r -> r.statement("SELECT * FROM tbl WHERE pk = 'a'").limit(2))
            .nextToken();
    assertThat(token).isNotNull();
    for (DynamoDbClient ddb : List.of(ENGINE.client(), LOCAL.dynamoDbClient())) {
      assertThatThrownBy(
              () -> ddb.executeStatement(r -> r.statement("SELECT * FROM tbl").nextToken("abc")))
          .isInstanceOf(DynamoDbException.class)
          .hasMessageStartingWith("Invalid NextToken");
    }
    assertThatThrownBy(
            () ->
                ENGINE
                    .client()
                    .executeStatement(
                        r -> r.statement("SELECT * FROM tbl WHERE pk = 'b'").nextToken(token)))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Invalid NextToken");
  }

  @Test
  void consumedCapacityIsAnsweredAsDynamoDbAnswersIt() {
    String byKey = "SELECT * FROM tbl WHERE pk = 'a' AND sk = 1";
    ExecuteStatementResponse engine =
        ENGINE
            .client()
            .executeStatement(
                r -> r.statement(byKey).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(engine.consumedCapacity().tableName()).isEqualTo("tbl");
    assertThat(engine.consumedCapacity().capacityUnits()).isEqualTo(0.5);
    // DynamoDB Local answers none (docs/compatibility.md)
    assertThat(
            LOCAL
                .dynamoDbClient()
                .executeStatement(
                    r -> r.statement(byKey).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity())
        .isNull();
    ExecuteStatementResponse write =
        ENGINE
            .client()
            .executeStatement(
                r ->
                    r.statement("UPDATE tbl SET n = 2 WHERE pk = 'a' AND sk = 2")
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(write.consumedCapacity().capacityUnits()).isEqualTo(1.0);
  }

  @Test
  void partiqlWritesAppendTheStreamRecordsOfTheWritesTheyAre() {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient ddb = engine.client();
      String table = StreamsTest.table(ddb, StreamViewType.NEW_AND_OLD_IMAGES);
      ddb.executeStatement(
          r -> r.statement("INSERT INTO " + table + " VALUE {'pk': 'k', 'sk': 1, 'v': 'a'}"));
      ddb.executeStatement(
          r -> r.statement("UPDATE " + table + " SET v = 'b' WHERE pk = 'k' AND sk = 1"));
      ddb.executeTransaction(
          r ->
              r.transactStatements(
                  s -> s.statement("DELETE FROM " + table + " WHERE pk = 'k' AND sk = 1"),
                  s -> s.statement("INSERT INTO " + table + " VALUE {'pk': 'k', 'sk': 2}")));
      List<Record> records =
          StreamDurabilityTest.all(engine.streamsClient(), StreamsTest.streamArn(ddb, table));
      assertThat(records)
          .extracting(Record::eventName)
          .containsExactly(
              OperationType.INSERT,
              OperationType.MODIFY,
              OperationType.REMOVE,
              OperationType.INSERT);
      assertThat(records.get(1).dynamodb().oldImage().get("v").s()).isEqualTo("a");
      assertThat(records.get(1).dynamodb().newImage().get("v").s()).isEqualTo("b");
    }
  }
}
