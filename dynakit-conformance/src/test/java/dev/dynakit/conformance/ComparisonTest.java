package dev.dynakit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The harness of the reference and the engine targets: what it runs, what it compares, and how it
 * reports a difference.
 */
class ComparisonTest {
  private static Comparison targets;

  @BeforeAll
  static void open() {
    targets = Comparison.withTable("things");
  }

  @AfterAll
  static void close() {
    targets.close();
  }

  @Test
  void opensTheReferenceFirstAndEveryEngineTarget() {
    assertThat(targets.endpoints())
        .extracting(Target.Endpoint::target)
        .containsExactly(
            Target.DYNAMODB_LOCAL,
            Target.ENGINE,
            Target.ENGINE_HTTP,
            Target.ENGINE_DURABLE,
            Target.ENGINE_SERVER);
  }

  @Test
  void aResponseIsComparedByItsModeledFields() {
    Map<String, AttributeValue> item =
        Map.of(
            "id", AttributeValue.fromS("ünïcode ✓"),
            "n", AttributeValue.fromN("12.50"),
            "l", AttributeValue.fromL(List.of(AttributeValue.fromNul(true))));
    targets.check("put", c -> c.putItem(b -> b.tableName("things").item(item)));
    Outcome got =
        targets.check(
            "get",
            c ->
                c.getItem(
                    b ->
                        b.tableName("things")
                            .key(Map.of("id", item.get("id")))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    assertThat(got.value().toString())
        .contains("{N=12.5}", "ünïcode ✓", "CapacityUnits=0.5", "type=GetItemResponse");
  }

  @Test
  void anErrorIsComparedByTypeCodeMessageAndStatus() {
    Outcome refused =
        targets.check(
            "get with a key of the wrong type",
            c ->
                c.getItem(b -> b.tableName("things").key(Map.of("id", AttributeValue.fromN("1")))));
    assertThat(refused.value())
        .isEqualTo(
            Map.of(
                "error",
                "DynamoDbException",
                "code",
                "ValidationException",
                "message",
                "One or more parameter values were invalid: Type mismatch for key",
                "status",
                400));
  }

  @Test
  void aDifferenceNamesTheTargetThePlaceAndBothAnswers() {
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("differs"));
    assertThatThrownBy(
            () ->
                targets.check(
                    "a get that only the reference answers with capacity",
                    capacityOnTheReferenceOnly(key)))
        .hasMessageContaining("a get that only the reference answers with capacity")
        .hasMessageContaining("ENGINE differs from DYNAMODB_LOCAL at .ConsumedCapacity")
        .hasMessageContaining("ENGINE_HTTP differs from DYNAMODB_LOCAL at .ConsumedCapacity")
        .hasMessageContaining("ENGINE_DURABLE differs from DYNAMODB_LOCAL at .ConsumedCapacity")
        .hasMessageContaining("ENGINE_SERVER differs from DYNAMODB_LOCAL at .ConsumedCapacity")
        .hasMessageContaining(
            "  DYNAMODB_LOCAL: {type=GetItemResponse, Item={}, ConsumedCapacity={")
        .hasMessageContaining(
            "  ENGINE        : {type=GetItemResponse, Item={}, ConsumedCapacity=null}");
  }

  @Test
  void anExpectedDifferenceIsAppliedToTheReferenceOnly() {
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("missing"));
    Outcome outcome =
        targets.check(
            "capacity the engine is expected not to return",
            capacityOnTheReferenceOnly(key),
            response ->
                ((GetItemResponse) response)
                    .toBuilder().consumedCapacity((ConsumedCapacity) null).build());
    assertThat(outcome.value().toString()).contains("ConsumedCapacity=null");
  }

  /** A GetItem that asks for consumed capacity on the reference only: a difference on purpose. */
  private static Scenario capacityOnTheReferenceOnly(Map<String, AttributeValue> key) {
    return c ->
        c.getItem(
            b ->
                b.tableName("things")
                    .key(key)
                    .returnConsumedCapacity(
                        c == targets.reference().client()
                            ? ReturnConsumedCapacity.TOTAL
                            : ReturnConsumedCapacity.NONE));
  }
}
