package dev.dynakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.engine.DynakitEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A request that names its table by ARN, through the adapter to the engine: the allow-list judges
 * the table the ARN names, the table prefix goes on the name inside the ARN, and metrics and errors
 * name the table.
 */
class TableArnsTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final String arnPrefix = "arn:aws:dynamodb:us-east-1:000000000000:table/";
  private final AtomicInteger sent = new AtomicInteger();
  private final SdkHttpClient network = counting(engine.httpClient());

  TableArnsTest() {
    for (String table : List.of("orders", "secrets", "dev_orders")) {
      Adapters.createTable(engine.client(), table, "id");
      engine.client().putItem(b -> b.tableName(table).item(item(table + "-1")));
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private SdkHttpClient counting(SdkHttpClient http) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        sent.incrementAndGet();
        return http.prepareRequest(request);
      }

      @Override
      public void close() {
        http.close();
      }
    };
  }

  private static Map<String, AttributeValue> item(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  private String arn(String table) {
    return arnPrefix + table;
  }

  private static KeysAndAttributes keys(String id) {
    return KeysAndAttributes.builder().keys(item(id)).build();
  }

  @Test
  void theAllowListJudgesTheTableAnArnNames() {
    Policy policy = Policy.builder().allowWrite(true).allowTables("orders").build();
    try (Dynakit dynakit = Adapters.over(network).policy(policy).build()) {
      DynamoDbClient sdk = dynakit.sdk();
      assertThat(sdk.getItem(b -> b.tableName(arn("orders")).key(item("orders-1"))).item())
          .isEqualTo(item("orders-1"));
      assertThat(
              sdk.batchGetItem(b -> b.requestItems(Map.of(arn("orders"), keys("orders-1"))))
                  .responses())
          .isEqualTo(Map.of(arn("orders"), List.of(item("orders-1"))));
      int before = sent.get();
      List<Runnable> refused =
          List.of(
              () -> sdk.getItem(b -> b.tableName(arn("secrets")).key(item("secrets-1"))),
              () -> sdk.describeTable(b -> b.tableName(arn("secrets"))),
              () ->
                  sdk.batchGetItem(
                      b ->
                          b.requestItems(
                              Map.of(arn("orders"), keys("orders-1"), arn("secrets"), keys("s")))),
              () ->
                  sdk.batchWriteItem(
                      b ->
                          b.requestItems(
                              Map.of(
                                  arn("secrets"),
                                  List.of(
                                      WriteRequest.builder()
                                          .putRequest(p -> p.item(item("x")))
                                          .build())))),
              () ->
                  sdk.transactWriteItems(
                      b ->
                          b.transactItems(
                              TransactWriteItem.builder()
                                  .put(p -> p.tableName(arn("orders")).item(item("x")))
                                  .build(),
                              TransactWriteItem.builder()
                                  .delete(d -> d.tableName(arn("secrets")).key(item("secrets-1")))
                                  .build())),
              () ->
                  sdk.executeStatement(
                      b -> b.statement("SELECT * FROM \"" + arn("secrets") + "\"")));
      for (Runnable call : refused) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                PolicyViolationException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED);
                  assertThat(e.context().table()).isEqualTo("secrets");
                });
      }
      // An ARN of another kind names no table on the list: refused, never let through.
      for (String other :
          List.of(
              "arn:aws:s3:::orders",
              "arn:aws:dynamodb:us-east-1:000000000000:index/orders",
              "arn:aws:dynamodb:us-east-1:000000000000:table/")) {
        assertThatThrownBy(() -> sdk.getItem(b -> b.tableName(other).key(item("orders-1"))))
            .isInstanceOfSatisfying(
                PolicyViolationException.class,
                e ->
                    assertThat(e.kind())
                        .isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED));
      }
      assertThat(sent.get()).isEqualTo(before);
    }
  }

  @Test
  void thePrefixGoesOnTheNameInsideTheArn() {
    try (Dynakit dynakit =
        Adapters.over(network).environment(Map.of("DYNAKIT_TABLE_PREFIX", "dev_")).build()) {
      DynamoDbClient sdk = dynakit.sdk();
      var got =
          sdk.getItem(
              b ->
                  b.tableName(arn("orders"))
                      .key(item("dev_orders-1"))
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
      assertThat(got.item()).isEqualTo(item("dev_orders-1"));
      assertThat(got.consumedCapacity().tableName()).isEqualTo(arn("orders"));
      var batch =
          sdk.batchGetItem(
              b ->
                  b.requestItems(Map.of(arn("orders"), keys("dev_orders-1")))
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
      assertThat(batch.responses()).isEqualTo(Map.of(arn("orders"), List.of(item("dev_orders-1"))));
      assertThat(batch.consumedCapacity().get(0).tableName()).isEqualTo(arn("orders"));
      sdk.putItem(b -> b.tableName(arn("orders")).item(item("dev_orders-2")));
      assertThat(
              engine
                  .client()
                  .getItem(b -> b.tableName("dev_orders").key(item("dev_orders-2")))
                  .item())
          .isEqualTo(item("dev_orders-2"));
      assertThat(
              engine
                  .client()
                  .getItem(b -> b.tableName("orders").key(item("dev_orders-2")))
                  .hasItem())
          .isFalse();
      assertThat(sdk.describeTable(b -> b.tableName(arn("orders"))).table().tableArn())
          .isEqualTo(arn("orders"));
    }
  }

  @Test
  void metricsAndErrorsNameTheTableAnArnNames() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Dynakit dynakit = Adapters.over(network).meterRegistry(registry).build()) {
      DynamoDbClient sdk = dynakit.sdk();
      sdk.getItem(b -> b.tableName(arn("orders")).key(item("orders-1")));
      sdk.batchGetItem(
          b ->
              b.requestItems(Map.of(arn("orders"), keys("orders-1"), "orders", keys("orders-2")))
                  .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
      assertThat(operations(registry, "GetItem", "orders")).isEqualTo(1);
      assertThat(operations(registry, "BatchGetItem", "orders")).isEqualTo(1);
      assertThat(
              registry
                  .get("dynamodb_items_returned")
                  .tag("operation", "BatchGetItem")
                  .tag("table", "orders")
                  .summary()
                  .totalAmount())
          .isEqualTo(1);
      assertThat(
              registry
                  .get("dynamodb_consumed_capacity_total")
                  .tag("operation", "BatchGetItem")
                  .tag("table", "orders")
                  .counter()
                  .count())
          .isEqualTo(0.5);
      assertThatThrownBy(() -> sdk.getItem(b -> b.tableName(arn("missing")).key(item("x"))))
          .isInstanceOfSatisfying(
              DynakitException.class, e -> assertThat(e.context().table()).isEqualTo("missing"));
    }
  }

  private static double operations(SimpleMeterRegistry registry, String operation, String table) {
    Counter counter =
        registry
            .find("dynamodb_operations_total")
            .tag("operation", operation)
            .tag("table", table)
            .tag("status", "success")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
