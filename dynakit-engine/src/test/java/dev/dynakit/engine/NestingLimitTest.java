package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB's limit of 32 nesting levels of lists and maps in an item: 31 wrappers around a scalar
 * are stored, 32 are refused with DynamoDB's ValidationException, by every way an item is written,
 * on the engine as on DynamoDB Local (an UpdateItem's message leaves out the part about the item).
 */
class NestingLimitTest {
  private static final String MESSAGE =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels"
          + " beyond supported limit";
  private static AmazonDynamoDBLocal local;
  private static DynakitEngine engine;

  @BeforeAll
  static void start() {
    local = DynamoDBEmbedded.create(true);
    engine = DynakitEngine.inMemory();
    for (DynamoDbClient ddb : List.of(local.dynamoDbClient(), engine.client())) {
      ddb.createTable(
          b ->
              b.tableName("deep")
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH"))
                  .billingMode("PAY_PER_REQUEST"));
    }
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
    engine.close();
  }

  /** A scalar wrapped in {@code wrappers} lists and maps, alternating. */
  private static AttributeValue nested(int wrappers) {
    AttributeValue value = AttributeValue.fromS("leaf");
    for (int i = 0; i < wrappers; i++) {
      value =
          i % 2 == 0
              ? AttributeValue.fromM(Map.of("m", value))
              : AttributeValue.fromL(List.of(value));
    }
    return value;
  }

  private static Map<String, AttributeValue> item(String id, int wrappers) {
    return Map.of("id", AttributeValue.fromS(id), "doc", nested(wrappers));
  }

  private static List<Consumer<DynamoDbClient>> writes(int wrappers) {
    return List.of(
        ddb -> ddb.putItem(b -> b.tableName("deep").item(item("put", wrappers))),
        ddb ->
            ddb.updateItem(
                b ->
                    b.tableName("deep")
                        .key(Map.of("id", AttributeValue.fromS("update")))
                        .updateExpression("SET doc = :v")
                        .expressionAttributeValues(Map.of(":v", nested(wrappers)))),
        ddb ->
            ddb.batchWriteItem(
                b ->
                    b.requestItems(
                        Map.of(
                            "deep",
                            List.of(
                                software.amazon.awssdk.services.dynamodb.model.WriteRequest
                                    .builder()
                                    .putRequest(p -> p.item(item("batch", wrappers)))
                                    .build())))),
        ddb ->
            ddb.transactWriteItems(
                b ->
                    b.transactItems(
                        t -> t.put(p -> p.tableName("deep").item(item("transact", wrappers))))));
  }

  @Test
  void thirtyOneWrappersAreStoredByEveryWrite() {
    for (DynamoDbClient ddb : List.of(local.dynamoDbClient(), engine.client())) {
      for (Consumer<DynamoDbClient> write : writes(31)) {
        write.accept(ddb);
      }
      for (String id : List.of("put", "update", "batch", "transact")) {
        assertThat(
                ddb.getItem(b -> b.tableName("deep").key(Map.of("id", AttributeValue.fromS(id))))
                    .item()
                    .get("doc"))
            .as(id)
            .isEqualTo(nested(31));
      }
    }
  }

  @Test
  void thirtyTwoWrappersAreRefusedByEveryWriteAsDynamoDbLocalRefusesThem() {
    List<Consumer<DynamoDbClient>> writes = writes(32);
    for (int i = 0; i < writes.size(); i++) {
      Consumer<DynamoDbClient> write = writes.get(i);
      DynamoDbException reference = refusal(write, local.dynamoDbClient());
      DynamoDbException refused = refusal(write, engine.client());
      assertThat(refused.awsErrorDetails().errorCode())
          .as("write %d", i)
          .isEqualTo("ValidationException")
          .isEqualTo(reference.awsErrorDetails().errorCode());
      assertThat(refused.awsErrorDetails().errorMessage())
          .as("write %d", i)
          .startsWith("Nesting Levels have exceeded supported limits")
          .isEqualTo(reference.awsErrorDetails().errorMessage());
      if (i != 1) {
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(MESSAGE);
      }
    }
  }

  private static DynamoDbException refusal(Consumer<DynamoDbClient> write, DynamoDbClient ddb) {
    assertThatThrownBy(() -> write.accept(ddb)).isInstanceOf(DynamoDbException.class);
    try {
      write.accept(ddb);
    } catch (DynamoDbException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }
}
