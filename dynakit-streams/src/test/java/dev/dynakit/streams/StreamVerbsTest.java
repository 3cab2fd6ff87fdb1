package dev.dynakit.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.policy.Policy;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code streams.subscribe} and {@code streams.unsubscribe} through the adapter, on the engine. */
class StreamVerbsTest {
  private final Rig rig = new Rig(Policy.builder().allowTables("orders", "plain").build());

  StreamVerbsTest() {
    rig.table("orders");
    rig.table("secrets");
    rig.db()
        .createTable(
            b ->
                b.tableName("plain")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private Map<String, Object> subscribe(Map<String, Object> args) {
    return rig.dynakit.call("streams.subscribe", args);
  }

  @Test
  void theVerbsAreRegisteredWithTheAdapter() {
    assertThat(rig.dynakit.verbs().names()).contains("streams.subscribe", "streams.unsubscribe");
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsComeInTheSeedsShapeWithPlainOrTypedValues() {
    rig.put("orders", "a", 1);
    rig.put("orders", "a", 2);
    Map<String, Object> first =
        subscribe(
            Map.of(
                "table_name",
                "orders",
                "shard_iterator_type",
                "trim_horizon",
                "timeout_s",
                0,
                "max_events",
                1));
    assertThat(first).containsEntry("table", "orders").containsEntry("active", true);
    List<Map<String, Object>> events = (List<Map<String, Object>>) first.get("events");
    assertThat(events).hasSize(1);
    Map<String, Object> event = events.get(0);
    assertThat(event)
        .containsKeys("eventID", "raw")
        .containsEntry("eventName", "INSERT")
        .containsEntry(
            "eventSourceARN",
            rig.dynakit.sdk().describeTable(b -> b.tableName("orders")).table().latestStreamArn());
    Map<String, Object> change = (Map<String, Object>) event.get("dynamodb");
    assertThat(change.get("Keys")).isEqualTo(Map.of("id", "a"));
    assertThat(change.get("NewImage")).isEqualTo(Map.of("id", "a", "v", 1L));
    assertThat(change).doesNotContainKey("OldImage").containsKey("SequenceNumber");
    Map<String, Object> raw = (Map<String, Object>) event.get("raw");
    assertThat(raw)
        .containsEntry("eventSource", "aws:dynamodb")
        .containsEntry("eventName", "INSERT");
    assertThat(((Map<String, Object>) raw.get("dynamodb")).get("Keys"))
        .isEqualTo(Map.of("id", Map.of("S", "a")));

    Map<String, Object> second =
        subscribe(Map.of("table_name", "orders", "timeout_s", 0.0, "typed", true));
    Map<String, Object> modify = ((List<Map<String, Object>>) second.get("events")).get(0);
    Map<String, Object> typed = (Map<String, Object>) modify.get("dynamodb");
    assertThat(modify).containsEntry("eventName", "MODIFY");
    assertThat(typed.get("OldImage"))
        .isEqualTo(Map.of("id", Map.of("S", "a"), "v", Map.of("N", "1")));
    assertThat(typed.get("NewImage"))
        .isEqualTo(Map.of("id", Map.of("S", "a"), "v", Map.of("N", "2")));
  }

  @Test
  void jsonCallsWorkAndUnsubscribeEndsTheSubscription() {
    rig.put("orders", "a", 1);
    String json =
        rig.dynakit.callJson(
            "streams.subscribe",
            "{\"table_name\": \"orders\", \"shard_iterator_type\": \"TRIM_HORIZON\","
                + " \"filter\": {\"event_names\": [\"insert\"]}, \"timeout_s\": 0}");
    assertThat(json).startsWith("{\"table\":\"orders\",\"events\":[{\"eventName\":\"INSERT\"");
    assertThat(rig.dynakit.call("streams.unsubscribe", Map.of("table_name", "orders")))
        .isEqualTo(Map.of("table", "orders", "unsubscribed", true, "active", false));
    assertThat(rig.dynakit.call("streams.unsubscribe", Map.of("table_name", "orders")))
        .containsEntry("unsubscribed", false);
  }

  @Test
  void atSequenceNumberTakesTheNumberFromTheFilter() {
    rig.put("orders", "a", 1);
    rig.put("orders", "b", 1);
    Subscriptions other = rig.subscriptions();
    String second =
        other
            .subscribe(
                SubscribeRequest.of("orders")
                    .from(
                        software.amazon.awssdk.services.dynamodb.model.ShardIteratorType
                            .TRIM_HORIZON)
                    .waiting(java.time.Duration.ZERO))
            .events()
            .get(1)
            .sequenceNumber();
    Map<String, Object> result =
        subscribe(
            Map.of(
                "table_name",
                "orders",
                "shard_iterator_type",
                "AT_SEQUENCE_NUMBER",
                "filter",
                Map.of("sequence_number", second),
                "timeout_s",
                0));
    assertThat((List<?>) result.get("events")).hasSize(1);
  }

  @Test
  void aTableOffTheAllowListIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> subscribe(Map.of("table_name", "secrets")))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e -> assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED))
        .hasMessage(
            "streams.subscribe on table 'secrets' refused: the table is not on the allow-list"
                + " (allow_tables=orders,plain)");
    assertThatThrownBy(
            () -> rig.dynakit.call("streams.unsubscribe", Map.of("table_name", "secrets")))
        .isInstanceOf(PolicyViolationException.class);
  }

  private static void refused(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e -> assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_ARGUMENT))
        .hasMessage(message);
  }

  @Test
  void badArgumentsAreRefusedNamingTheArgument() {
    String verb = "verb 'streams.subscribe': ";
    refused(() -> subscribe(Map.of()), verb + "argument 'table_name' is required (a string)");
    refused(
        () -> subscribe(Map.of("table_name", "")),
        verb + "argument 'table_name' must be a non-empty string");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "since", 1)),
        verb
            + "argument 'since' is not an argument of this verb (expected one of [filter,"
            + " max_events, shard_iterator_type, table_name, timeout_s, typed])");
    refused(
        () ->
            subscribe(
                Map.of("table_name", "orders", "shard_iterator_type", "AFTER_SEQUENCE_NUMBER")),
        verb + "argument 'shard_iterator_type' must be LATEST, TRIM_HORIZON or AT_SEQUENCE_NUMBER");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "shard_iterator_type", 3)),
        verb + "argument 'shard_iterator_type' must be LATEST, TRIM_HORIZON or AT_SEQUENCE_NUMBER");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "filter", "INSERT")),
        verb + "argument 'filter' must be an object");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "filter", Map.of("names", List.of()))),
        verb
            + "argument 'filter.names' is not an argument of this verb (expected one of"
            + " [event_names, sequence_number])");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "filter", Map.of("event_names", "INSERT"))),
        verb + "argument 'filter.event_names' must be a list");
    refused(
        () ->
            subscribe(Map.of("table_name", "orders", "filter", Map.of("event_names", List.of(1)))),
        verb + "argument 'filter.event_names' must hold INSERT, MODIFY or REMOVE");
    refused(
        () ->
            subscribe(
                Map.of("table_name", "orders", "filter", Map.of("event_names", List.of("PUT")))),
        verb + "filter.event_names may hold INSERT, MODIFY and REMOVE only");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "filter", Map.of("sequence_number", true))),
        verb + "argument 'filter.sequence_number' must be a string of digits");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "filter", Map.of("sequence_number", 12))),
        verb + "filter.sequence_number is needed with AT_SEQUENCE_NUMBER, and only with it");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "timeout_s", "5")),
        verb + "argument 'timeout_s' must be a number of seconds");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "timeout_s", -1)),
        verb + "argument 'timeout_s' must be between 0 and 300");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "max_events", 1.5)),
        verb + "argument 'max_events' must be a whole number");
    refused(
        () -> subscribe(Map.of("table_name", "orders", "max_events", 10_001)),
        verb + "argument 'max_events' must be between 1 and 10000");
    refused(
        () -> subscribe(Map.of("table_name", "plain")),
        verb + "table 'plain' has no stream: enable one with a StreamSpecification");
    refused(
        () -> rig.dynakit.call("streams.unsubscribe", Map.of()),
        "verb 'streams.unsubscribe': argument 'table_name' is required (a string)");
  }
}
