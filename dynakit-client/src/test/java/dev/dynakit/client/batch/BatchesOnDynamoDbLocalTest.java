package dev.dynakit.client.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * {@link Batches} on Amazon DynamoDB Local over HTTP: the requests it builds are ones DynamoDB
 * accepts, and what it refuses before sending is what DynamoDB refuses.
 */
class BatchesOnDynamoDbLocalTest {
  private static DynamoDbLocalServer local;
  private static DynamoDbClient sdk;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    sdk = local.client();
    Adapters.createTable(sdk, "orders", "id");
    Adapters.createTable(sdk, "lines", true);
  }

  @AfterAll
  static void stop() {
    sdk.close();
    local.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  @Test
  void manyWritesAndReadsAcrossTables() {
    List<TableWrite> writes = new ArrayList<>();
    List<Map<String, AttributeValue>> orderKeys = new ArrayList<>();
    List<Map<String, AttributeValue>> lineKeys = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      writes.add(TableWrite.put("orders", Map.of("id", s("o" + i), "v", s("x"))));
      orderKeys.add(Map.of("id", s("o" + i)));
    }
    for (int i = 0; i < 40; i++) {
      writes.add(TableWrite.put("lines", Map.of("pk", s("p"), "sk", s("l" + i))));
      lineKeys.add(Map.of("pk", s("p"), "sk", s("l" + i)));
    }
    Batches batches = Batches.builder(sdk).build();
    assertThat(batches.write(writes).report()).isEqualTo(new BatchReport(170, 7, 0, 0));
    BatchGetResult read = batches.get(Map.of("orders", orderKeys, "lines", lineKeys));
    assertThat(read.items("orders")).hasSize(130);
    assertThat(read.items("lines")).hasSize(40);
    assertThat(read.report().requests()).isEqualTo(2);

    List<TableWrite> deletes = new ArrayList<>();
    orderKeys.forEach(key -> deletes.add(TableWrite.delete("orders", key)));
    batches.write(deletes);
    assertThat(batches.get(Map.of("orders", orderKeys)).items("orders")).isEmpty();
  }

  @Test
  void dynamoDbRefusesTheDuplicatesTheHelperRefusesWithTheSameWords() {
    Map<String, AttributeValue> key = Map.of("id", s("dup"));
    DynamoDbException e =
        catchThrowableOfType(
            DynamoDbException.class,
            () ->
                sdk.batchWriteItem(
                    b ->
                        b.requestItems(
                            Map.of(
                                "orders",
                                List.of(
                                    TableWrite.put("orders", key).request(),
                                    TableWrite.delete("orders", key).request())))));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(Batches.DUPLICATES);
  }
}
