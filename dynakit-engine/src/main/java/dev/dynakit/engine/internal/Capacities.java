package dev.dynakit.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;

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

  /**
   * One table's capacity with its indexes': the table's units, then each global and local index's
   * (by name; only those that consumed any), or null where the request did not ask for it.
   */
  static ConsumedCapacity of(
      String table,
      ReturnConsumedCapacity mode,
      double tableUnits,
      Map<String, Double> global,
      Map<String, Double> local) {
    if (mode == null || mode == ReturnConsumedCapacity.NONE) {
      return null;
    }
    double total = tableUnits;
    for (double units : global.values()) {
      total += units;
    }
    for (double units : local.values()) {
      total += units;
    }
    ConsumedCapacity.Builder capacity =
        ConsumedCapacity.builder().tableName(table).capacityUnits(total);
    if (mode == ReturnConsumedCapacity.INDEXES) {
      capacity.table(Capacity.builder().capacityUnits(tableUnits).build());
      if (!global.isEmpty()) {
        capacity.globalSecondaryIndexes(capacities(global));
      }
      if (!local.isEmpty()) {
        capacity.localSecondaryIndexes(capacities(local));
      }
    }
    return capacity.build();
  }

  private static Map<String, Capacity> capacities(Map<String, Double> units) {
    Map<String, Capacity> capacities = new java.util.LinkedHashMap<>();
    units.forEach(
        (name, value) -> capacities.put(name, Capacity.builder().capacityUnits(value).build()));
    return capacities;
  }

  /**
   * The capacity several writes consumed per table and index, for requests that write many items.
   */
  static final class Tally {
    private final Map<String, double[]> tables;
    private final double indexFactor;

    /** Tables listed in the order first written; index writes at one unit per KB. */
    Tally() {
      this(new java.util.LinkedHashMap<>(), 1);
    }

    /**
     * @param tables the map that orders the tables listed
     * @param indexFactor what an index write unit costs (2 in a transaction)
     */
    Tally(Map<String, double[]> tables, double indexFactor) {
      this.tables = tables;
      this.indexFactor = indexFactor;
    }

    private final Map<String, Map<String, Double>> global = new java.util.HashMap<>();
    private final Map<String, Map<String, Double>> local = new java.util.HashMap<>();
    private final Map<String, List<ItemCollectionMetrics>> collections =
        new java.util.LinkedHashMap<>();

    /**
     * Adds the units of one item written, or only read ({@code change} null), under the table's
     * name as the request gave it (a name or an ARN).
     */
    void add(String tableName, Table table, double tableUnits, Table.Change change) {
      tables.computeIfAbsent(tableName, name -> new double[1])[0] += tableUnits;
      if (change != null && !table.indexes().isEmpty()) {
        Map<String, Double> g =
            global.computeIfAbsent(tableName, name -> new java.util.LinkedHashMap<>());
        table
            .indexWriteUnits(change, true)
            .forEach((index, units) -> g.merge(index, units * indexFactor, Double::sum));
        Map<String, Double> l =
            local.computeIfAbsent(tableName, name -> new java.util.LinkedHashMap<>());
        table
            .indexWriteUnits(change, false)
            .forEach((index, units) -> l.merge(index, units * indexFactor, Double::sum));
      }
    }

    /**
     * Records the item collection a write affected (after the write), for a table with local
     * secondary indexes, under the table's name as the request gave it.
     */
    void collection(String tableName, Table table, Map<String, AttributeValue> itemOrKey) {
      if (table.hasLocalIndexes()) {
        collections
            .computeIfAbsent(tableName, name -> new ArrayList<>())
            .add(table.collectionMetrics(itemOrKey));
      }
    }

    /** The ItemCollectionMetrics by table, or null where the request did not ask for them. */
    Map<String, List<ItemCollectionMetrics>> collections(ReturnItemCollectionMetrics mode) {
      return mode == ReturnItemCollectionMetrics.SIZE ? collections : null;
    }

    /** Each table's capacity, in the order first written, or null where the request did not ask. */
    List<ConsumedCapacity> consumed(ReturnConsumedCapacity mode) {
      if (mode == null || mode == ReturnConsumedCapacity.NONE) {
        return null;
      }
      List<ConsumedCapacity> capacities = new ArrayList<>();
      tables.forEach(
          (table, units) ->
              capacities.add(
                  of(
                      table,
                      mode,
                      units[0],
                      global.getOrDefault(table, Map.of()),
                      local.getOrDefault(table, Map.of()))));
      return capacities;
    }
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
