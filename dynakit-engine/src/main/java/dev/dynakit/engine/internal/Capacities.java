package dev.dynakit.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The {@code ConsumedCapacity} a response carries, as its request's ReturnConsumedCapacity asks.
 */
final class Capacities {
  private Capacities() {}

  /** One table's capacity, or null where the request did not ask for it. */
  static ConsumedCapacity of(String table, ReturnConsumedCapacity mode, double units) {
    if (mode == null || mode == ReturnConsumedCapacity.NONE) {
      return null;
    }
    ConsumedCapacity.Builder capacity =
        ConsumedCapacity.builder().tableName(table).capacityUnits(units);
    if (mode == ReturnConsumedCapacity.INDEXES) {
      capacity.table(Capacity.builder().capacityUnits(units).build());
    }
    return capacity.build();
  }

  /** Each table's capacity, in the map's order, or null where the request did not ask. */
  static List<ConsumedCapacity> of(ReturnConsumedCapacity mode, Map<String, Double> units) {
    if (mode == null || mode == ReturnConsumedCapacity.NONE) {
      return null;
    }
    List<ConsumedCapacity> capacities = new ArrayList<>();
    units.forEach((table, value) -> capacities.add(of(table, mode, value)));
    return capacities;
  }
}
