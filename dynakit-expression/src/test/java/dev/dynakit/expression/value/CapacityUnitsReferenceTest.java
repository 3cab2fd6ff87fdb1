package dev.dynakit.expression.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.reference.DynamoDbLocal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Consumed capacity of reads and writes on DynamoDB Local compared with {@link CapacityUnits}. */
class CapacityUnitsReferenceTest {

  /** A new item of exactly {@code size} bytes by {@link ItemSize} (at least 16). */
  private static Map<String, AttributeValue> itemOfSize(long size) {
    Map<String, AttributeValue> item = Local.withFreshKey(Map.of());
    item.put("p", AttributeValue.fromS("x".repeat((int) (size - ItemSize.of(item) - 1))));
    assertThat(ItemSize.of(item)).isEqualTo(size);
    return item;
  }

  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    return Map.of("pk", item.get("pk"));
  }

  private static void put(Map<String, AttributeValue> item) {
    Local.client().putItem(b -> b.tableName(Local.TABLE).item(item));
  }

  @ParameterizedTest
  @ValueSource(longs = {16, 1024, 4095, 4096, 4097, 8192, 8193, 12_000, 409_600})
  void getItem(long size) {
    Map<String, AttributeValue> item = itemOfSize(size);
    put(item);

    for (boolean consistent : new boolean[] {true, false}) {
      double consumed =
          Local.client()
              .getItem(
                  b ->
                      b.tableName(Local.TABLE)
                          .key(keyOf(item))
                          .consistentRead(consistent)
                          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
              .consumedCapacity()
              .capacityUnits();
      assertThat(consumed)
          .as("consistent %s", consistent)
          .isEqualTo(CapacityUnits.read(size, consistent));
    }
  }

  @Test
  void getItemOfAMissingItemCostsOneUnit() {
    for (boolean consistent : new boolean[] {true, false}) {
      double consumed =
          Local.client()
              .getItem(
                  b ->
                      b.tableName(Local.TABLE)
                          .key(Map.of("pk", Local.freshKey()))
                          .consistentRead(consistent)
                          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
              .consumedCapacity()
              .capacityUnits();
      assertThat(consumed)
          .isEqualTo(CapacityUnits.read(0, consistent))
          .isEqualTo(consistent ? 1.0 : 0.5);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {16, 1024, 1025, 2048, 2049, 100_000})
  void putItem(long size) {
    Map<String, AttributeValue> item = itemOfSize(size);

    double consumed =
        Local.client()
            .putItem(
                b ->
                    b.tableName(Local.TABLE)
                        .item(item)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity()
            .capacityUnits();

    assertThat(consumed).isEqualTo(CapacityUnits.write(size));
  }

  @Test
  void deleteItemOfAMissingItemCostsOneUnit() {
    double consumed =
        Local.client()
            .deleteItem(
                b ->
                    b.tableName(Local.TABLE)
                        .key(Map.of("pk", Local.freshKey()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity()
            .capacityUnits();

    assertThat(consumed).isEqualTo(CapacityUnits.write(0)).isEqualTo(1.0);
  }

  /** Query sums the sizes of the items it reads, then rounds up once. */
  @Test
  void queryRoundsTheSumOfItemSizes() {
    AttributeValue partition = Local.freshKey();
    long total = 0;
    for (int i = 0; i < 3; i++) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("pk", partition);
      item.put("sk", AttributeValue.fromS("sort-" + i));
      item.put("p", AttributeValue.fromS("x".repeat(1500)));
      total += ItemSize.of(item);
      Local.client().putItem(b -> b.tableName(DynamoDbLocal.STRING_RANGE_TABLE).item(item));
    }
    assertThat(total).isBetween(4097L, 8192L);

    for (boolean consistent : new boolean[] {true, false}) {
      double consumed =
          Local.client()
              .query(
                  b ->
                      b.tableName(DynamoDbLocal.STRING_RANGE_TABLE)
                          .keyConditionExpression("pk = :p")
                          .expressionAttributeValues(Map.of(":p", partition))
                          .consistentRead(consistent)
                          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
              .consumedCapacity()
              .capacityUnits();
      assertThat(consumed)
          .isEqualTo(CapacityUnits.read(total, consistent))
          .isEqualTo(consistent ? 2.0 : 1.0);
    }
  }

  /**
   * Records a DynamoDB Local behaviour that {@link CapacityUnits#read} does not model: a Query that
   * reads no item consumes nothing, where GetItem of a missing item consumes a full unit.
   */
  @Test
  void dynamoDbLocalChargesNothingForAQueryThatReadsNoItem() {
    double consumed =
        Local.client()
            .query(
                b ->
                    b.tableName(Local.TABLE)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", Local.freshKey()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity()
            .capacityUnits();

    assertThat(consumed).isZero();
    assertThat(CapacityUnits.read(0, false)).isEqualTo(0.5);
  }

  @ParameterizedTest
  @ValueSource(longs = {16, 4096, 4097, 9000})
  void transactGetItems(long size) {
    Map<String, AttributeValue> item = itemOfSize(size);
    put(item);
    Map<String, AttributeValue> small = itemOfSize(100);
    put(small);

    double consumed =
        Local.client()
            .transactGetItems(
                b ->
                    b.transactItems(get(item), get(small), get(Map.of("pk", Local.freshKey())))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity()
            .get(0)
            .capacityUnits();

    // Each item is rounded on its own; the missing one costs a full transactional read.
    assertThat(consumed)
        .isEqualTo(
            CapacityUnits.transactionalRead(size)
                + CapacityUnits.transactionalRead(100)
                + CapacityUnits.transactionalRead(0));
  }

  private static TransactGetItem get(Map<String, AttributeValue> item) {
    return TransactGetItem.builder()
        .get(Get.builder().tableName(Local.TABLE).key(keyOf(item)).build())
        .build();
  }

  private static double transactWriteCapacity(List<Map<String, AttributeValue>> items) {
    return Local.client()
        .transactWriteItems(
            b ->
                b.transactItems(items.stream().map(CapacityUnitsReferenceTest::putOf).toList())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
        .consumedCapacity()
        .get(0)
        .capacityUnits();
  }

  @ParameterizedTest
  @ValueSource(longs = {16, 1024, 1025, 3000, 409_600})
  void transactWriteItems(long size) {
    assertThat(transactWriteCapacity(List.of(itemOfSize(size))))
        .isEqualTo(CapacityUnits.transactionalWrite(size));
  }

  @Test
  void transactWriteItemsAddsItemsOfDifferentCost() {
    assertThat(transactWriteCapacity(List.of(itemOfSize(3000), itemOfSize(20))))
        .isEqualTo(CapacityUnits.transactionalWrite(3000) + CapacityUnits.transactionalWrite(20))
        .isEqualTo(8.0);
  }

  /**
   * Records where DynamoDB Local departs from the AWS documentation: in one TransactWriteItems call
   * it counts items of equal cost once (two 1,025 byte puts consume 4 units, three small puts 2),
   * where the documentation charges every item. {@link CapacityUnits} follows the documentation;
   * callers add one {@link CapacityUnits#transactionalWrite} per item.
   */
  @Test
  void dynamoDbLocalCountsTransactionalWritesOfEqualCostOnce() {
    assertThat(transactWriteCapacity(List.of(itemOfSize(1025), itemOfSize(1025)))).isEqualTo(4.0);
    assertThat(transactWriteCapacity(List.of(itemOfSize(16), itemOfSize(20), itemOfSize(30))))
        .isEqualTo(2.0);
    assertThat(2 * CapacityUnits.transactionalWrite(1025)).isEqualTo(8.0);
  }

  private static TransactWriteItem putOf(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder()
        .put(Put.builder().tableName(Local.TABLE).item(item).build())
        .build();
  }

  @Test
  void roundingWithoutDynamoDbLocal() {
    assertThat(CapacityUnits.read(1, true)).isEqualTo(1.0);
    assertThat(CapacityUnits.read(8193, false)).isEqualTo(1.5);
    assertThat(CapacityUnits.write(409_600)).isEqualTo(400.0);
    assertThat(CapacityUnits.transactionalRead(0)).isEqualTo(2.0);
    assertThat(CapacityUnits.transactionalWrite(0)).isEqualTo(2.0);
    assertThat(List.of(-1L))
        .allSatisfy(
            bytes ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> CapacityUnits.write(bytes))
                    .isInstanceOf(IllegalArgumentException.class));
  }
}
