package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConditionalCheckException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The demo's script. Every step runs through the adapter's verbs, as a runtime would call them, so
 * the policy, error mapping and metrics of a real call apply; the output is the same on every run
 * apart from the latencies in the summary.
 */
final class Demo {
  private static final String TABLE = "Music";

  /** The verb (or command) that sends each DynamoDB operation. */
  private static final Map<String, String> VERBS =
      Map.ofEntries(
          Map.entry("GetItem", "get"),
          Map.entry("PutItem", "put"),
          Map.entry("UpdateItem", "update"),
          Map.entry("DeleteItem", "delete"),
          Map.entry("Query", "query"),
          Map.entry("Scan", "scan"),
          Map.entry("BatchGetItem", "batch_get"),
          Map.entry("BatchWriteItem", "batch_write"),
          Map.entry("TransactGetItems", "transact_get"),
          Map.entry("TransactWriteItems", "transact_write"),
          Map.entry("DescribeTable", "describe_table"),
          Map.entry("ListTables", "list_tables"),
          Map.entry("CreateTable", "create-table"),
          Map.entry("DescribeStream", "streams.subscribe"),
          Map.entry("GetShardIterator", "streams.subscribe"),
          Map.entry("GetRecords", "streams.subscribe"));

  private final Dynakit dynakit;
  private final MeterRegistry registry;
  private final PrintWriter out;
  private int step;

  Demo(Dynakit dynakit, MeterRegistry registry, PrintWriter out) {
    this.dynakit = dynakit;
    this.registry = registry;
    this.out = out;
  }

  void run() {
    out.println(
        "dynakit demo: a tour on an in-memory engine (endpoint embedded:); nothing is kept.");
    out.println("Every step is one of the adapter's verbs, as 'dynakit VERB --args JSON' runs it.");
    createTable();
    puts();
    queries();
    refusedCondition();
    transaction();
    batchWrite();
    optimisticLock();
    streams();
    summary();
  }

  private void createTable() {
    heading("A table with a global secondary index");
    show(
        "create-table Music --pk Artist:S --sk SongTitle:S --gsi ByGenre=Genre:S,Year:N"
            + " --stream new-and-old-images --allow-write");
    dynakit
        .sdk()
        .createTable(
            b ->
                b.tableName(TABLE)
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(
                        attribute("Artist", "S"),
                        attribute("SongTitle", "S"),
                        attribute("Genre", "S"),
                        attribute("Year", "N"))
                    .keySchema(key("Artist", "HASH"), key("SongTitle", "RANGE"))
                    .globalSecondaryIndexes(
                        g ->
                            g.indexName("ByGenre")
                                .keySchema(key("Genre", "HASH"), key("Year", "RANGE"))
                                .projection(p -> p.projectionType("ALL")))
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
    Map<String, Object> table = map(dynakit.call("describe_table", args("table", TABLE)), "table");
    result(
        TABLE
            + " is "
            + table.get("TableStatus")
            + ", billed "
            + map(table, "BillingModeSummary").get("BillingMode")
            + ", index ByGenre (Genre, Year) projects ALL, stream of new and old images");
  }

  private void puts() {
    heading("Puts: plain JSON in, DynamoDB types inferred");
    put("No One You Know", "Call Me Today", "Country", 2021, 1);
    put("No One You Know", "My Dog Spot", "Country", 2019, 1);
    put("Acme Band", "Happy Day", "Rock", 2021, 1);
    put("Acme Band", "PartiQL Rocks", "Rock", 2023, 1);
    put("The Acme Band", "Still in Love", "Country", 2023, 1);
    show("put --args '{\"table\":\"Music\",\"item\":{\"Artist\":\"No One You Know\",...}}'  x5");
    result("5 items written");
  }

  private void put(String artist, String title, String genre, int year, int version) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("Artist", artist);
    item.put("SongTitle", title);
    item.put("Genre", genre);
    item.put("Year", year);
    item.put("version", version);
    dynakit.call("put", args("table", TABLE, "item", item));
  }

  private void queries() {
    heading("A query on the base table");
    Map<String, Object> query =
        args(
            "table",
            TABLE,
            "key_condition",
            "Artist = :a",
            "values",
            args(":a", "No One You Know"),
            "projection",
            "SongTitle, #y",
            "names",
            args("#y", "Year"));
    show("query --args '" + Json.write(query) + "'");
    result(Json.write(dynakit.call("query", query)));

    heading("A query on the index: Country songs since 2020");
    Map<String, Object> byGenre =
        args(
            "table",
            TABLE,
            "index",
            "ByGenre",
            "key_condition",
            "Genre = :g AND #y >= :y",
            "names",
            args("#y", "Year"),
            "values",
            args(":g", "Country", ":y", 2020),
            "projection",
            "Artist, SongTitle, #y");
    show("query --args '" + Json.write(byGenre) + "'");
    result(Json.write(dynakit.call("query", byGenre)));
  }

  private void refusedCondition() {
    heading("A conditional update, refused with DynamoDB's own message");
    Map<String, Object> update =
        args(
            "table",
            TABLE,
            "key",
            args("Artist", "Acme Band", "SongTitle", "Happy Day"),
            "update",
            "SET #y = :new",
            "condition",
            "#y < :limit",
            "names",
            args("#y", "Year"),
            "values",
            args(":new", 2024, ":limit", 2000));
    show("update --args '" + Json.write(update) + "'");
    try {
      dynakit.call("update", update);
      result("unexpectedly written");
    } catch (ConditionalCheckException e) {
      result(e.getClass().getSimpleName() + " (" + e.kind() + "): " + e.getMessage());
      result("exit code " + ExitCode.CONDITION_FAILED.code() + " from the command line");
    }
  }

  private void transaction() {
    heading("A transaction: a new song and a version bump, all or nothing");
    Map<String, Object> newSong =
        args(
            "table",
            TABLE,
            "item",
            args(
                "Artist",
                "Acme Band",
                "SongTitle",
                "Encore",
                "Genre",
                "Rock",
                "Year",
                2024,
                "version",
                1),
            "condition",
            "attribute_not_exists(SongTitle)");
    Map<String, Object> bump =
        args(
            "table",
            TABLE,
            "key",
            args("Artist", "Acme Band", "SongTitle", "Happy Day"),
            "update",
            "SET version = version + :one",
            "values",
            args(":one", 1));
    Map<String, Object> write = args("items", List.of(args("put", newSong), args("update", bump)));
    show("transact_write --args '{\"items\":[{\"put\":{...}},{\"update\":{...}}]}'");
    result(Json.write(dynakit.call("transact_write", write)));
    note("the same again: the put's condition fails, so neither write happens");
    Map<String, Object> again = dynakit.call("transact_write", write);
    result(Json.write(again));
    Map<String, Object> happyDay =
        map(
            dynakit.call(
                "get",
                args(
                    "table",
                    TABLE,
                    "key",
                    args("Artist", "Acme Band", "SongTitle", "Happy Day"),
                    "projection",
                    "version")),
            "item");
    result("Happy Day is at version " + happyDay.get("version") + " (bumped once, not twice)");
  }

  private void batchWrite() {
    heading("A batch write: 60 items, at most 25 a request");
    List<Object> pending = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      pending.add(
          args(
              "put",
              args(
                  "Artist",
                  "Batch Band",
                  "SongTitle",
                  String.format(Locale.ROOT, "Track %02d", i),
                  "Genre",
                  "Ambient",
                  "Year",
                  2020 + i % 5,
                  "version",
                  1)));
    }
    show("batch_write --args '{\"requests\":{\"Music\":[{\"put\":{...}}, ...]}}'");
    int requests = 0;
    int unprocessed = 0;
    int written = 0;
    while (!pending.isEmpty()) {
      List<Object> chunk = new ArrayList<>(pending.subList(0, Math.min(25, pending.size())));
      pending.subList(0, chunk.size()).clear();
      Map<String, Object> answer =
          dynakit.call("batch_write", args("requests", args(TABLE, chunk)));
      requests++;
      @SuppressWarnings("unchecked")
      List<Object> left =
          (List<Object>) map(answer, "unprocessed_items").getOrDefault(TABLE, List.<Object>of());
      unprocessed += left.size();
      written += chunk.size() - left.size();
      pending.addAll(left);
    }
    result(
        written
            + " items in "
            + requests
            + " requests: "
            + String.format(Locale.ROOT, "%.1f", (double) written / requests)
            + " items/request, "
            + unprocessed
            + " unprocessed (retried)");
  }

  private void optimisticLock() {
    heading("Optimistic locking: two writers, one version attribute");
    Map<String, Object> key = args("Artist", "No One You Know", "SongTitle", "Call Me Today");
    Object version =
        map(dynakit.call("get", args("table", TABLE, "key", key, "projection", "version")), "item")
            .get("version");
    result("writers A and B both read version " + version);
    Map<String, Object> update =
        args(
            "table",
            TABLE,
            "key",
            key,
            "update",
            "SET version = :next, Notes = :notes",
            "condition",
            "version = :read",
            "values",
            args(":read", version, ":next", 2, ":notes", "from A"),
            "return_values",
            "UPDATED_NEW");
    note("A: update with condition 'version = :read' (:read = 1), SET version = 2");
    result(Json.write(dynakit.call("update", update)));
    note("B: the same update, with its stale :read = 1");
    try {
      Map<String, Object> values = new LinkedHashMap<>(map(update, "values"));
      values.put(":notes", "from B");
      Map<String, Object> fromB = new LinkedHashMap<>(update);
      fromB.put("values", values);
      dynakit.call("update", fromB);
      result("unexpectedly written");
    } catch (ConditionalCheckException e) {
      result("B is refused: " + e.getMessage() + "; B reads again and retries, A's write is kept");
    }
  }

  @SuppressWarnings("unchecked")
  private void streams() {
    heading("The table's stream: every change above, in order");
    Map<String, Object> subscribe =
        args(
            "table_name",
            TABLE,
            "shard_iterator_type",
            "TRIM_HORIZON",
            "timeout_s",
            0,
            "max_events",
            1000);
    show("streams.subscribe --args '" + Json.write(subscribe) + "'");
    List<Map<String, Object>> events =
        (List<Map<String, Object>>) dynakit.call("streams.subscribe", subscribe).get("events");
    Map<String, Integer> byName = new TreeMap<>();
    events.forEach(e -> byName.merge((String) e.get("eventName"), 1, Integer::sum));
    Map<String, Object> last = events.get(events.size() - 1);
    Map<String, Object> change = map(last, "dynamodb");
    result(events.size() + " changes " + byName + "; the last:");
    result(
        last.get("eventName")
            + " "
            + Json.write(change.get("Keys"))
            + ", version "
            + map(change, "OldImage").get("version")
            + " -> "
            + map(change, "NewImage").get("version"));
    note("'dynakit streams tail Music' follows the stream as changes come (docs/streams.md)");
  }

  private void summary() {
    heading("What the adapter measured (Micrometer, SimpleMeterRegistry)");
    Map<String, long[]> operations = new TreeMap<>();
    for (Counter counter : registry.find("dynamodb_operations_total").counters()) {
      long[] counts =
          operations.computeIfAbsent(counter.getId().getTag("operation"), k -> new long[2]);
      counts["success".equals(counter.getId().getTag("status")) ? 0 : 1] += (long) counter.count();
    }
    out.println("   operations by verb (ok / error):");
    operations.forEach(
        (operation, counts) ->
            out.printf(
                Locale.ROOT,
                "     %-36s %4d / %d%n",
                VERBS.getOrDefault(operation, "sdk") + " (" + operation + ")",
                counts[0],
                counts[1]));
    Map<String, Double> errors = sum("dynamodb_errors_total", "error_type");
    out.println("   errors by type:");
    errors.forEach((type, count) -> out.printf(Locale.ROOT, "     %-36s %4.0f%n", type, count));
    out.println("   consumed capacity (units, by table):");
    sum("dynamodb_consumed_capacity_total", "table")
        .forEach((table, units) -> out.printf(Locale.ROOT, "     %-20s %7.1f%n", table, units));
    out.println("   latency (this run; varies):");
    Map<String, Timer> timers = new TreeMap<>();
    for (Timer timer : registry.find("dynamodb_operation_duration_seconds").timers()) {
      timers.merge(timer.getId().getTag("operation"), timer, (a, b) -> a);
    }
    timers.forEach(
        (operation, timer) ->
            out.printf(
                Locale.ROOT,
                "     %-20s mean %6.2f ms, max %6.2f ms%n",
                operation,
                timer.mean(TimeUnit.MICROSECONDS) / 1000.0,
                timer.max(TimeUnit.MICROSECONDS) / 1000.0));
    out.println();
    out.println(
        "Next: ./dynakit --help, docs/cli.md; the same verbs run on AWS with --endpoint aws.");
  }

  private static AttributeDefinition attribute(String name, String type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, String type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private Map<String, Double> sum(String meter, String tag) {
    Map<String, Double> sums = new TreeMap<>();
    for (Counter counter : registry.find(meter).counters()) {
      sums.merge(counter.getId().getTag(tag), counter.count(), Double::sum);
    }
    return sums;
  }

  private void heading(String title) {
    step++;
    out.println();
    out.println(step + ". " + title);
  }

  private void show(String command) {
    out.println("   $ dynakit " + command);
  }

  private void note(String text) {
    out.println("   " + text);
  }

  private void result(String text) {
    out.println("   -> " + text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> from, String key) {
    Object value = from.get(key);
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  /** An ordered map from alternating keys and values. */
  private static Map<String, Object> args(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
