package dev.dynakit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Global secondary indexes with multi-attribute keys, randomized from a seed: a table with random
 * indexes of one to four partition key attributes and up to four sort key attributes (some of them
 * the table's own key attributes), random items (some lacking key attributes, a few with a key
 * attribute of the wrong type), random updates and deletes that move items in and out of the
 * indexes, an index added by UpdateTable over items already there, and random Query key conditions
 * (valid ones, and invalid ones on purpose: a partition key attribute without equality, a sort key
 * attribute skipped, a range before the last condition, an attribute outside the key, a value of
 * the wrong type), each read page by page, on DynamoDB Local and on every engine target, every
 * outcome compared. Writes ask for no consumed capacity: DynamoDB Local charges an index for
 * overwriting an item that is in it neither before nor after (docs/compatibility.md; asserted by
 * {@code MultiAttributeKeysTest} in dynakit-engine).
 *
 * <p>DynamoDB Local fails inside ({@code LocalDBAccessException}, a missing SQLite column) on a
 * multi-attribute index added by UpdateTable that keys on attributes no other index used, so the
 * index this test adds by UpdateTable keys on attributes of the others; a round where DynamoDB
 * Local fails inside all the same is aborted (reported as skipped, naming the step), as the
 * reference gave no answer.
 *
 * <p>{@code mvn verify} runs the seeds 1 to {@value #ROUNDS}; {@code -Ddynakit.seed=S} runs the
 * seed S alone (a failure names its seed), and {@code -Ddynakit.seed=random} runs new seeds.
 */
class MultiAttributeIndexTest {
  static final int ROUNDS = 4;
  private static final int OPERATIONS = 120;
  private static final String[] POOL = {"a", "b", "c", "d", "e", "f"};
  private static final ScalarAttributeType[] TYPES = {
    ScalarAttributeType.S, ScalarAttributeType.N, ScalarAttributeType.B
  };
  private static final String[] STRINGS = {"a", "ab", "abc", "b", "ba", "é"};
  private static final String[] NUMBERS = {"-1", "0", "1", "1.5", "2", "10"};
  private static final byte[][] BYTES = {{1}, {1, 2}, {1, 2, 3}, {2}, {(byte) 0xff}};
  private static final String[] OPERATORS = {"=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"};

  /** How an internal failure of DynamoDB Local shows in a difference. */
  private static final String LOCAL_FAILURE =
      "DYNAMODB_LOCAL: {unexpected=software.amazon.dynamodb.services.local.shared.exceptions"
          + ".LocalDBAccessException";

  private static Comparison targets;

  @BeforeAll
  static void open() {
    targets = Comparison.open();
  }

  @AfterAll
  static void close() {
    targets.close();
  }

  @TestFactory
  Stream<DynamicTest> multiAttributeIndexesAnswerAsDynamoDbLocal() {
    String seed = System.getProperty("dynakit.seed", "").trim();
    LongStream seeds =
        seed.isEmpty()
            ? LongStream.rangeClosed(1, ROUNDS)
            : seed.equals("random")
                ? new Random().longs(ROUNDS)
                : LongStream.of(Long.parseLong(seed));
    return seeds.mapToObj(
        each -> DynamicTest.dynamicTest("seed " + each, () -> new Round(each).run()));
  }

  /** One seed's table, indexes, items and requests. */
  private static final class Round {
    private final long seed;
    private final RandomValues random;
    private final String table;
    private final Map<String, ScalarAttributeType> types = new LinkedHashMap<>();
    private final List<KeySchemaElement> tableKey = new ArrayList<>();
    private final List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    private final List<Map<String, AttributeValue>> written = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    Round(long seed) {
      this.seed = seed;
      this.random = new RandomValues(new Random(seed));
      this.table = "multi" + Long.toUnsignedString(seed);
      types.put("pk", random.pick(TYPES));
      tableKey.add(key("pk", KeyType.HASH));
      if (random.chance(0.7)) {
        types.put("sk", random.pick(TYPES));
        tableKey.add(key("sk", KeyType.RANGE));
      }
      for (String attribute : POOL) {
        types.put(attribute, random.pick(TYPES));
      }
      int count = random.between(1, 3);
      for (int i = count; i > 0; i--) {
        if (i == 1 && later(count)) {
          // An index added by UpdateTable keys on attributes the other indexes use: DynamoDB Local
          // fails inside on one that needs more (docs/compatibility.md).
          List<String> used = new ArrayList<>();
          indexes.forEach(
              index ->
                  index.keySchema().stream()
                      .map(KeySchemaElement::attributeName)
                      .filter(name -> List.of(POOL).contains(name) && !used.contains(name))
                      .forEach(used::add));
          indexes.add(index("gsi" + i, used));
        } else {
          indexes.add(index("gsi" + i, List.of(POOL)));
        }
      }
    }

    /** Whether the last index is added by UpdateTable, over the items already written. */
    private boolean later(int count) {
      return seed % 2 == 1 && count > 1;
    }

    void run() {
      // An odd seed adds its last index by UpdateTable, over the items already written.
      boolean later = later(indexes.size());
      List<GlobalSecondaryIndex> first = later ? indexes.subList(0, indexes.size() - 1) : indexes;
      check(
          "create " + table + " with " + first,
          c -> indexesOf(c.createTable(create(first)).tableDescription()));
      try {
        for (int i = 0; i < 40; i++) {
          put();
        }
        if (later) {
          GlobalSecondaryIndex added = indexes.get(indexes.size() - 1);
          check(
              "add " + added,
              c ->
                  c
                      .updateTable(
                          b ->
                              b.tableName(table)
                                  .attributeDefinitions(definitions(List.of(added)))
                                  .globalSecondaryIndexUpdates(
                                      u ->
                                          u.create(
                                              g ->
                                                  g.indexName(added.indexName())
                                                      .keySchema(added.keySchema())
                                                      .projection(added.projection()))))
                      .tableDescription()
                      .globalSecondaryIndexes()
                      .stream()
                      .map(index -> index.indexName() + index.keySchema())
                      .sorted()
                      .toList());
        }
        for (int i = 0; i < OPERATIONS; i++) {
          double roll = random.between(0, 99);
          if (roll < 55) {
            query();
          } else if (roll < 65) {
            scan();
          } else if (roll < 80) {
            put();
          } else if (roll < 92) {
            update();
          } else {
            delete();
          }
        }
        for (GlobalSecondaryIndex index : indexes) {
          check("every entry of " + index.indexName(), scanAll(index.indexName(), null));
        }
      } finally {
        targets.endpoints().forEach(e -> e.client().deleteTable(b -> b.tableName(table)));
      }
    }

    /** The indexes a description lists, by name (their order is DynamoDB Local's hash order). */
    private static List<String> indexesOf(TableDescription description) {
      return description.globalSecondaryIndexes().stream()
          .map(i -> i.indexName() + " " + i.keySchema() + " " + i.projection())
          .sorted()
          .toList();
    }

    private Outcome check(String description, Scenario scenario) {
      log.add(description);
      try {
        return compare(description, scenario);
      } catch (AssertionError e) {
        if (String.valueOf(e.getMessage()).contains(LOCAL_FAILURE)) {
          // The reference failed inside (a bug of DynamoDB Local, docs/compatibility.md): it gave
          // no answer to compare with, and its state now differs. The round ends here.
          Assumptions.abort(
              "DynamoDB Local failed internally at step "
                  + log.size()
                  + " of seed "
                  + seed
                  + " ("
                  + description
                  + "), indexes "
                  + indexes);
        }
        throw e;
      }
    }

    private Outcome compare(String description, Scenario scenario) {
      return targets.check(
          "seed "
              + seed
              + " (replay with -Ddynakit.seed="
              + seed
              + "), table "
              + types
              + " keyed "
              + tableKey.stream().map(KeySchemaElement::attributeName).toList()
              + ", indexes "
              + indexes.stream()
                  .map(
                      i ->
                          i.indexName()
                              + i.keySchema().stream()
                                  .map(k -> k.attributeName() + "/" + k.keyTypeAsString())
                                  .toList())
                  .toList()
              + ", step "
              + log.size()
              + ": "
              + description,
          scenario);
    }

    private GlobalSecondaryIndex index(String name, List<String> pool) {
      List<String> candidates = new ArrayList<>(pool);
      // The table's sort key only in the index's partition key: DynamoDB Local drops items from a
      // Query whose last sort key condition is on the table's sort key (docs/compatibility.md).
      tableKey.forEach(key -> candidates.add(key.attributeName()));
      java.util.Collections.shuffle(candidates, new Random(seed * 31 + name.hashCode()));
      int hashes = random.between(1, 4);
      int ranges = random.between(0, 4);
      if (candidates.indexOf("sk") >= hashes) {
        candidates.remove("sk");
      }
      List<KeySchemaElement> keys = new ArrayList<>();
      for (int i = 0; i < hashes + ranges && i < candidates.size(); i++) {
        keys.add(key(candidates.get(i), i < hashes ? KeyType.HASH : KeyType.RANGE));
      }
      Projection projection =
          switch (random.between(0, 2)) {
            case 0 -> Projection.builder().projectionType(ProjectionType.ALL).build();
            case 1 -> Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build();
            default ->
                Projection.builder()
                    .projectionType(ProjectionType.INCLUDE)
                    .nonKeyAttributes("extra")
                    .build();
          };
      return GlobalSecondaryIndex.builder()
          .indexName(name)
          .keySchema(keys)
          .projection(projection)
          .build();
    }

    private CreateTableRequest create(List<GlobalSecondaryIndex> withIndexes) {
      List<GlobalSecondaryIndex> all = new ArrayList<>(withIndexes);
      return CreateTableRequest.builder()
          .tableName(table)
          .keySchema(tableKey)
          .attributeDefinitions(definitions(all))
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .globalSecondaryIndexes(all)
          .build();
    }

    /** The definitions of the table's key attributes and of those of the indexes. */
    private List<AttributeDefinition> definitions(List<GlobalSecondaryIndex> withIndexes) {
      Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
      List<KeySchemaElement> keys = new ArrayList<>(tableKey);
      withIndexes.forEach(index -> keys.addAll(index.keySchema()));
      for (KeySchemaElement key : keys) {
        definitions.put(
            key.attributeName(),
            AttributeDefinition.builder()
                .attributeName(key.attributeName())
                .attributeType(types.get(key.attributeName()))
                .build());
      }
      return new ArrayList<>(definitions.values());
    }

    private void put() {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      for (KeySchemaElement key : tableKey) {
        item.put(key.attributeName(), value(types.get(key.attributeName())));
      }
      for (String attribute : POOL) {
        if (random.chance(0.8)) {
          item.put(attribute, attributeValue(attribute));
        }
      }
      if (random.chance(0.5)) {
        item.put("extra", AttributeValue.fromS(random.pick(STRINGS)));
      }
      Outcome outcome =
          check(
              "put " + item,
              c -> c.putItem(b -> b.tableName(table).item(item).returnValues("ALL_OLD")));
      if (!outcome.isError()) {
        written.add(item);
      }
    }

    /** A value for a pool attribute: of its type, now and then of another or empty. */
    private AttributeValue attributeValue(String attribute) {
      ScalarAttributeType type = types.get(attribute);
      if (random.chance(0.03)) {
        return value(random.pick(TYPES));
      }
      if (random.chance(0.02) && type != ScalarAttributeType.N) {
        return type == ScalarAttributeType.S
            ? AttributeValue.fromS("")
            : AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0]));
      }
      return value(type);
    }

    private AttributeValue value(ScalarAttributeType type) {
      return switch (type) {
        case N -> AttributeValue.fromN(random.pick(NUMBERS));
        case B -> AttributeValue.fromB(SdkBytes.fromByteArray(random.pick(BYTES)));
        default -> AttributeValue.fromS(random.pick(STRINGS));
      };
    }

    private Map<String, AttributeValue> someKey() {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      Map<String, AttributeValue> item = written.isEmpty() ? null : random.pick(written);
      for (KeySchemaElement element : tableKey) {
        String name = element.attributeName();
        key.put(name, item == null ? value(types.get(name)) : item.get(name));
      }
      return key;
    }

    private void update() {
      Map<String, AttributeValue> key = someKey();
      String attribute = random.pick(POOL);
      boolean remove = random.chance(0.3);
      AttributeValue value = attributeValue(attribute);
      check(
          "update " + key + (remove ? " remove " + attribute : " set " + attribute + "=" + value),
          c ->
              c.updateItem(
                  b -> {
                    b.tableName(table).key(key).returnValues("ALL_NEW");
                    if (remove) {
                      b.updateExpression("REMOVE " + attribute);
                    } else {
                      b.updateExpression("SET " + attribute + " = :v")
                          .expressionAttributeValues(Map.of(":v", value));
                    }
                  }));
    }

    private void delete() {
      Map<String, AttributeValue> key = someKey();
      check(
          "delete " + key,
          c ->
              c.deleteItem(
                  b ->
                      b.tableName(table)
                          .key(key)
                          .returnValues("ALL_OLD")
                          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    }

    private void scan() {
      GlobalSecondaryIndex index = random.pick(indexes);
      Integer limit = random.chance(0.5) ? random.between(1, 6) : null;
      check("scan " + index.indexName() + " limit " + limit, scanAll(index.indexName(), limit));
    }

    private Scenario scanAll(String index, Integer limit) {
      ScanRequest request =
          ScanRequest.builder()
              .tableName(table)
              .indexName(index)
              .limit(limit)
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
              .build();
      return client -> RandomRequests.scanPages(client, request);
    }

    private void query() {
      GlobalSecondaryIndex index = random.pick(indexes);
      Map<String, AttributeValue> like =
          written.isEmpty() || random.chance(0.1) ? Map.of() : random.pick(written);
      List<String> terms = new ArrayList<>();
      Map<String, String> names = new LinkedHashMap<>();
      Map<String, AttributeValue> values = new LinkedHashMap<>();
      List<KeySchemaElement> hashes =
          index.keySchema().stream().filter(k -> k.keyType() == KeyType.HASH).toList();
      List<KeySchemaElement> ranges =
          index.keySchema().stream().filter(k -> k.keyType() == KeyType.RANGE).toList();
      for (KeySchemaElement hash : hashes) {
        if (random.chance(0.03)) {
          continue;
        }
        terms.add(term(hash.attributeName(), random.chance(0.03) ? "<" : "=", like, names, values));
      }
      int conditioned = ranges.isEmpty() ? 0 : random.between(0, ranges.size());
      for (int i = 0; i < conditioned; i++) {
        String attribute = ranges.get(i).attributeName();
        boolean last = i == conditioned - 1;
        if (random.chance(0.04)) {
          continue;
        }
        String operator = last || random.chance(0.04) ? random.pick(OPERATORS) : "=";
        terms.add(term(attribute, operator, like, names, values));
      }
      if (random.chance(0.04)) {
        terms.add(term("extra", "=", like, names, values));
      }
      if (terms.isEmpty()) {
        terms.add(term(hashes.get(0).attributeName(), "=", like, names, values));
      }
      java.util.Collections.shuffle(terms, new Random(seed + log.size()));
      String condition = String.join(" AND ", terms);
      Integer limit = random.chance(0.5) ? random.between(1, 5) : null;
      boolean forward = random.chance(0.6);
      QueryRequest request =
          QueryRequest.builder()
              .tableName(table)
              .indexName(index.indexName())
              .keyConditionExpression(condition)
              .expressionAttributeNames(names)
              .expressionAttributeValues(values)
              .limit(limit)
              .scanIndexForward(forward)
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
              .build();
      check(
          "query "
              + index.indexName()
              + index.keySchema()
              + " "
              + condition
              + " "
              + values
              + " limit "
              + limit
              + (forward ? "" : " backwards"),
          client ->
              RandomRequests.pages(
                  null,
                  start -> client.query(request.toBuilder().exclusiveStartKey(start).build()),
                  QueryResponse::lastEvaluatedKey));
    }

    /** One condition on an attribute, its values mostly those of an item written. */
    private String term(
        String attribute,
        String operator,
        Map<String, AttributeValue> like,
        Map<String, String> names,
        Map<String, AttributeValue> values) {
      String name = "#n" + names.size();
      names.put(name, attribute);
      String first = placeholder(attribute, like, values);
      return switch (operator) {
        case "BETWEEN" ->
            name + " BETWEEN " + first + " AND " + placeholder(attribute, Map.of(), values);
        case "begins_with" -> "begins_with(" + name + ", " + first + ")";
        default -> name + " " + operator + " " + first;
      };
    }

    private String placeholder(
        String attribute, Map<String, AttributeValue> like, Map<String, AttributeValue> values) {
      String placeholder = ":v" + values.size();
      AttributeValue value =
          like.containsKey(attribute) && random.chance(0.85)
              ? like.get(attribute)
              : random.chance(0.03)
                  ? value(random.pick(TYPES))
                  : value(types.getOrDefault(attribute, ScalarAttributeType.S));
      values.put(placeholder, value);
      return placeholder;
    }

    private static KeySchemaElement key(String name, KeyType type) {
      return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
  }
}
