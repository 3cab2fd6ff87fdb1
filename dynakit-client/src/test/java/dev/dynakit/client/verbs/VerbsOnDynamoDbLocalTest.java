package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The verbs against Amazon's DynamoDB Local, for what depends on DynamoDB itself: the shape of
 * cancellation reasons, number normalisation and the resumable key after {@code max_items}.
 */
class VerbsOnDynamoDbLocalTest {
  private AmazonDynamoDBLocal local;
  private Verbs verbs;

  @BeforeEach
  void start() {
    local = DynamoDBEmbedded.create(true);
    DynamoDbClient client = local.dynamoDbClient();
    client.createTable(
        b ->
            b.tableName("events")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    a -> a.attributeName("user").attributeType("S"),
                    a -> a.attributeName("seq").attributeType("N"))
                .keySchema(
                    k -> k.attributeName("user").keyType("HASH"),
                    k -> k.attributeName("seq").keyType("RANGE")));
    verbs = new Verbs(client, false);
  }

  @AfterEach
  void stop() {
    local.shutdownNow();
  }

  @Test
  void cancellationReasonsComeBackPerItemInOrder() {
    verbs.call("put", Map.of("table", "events", "item", Map.of("user", "a", "seq", 1, "v", 1)));
    Map<String, Object> result =
        verbs.call(
            "transact_write",
            Map.of(
                "items",
                List.of(
                    Map.of(
                        "condition_check",
                        Map.of(
                            "table",
                            "events",
                            "key",
                            Map.of("user", "a", "seq", 1),
                            "condition",
                            "v = :v",
                            "values",
                            Map.of(":v", 2),
                            "return_values_on_condition_failure",
                            "ALL_OLD")),
                    Map.of(
                        "put", Map.of("table", "events", "item", Map.of("user", "b", "seq", 1))))));
    assertThat(result.get("ok")).isEqualTo(false);
    List<?> results = (List<?>) result.get("results");
    assertThat(((Map<?, ?>) results.get(0)).get("code")).isEqualTo("ConditionalCheckFailed");
    assertThat(((Map<?, ?>) results.get(0)).get("item"))
        .isEqualTo(Map.of("user", "a", "seq", 1L, "v", 1L));
    assertThat(((Map<?, ?>) results.get(1)).get("code")).isEqualTo("None");
  }

  @Test
  void numbersComeBackAsDynamoDbNormalisesThemAndNoLessExact() {
    verbs.callJson(
        "put",
        "{\"table\": \"events\", \"item\": {\"user\": \"n\", \"seq\": 1,"
            + " \"a\": 1.50, \"b\": 12345678901234567890123456789012345678,"
            + " \"c\": 0.1234567890123456789012345678901234567}}");
    Map<?, ?> item =
        (Map<?, ?>)
            verbs
                .call("get", Map.of("table", "events", "key", Map.of("user", "n", "seq", 1)))
                .get("item");
    assertThat((BigDecimal) item.get("a")).isEqualByComparingTo("1.5");
    assertThat(item.get("b").toString()).isEqualTo("12345678901234567890123456789012345678");
    assertThat(item.get("c")).isEqualTo(new BigDecimal("0.1234567890123456789012345678901234567"));
  }

  @Test
  void theKeyAfterMaxItemsResumesRightAfterTheLastItemReturned() {
    for (int i = 1; i <= 9; i++) {
      verbs.call("put", Map.of("table", "events", "item", Map.of("user", "u", "seq", i)));
    }
    Map<String, Object> query =
        Map.of(
            "table",
            "events",
            "key_condition",
            "#u = :u",
            "names",
            Map.of("#u", "user"),
            "values",
            Map.of(":u", "u"),
            "limit",
            4,
            "all_pages",
            true,
            "max_items",
            6);
    Map<String, Object> first = verbs.call("query", query);
    assertThat((List<?>) first.get("items")).hasSize(6);
    assertThat(first.get("last_evaluated_key")).isEqualTo(Map.of("user", "u", "seq", 6L));
    Map<String, Object> next = new java.util.HashMap<>(query);
    next.put("exclusive_start_key", first.get("last_evaluated_key"));
    Map<String, Object> second = verbs.call("query", next);
    assertThat(second.get("count")).isEqualTo(3L);
    assertThat(((Map<?, ?>) ((List<?>) second.get("items")).get(0)).get("seq")).isEqualTo(7L);
  }
}
