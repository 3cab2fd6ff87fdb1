package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexWarmThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The control plane of secondary indexes (CreateTable with global and local secondary indexes,
 * UpdateTable's GlobalSecondaryIndexUpdates, DescribeTable and DeleteTable of indexed tables) on
 * the engine, in-process and over HTTP, and on Amazon DynamoDB Local: the same descriptions, the
 * same errors with the same messages, checked in the same order.
 */
class IndexTablesTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE =
      DynakitEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  static AttributeDefinition[] definitions(String... namesAndTypes) {
    AttributeDefinition[] definitions = new AttributeDefinition[namesAndTypes.length / 2];
    for (int i = 0; i < definitions.length; i++) {
      definitions[i] =
          AttributeDefinition.builder()
              .attributeName(namesAndTypes[2 * i])
              .attributeType(namesAndTypes[2 * i + 1])
              .build();
    }
    return definitions;
  }

  static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }

  static Projection all() {
    return Projection.builder().projectionType(ProjectionType.ALL).build();
  }

  static Projection include(String... attributes) {
    return Projection.builder()
        .projectionType(ProjectionType.INCLUDE)
        .nonKeyAttributes(attributes)
        .build();
  }

  static String[] attributes(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new);
  }

  /** A provisioned global index on {@code g} (hash) and {@code n} (range) projecting all. */
  static GlobalSecondaryIndex gsi(String name) {
    return gsi(name, all(), hash("g"), range("n"));
  }

  static GlobalSecondaryIndex gsi(String name, Projection projection, KeySchemaElement... keys) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keys)
        .projection(projection)
        .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(3L))
        .build();
  }

  /**
   * A table whose global index projects {@code globalCount} attributes named {@code globalPrefix}0,
   * 1... and whose local index projects {@code localCount} named {@code localPrefix}0, 1...
   */
  static Consumer<CreateTableRequest.Builder> projecting(
      String globalPrefix, int globalCount, String localPrefix, int localCount) {
    return table(
        b ->
            b.globalSecondaryIndexes(
                    gsi("gx1", include(attributes(globalPrefix, globalCount)), hash("g")))
                .localSecondaryIndexes(
                    lsi(
                        "lx1",
                        include(attributes(localPrefix, localCount)),
                        hash("pk"),
                        range("n"))));
  }

  /** That many global indexes g0x, g1x... as {@link #gsi(String)} defines them. */
  static GlobalSecondaryIndex[] globals(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> gsi("g" + i + "x"))
        .toArray(GlobalSecondaryIndex[]::new);
  }

  /** That many local indexes l0x, l1x... as {@link #lsi(String)} defines them. */
  static LocalSecondaryIndex[] locals(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> lsi("l" + i + "x"))
        .toArray(LocalSecondaryIndex[]::new);
  }

  /** A local index on {@code pk} (hash) and {@code n} (range) projecting all. */
  static LocalSecondaryIndex lsi(String name) {
    return lsi(name, all(), hash("pk"), range("n"));
  }

  static LocalSecondaryIndex lsi(String name, Projection projection, KeySchemaElement... keys) {
    return LocalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keys)
        .projection(projection)
        .build();
  }

  /**
   * A provisioned table "indexed" keyed on {@code pk} and {@code sk}, with {@code g} and {@code n}
   * defined for its indexes.
   */
  static Consumer<CreateTableRequest.Builder> table(Consumer<CreateTableRequest.Builder> more) {
    Consumer<CreateTableRequest.Builder> base =
        b ->
            b.tableName("indexed")
                .attributeDefinitions(definitions("pk", "S", "sk", "S", "g", "S", "n", "N"))
                .keySchema(hash("pk"), range("sk"))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L));
    return base.andThen(more);
  }

  /** The table billed on demand (and without throughput). */
  static CreateTableRequest.Builder onDemandBilling(CreateTableRequest.Builder table) {
    return table
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .provisionedThroughput((ProvisionedThroughput) null);
  }

  static Consumer<CreateTableRequest.Builder> withGlobal(GlobalSecondaryIndex... indexes) {
    return table(b -> b.globalSecondaryIndexes(indexes));
  }

  /** The table with the global indexes, and S attributes a to f defined besides its own. */
  static Consumer<CreateTableRequest.Builder> wide(GlobalSecondaryIndex... indexes) {
    return table(
        b ->
            b.attributeDefinitions(
                    definitions(
                        "pk", "S", "sk", "S", "g", "S", "n", "N", "a", "S", "b", "S", "c", "S", "d",
                        "S", "e", "S", "f", "B"))
                .globalSecondaryIndexes(indexes));
  }

  static Consumer<CreateTableRequest.Builder> withLocal(LocalSecondaryIndex... indexes) {
    return table(
        b ->
            b.attributeDefinitions(definitions("pk", "S", "sk", "S", "n", "N"))
                .localSecondaryIndexes(indexes));
  }

  private static void add(
      List<Arguments> cases, String name, Consumer<CreateTableRequest.Builder> request) {
    cases.add(Arguments.of(name, request));
  }

  static Stream<Arguments> creates() {
    List<Arguments> cases = new ArrayList<>();
    // index names
    add(cases, "global index name too short", withGlobal(gsi("ab")));
    add(cases, "global index name with a space", withGlobal(gsi("a b")));
    add(cases, "global index name too long", withGlobal(gsi("a".repeat(256))));
    add(cases, "global index name of 255 characters", withGlobal(gsi("a".repeat(255))));
    add(cases, "global index without a name", withGlobal(gsi(null)));
    add(
        cases,
        "local index name too short",
        table(b -> b.localSecondaryIndexes(lsi("x")).globalSecondaryIndexes(gsi("gx1"))));
    add(cases, "two global indexes of one name", withGlobal(gsi("same"), gsi("same")));
    add(
        cases,
        "two local indexes of one name",
        table(
            b ->
                b.localSecondaryIndexes(lsi("same"), lsi("same"))
                    .globalSecondaryIndexes(gsi("gx1"))));
    add(
        cases,
        "a global and a local index of one name",
        table(b -> b.localSecondaryIndexes(lsi("same")).globalSecondaryIndexes(gsi("same"))));
    add(cases, "an index named as its table", withGlobal(gsi("indexed")));
    // the table's own key schema and attribute definitions, without attribute names
    add(cases, "table hash key without a name", table(b -> b.keySchema(hash(null), range("sk"))));
    add(cases, "table range key without a name", table(b -> b.keySchema(hash("pk"), range(null))));
    add(
        cases,
        "attribute definition without a name",
        table(
            b ->
                b.attributeDefinitions(
                    AttributeDefinition.builder().attributeType("S").build(),
                    AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                    AttributeDefinition.builder().attributeName("sk").attributeType("S").build())));
    add(
        cases,
        "local index key without a name",
        withLocal(lsi("l1").toBuilder().keySchema(hash("pk"), range(null)).build()));
    // key schemas of global indexes
    add(cases, "global index without key schema", withGlobal(gsi("gx1", all())));
    add(
        cases,
        "global index with a null key schema",
        withGlobal(gsi("gx1").toBuilder().keySchema((List<KeySchemaElement>) null).build()));
    add(
        cases,
        "global index range key first",
        withGlobal(gsi("gx1", all(), range("n"), hash("g"))));
    add(
        cases,
        "global index of two range keys",
        withGlobal(gsi("gx1", all(), range("g"), range("n"))));
    // multi-attribute keys of global indexes
    add(
        cases,
        "global index of two hash keys",
        withGlobal(gsi("gx1", all(), hash("g"), hash("n"))));
    add(
        cases,
        "global index of two hash and two range keys",
        withGlobal(gsi("gx1", all(), hash("g"), hash("n"), range("sk"), range("pk"))));
    add(
        cases,
        "global index of a hash and three range keys",
        withGlobal(gsi("gx1", include("q"), hash("n"), range("g"), range("sk"), range("pk"))));
    add(
        cases,
        "global index of four hash and four range keys",
        wide(
            gsi(
                "gx1",
                all(),
                hash("a"),
                hash("b"),
                hash("c"),
                hash("d"),
                range("e"),
                range("f"),
                range("g"),
                range("n"))));
    add(
        cases,
        "global index of five hash keys",
        wide(gsi("gx1", all(), hash("a"), hash("b"), hash("c"), hash("d"), hash("e"))));
    add(
        cases,
        "global index of five range keys",
        wide(
            gsi(
                "gx1",
                all(),
                hash("a"),
                range("b"),
                range("c"),
                range("d"),
                range("e"),
                range("f"))));
    add(
        cases,
        "global index of nine keys",
        wide(
            gsi(
                "gx1",
                all(),
                hash("a"),
                hash("b"),
                hash("c"),
                hash("d"),
                hash("e"),
                range("f"),
                range("g"),
                range("n"),
                range("sk"))));
    add(
        cases,
        "global index with a hash key after a range key",
        withGlobal(gsi("gx1", all(), hash("g"), range("n"), hash("sk"))));
    add(
        cases,
        "global index with a multi-attribute key not defined",
        withGlobal(gsi("gx1", all(), hash("g"), hash("undefined"), range("n"))));
    add(
        cases,
        "global index naming one attribute as hash and range key",
        withGlobal(gsi("gx1", all(), hash("g"), hash("n"), range("g"))));
    add(cases, "local index of two hash keys", withLocal(lsi("lx1", all(), hash("pk"), hash("n"))));
    add(
        cases,
        "local index of a hash and two range keys",
        withLocal(lsi("lx1", all(), hash("pk"), range("n"), range("sk"))));
    add(
        cases,
        "table of two hash keys",
        table(
            b ->
                b.keySchema(hash("pk"), hash("sk"))
                    .attributeDefinitions(definitions("pk", "S", "sk", "S"))));
    add(
        cases,
        "table of a hash and two range keys",
        table(
            b ->
                b.keySchema(hash("pk"), range("sk"), range("n"))
                    .attributeDefinitions(definitions("pk", "S", "sk", "S", "n", "N"))));
    add(
        cases,
        "global index hash key not defined",
        withGlobal(gsi("gx1", all(), hash("x"), range("n"))));
    add(
        cases,
        "global index range key not defined",
        withGlobal(gsi("gx1", all(), hash("g"), range("x"))));
    add(
        cases,
        "global index of one key twice",
        withGlobal(gsi("gx1", all(), hash("g"), range("g"))));
    add(
        cases,
        "global index on the table's key",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "sk", "S"))
                    .globalSecondaryIndexes(gsi("gx1", all(), hash("sk"), range("pk")))));
    add(
        cases,
        "global index of a hash key only",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "sk", "S", "g", "S"))
                    .globalSecondaryIndexes(gsi("gx1", all(), hash("g")))));
    add(
        cases,
        "global index key element without a name",
        withGlobal(gsi("gx1", all(), hash(null), range("n"))));
    add(
        cases,
        "global index key element without a type",
        withGlobal(
            gsi("gx1", all(), hash("g"), KeySchemaElement.builder().attributeName("n").build())));
    // local indexes
    add(
        cases,
        "local index of another hash key",
        withLocal(lsi("lx1", all(), hash("g"), range("n"))));
    add(
        cases,
        "local index on a table without range key",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "n", "N"))
                    .keySchema(hash("pk"))
                    .localSecondaryIndexes(lsi("lx1"))));
    add(cases, "local index of a hash key only", withLocal(lsi("lx1", all(), hash("pk"))));
    add(cases, "local index range key first", withLocal(lsi("lx1", all(), range("n"), hash("pk"))));
    add(
        cases,
        "local index of three keys",
        withLocal(lsi("lx1", all(), hash("pk"), range("n"), range("g"))));
    add(
        cases,
        "local index range key not defined",
        withLocal(lsi("lx1", all(), hash("pk"), range("x"))));
    add(
        cases,
        "local index on the table's range key",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "sk", "S"))
                    .localSecondaryIndexes(lsi("lx1", all(), hash("pk"), range("sk")))));
    add(cases, "local index without key schema", withLocal(lsi("lx1", all())));
    // projections
    add(
        cases,
        "global index without projection",
        withGlobal(gsi("gx1", null, hash("g"), range("n"))));
    add(
        cases,
        "local index without projection",
        withLocal(lsi("lx1", null, hash("pk"), range("n"))));
    add(
        cases,
        "projection without type",
        withGlobal(gsi("gx1", Projection.builder().build(), hash("g"), range("n"))));
    add(
        cases,
        "projection of an unknown type",
        withGlobal(
            gsi(
                "gx1",
                Projection.builder().projectionType("SOME").build(),
                hash("g"),
                range("n"))));
    add(
        cases,
        "ALL with non-key attributes",
        withGlobal(
            gsi(
                "gx1",
                Projection.builder()
                    .projectionType(ProjectionType.ALL)
                    .nonKeyAttributes("a")
                    .build(),
                hash("g"),
                range("n"))));
    add(
        cases,
        "KEYS_ONLY with non-key attributes",
        withLocal(
            lsi(
                "lx1",
                Projection.builder()
                    .projectionType(ProjectionType.KEYS_ONLY)
                    .nonKeyAttributes("a")
                    .build(),
                hash("pk"),
                range("n"))));
    add(
        cases,
        "INCLUDE without non-key attributes",
        withGlobal(
            gsi(
                "gx1",
                Projection.builder().projectionType(ProjectionType.INCLUDE).build(),
                hash("g"),
                range("n"))));
    add(
        cases,
        "INCLUDE with no non-key attribute",
        withGlobal(gsi("gx1", include(), hash("g"), range("n"))));
    add(
        cases,
        "INCLUDE with an attribute twice",
        withGlobal(gsi("gx1", include("a", "b", "a"), hash("g"), range("n"))));
    add(
        cases,
        "INCLUDE with the table's key",
        withGlobal(gsi("gx1", include("a", "sk"), hash("g"), range("n"))));
    add(
        cases,
        "INCLUDE with the index's key",
        withLocal(lsi("lx1", include("n"), hash("pk"), range("n"))));
    add(
        cases,
        "INCLUDE with an empty name",
        withGlobal(gsi("gx1", include(""), hash("g"), range("n"))));
    add(cases, "100 non-key attributes in all", projecting("a", 60, "b", 40));
    add(cases, "101 non-key attributes in all", projecting("a", 61, "b", 40));
    add(
        cases,
        "one attribute projected into two indexes counts twice",
        projecting("a", 60, "a", 41));
    add(
        cases,
        "101 non-key attributes in one index",
        withGlobal(gsi("gx1", include(attributes("a", 101)), hash("g"), range("n"))));
    // index lists and attribute definitions
    add(cases, "empty global index list", table(b -> b.globalSecondaryIndexes(List.of())));
    add(cases, "empty local index list", table(b -> b.localSecondaryIndexes(List.of())));
    add(
        cases,
        "empty local index list and a global index",
        table(b -> b.localSecondaryIndexes(List.of()).globalSecondaryIndexes(gsi("gx1"))));
    add(
        cases,
        "a definition no key uses",
        table(
            b ->
                b.attributeDefinitions(
                        definitions("pk", "S", "sk", "S", "g", "S", "n", "N", "x", "S"))
                    .globalSecondaryIndexes(gsi("gx1"))));
    add(
        cases,
        "a definition no key uses with a local index",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "sk", "S", "g", "S", "n", "N"))
                    .localSecondaryIndexes(lsi("lx1"))));
    add(
        cases,
        "one attribute defined twice",
        table(
            b ->
                b.attributeDefinitions(
                        definitions("pk", "S", "sk", "S", "g", "S", "n", "N", "g", "N"))
                    .globalSecondaryIndexes(gsi("gx1"))));
    add(
        cases,
        "one attribute defined twice without indexes",
        table(b -> b.attributeDefinitions(definitions("pk", "S", "sk", "S", "pk", "S"))));
    add(
        cases,
        "no table throughput and an undefined table key without indexes",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S"))
                    .provisionedThroughput(
                        (software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput)
                            null)));
    // throughput
    add(
        cases,
        "provisioned global index without throughput",
        withGlobal(gsi("gx1").toBuilder().provisionedThroughput((p) -> {}).build()));
    add(
        cases,
        "provisioned table, global index with no throughput",
        withGlobal(
            gsi("gx1").toBuilder().provisionedThroughput((ProvisionedThroughput) null).build()));
    add(
        cases,
        "global index throughput of zero",
        withGlobal(
            gsi("gx1").toBuilder()
                .provisionedThroughput(p -> p.readCapacityUnits(0L).writeCapacityUnits(1L))
                .build()));
    // counts
    add(cases, "20 global indexes", withGlobal(globals(20)));
    add(cases, "21 global indexes", withGlobal(globals(21)));
    add(cases, "5 local indexes", withLocal(locals(5)));
    add(cases, "6 local indexes", withLocal(locals(6)));
    // the order of the checks
    add(cases, "bad name and no projection", withGlobal(gsi("a b", null, hash("g"), range("n"))));
    add(
        cases,
        "no projection, then a bad name",
        withGlobal(gsi("gx1", null, hash("g"), range("n")), gsi("a b")));
    add(
        cases,
        "bad name, then no projection",
        withGlobal(gsi("a b"), gsi("gx1", null, hash("g"), range("n"))));
    add(
        cases,
        "undefined key and no projection",
        withGlobal(gsi("gx1", null, hash("x"), range("n"))));
    add(
        cases,
        "undefined key, then a bad name",
        withGlobal(gsi("gx1", all(), hash("x"), range("n")), gsi("a b")));
    add(
        cases,
        "a bad local index and a bad global index",
        table(
            b ->
                b.globalSecondaryIndexes(gsi("gx1", null, hash("g"), range("n")))
                    .localSecondaryIndexes(lsi("lx1", all(), hash("g"), range("n")))));
    add(
        cases,
        "a bad global index name and a bad local index name",
        table(b -> b.globalSecondaryIndexes(gsi("a b")).localSecondaryIndexes(lsi("c d"))));
    add(
        cases,
        "duplicate names and undefined key",
        withGlobal(gsi("same", all(), hash("x"), range("n")), gsi("same")));
    add(
        cases,
        "table without throughput and a bad index",
        table(
            b ->
                b.provisionedThroughput((ProvisionedThroughput) null)
                    .globalSecondaryIndexes(gsi("a b"))));
    add(
        cases,
        "bad table name and a bad index",
        table(b -> b.tableName("x").globalSecondaryIndexes(gsi("a b"))));
    add(
        cases,
        "table hash key not defined and a bad index",
        table(
            b ->
                b.attributeDefinitions(definitions("sk", "S", "g", "S", "n", "N"))
                    .globalSecondaryIndexes(gsi("a b"))));
    add(
        cases,
        "an unused definition and an undefined index key",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "sk", "S", "n", "N", "x", "S"))
                    .globalSecondaryIndexes(gsi("gx1"))));
    add(
        cases,
        "21 global indexes and a bad one",
        withGlobal(
            Stream.concat(
                    IntStream.range(0, 20).mapToObj(i -> gsi("g" + i + "x")), Stream.of(gsi("a b")))
                .toArray(GlobalSecondaryIndex[]::new)));
    add(
        cases,
        "global index without throughput and without projection",
        withGlobal(
            gsi("gx1", null, hash("g"), range("n")).toBuilder()
                .provisionedThroughput((ProvisionedThroughput) null)
                .build()));
    add(
        cases,
        "on-demand global index with throughput and a bad projection",
        table(
            b ->
                onDemandBilling(b)
                    .globalSecondaryIndexes(gsi("gx1", include(), hash("g"), range("n")))));
    add(cases, "bad name and no throughput", withGlobal(onDemandGsi("a b")));
    add(
        cases,
        "no throughput and range key first",
        withGlobal(onDemand(gsi("gx1", all(), range("n"), hash("g")))));
    add(
        cases,
        "range key first and no projection",
        withGlobal(gsi("gx1", null, range("n"), hash("g"))));
    add(
        cases,
        "undefined key and two hash keys",
        withGlobal(gsi("gx1", all(), hash("x"), hash("g"))));
    add(
        cases,
        "range key first and undefined key",
        withGlobal(gsi("gx1", all(), range("x"), hash("g"))));
    add(
        cases,
        "one name twice, the second with an undefined key",
        withGlobal(gsi("same"), gsi("same", all(), hash("x"))));
    add(
        cases,
        "one name twice, the second without projection",
        withGlobal(gsi("same"), gsi("same", null, hash("g"))));
    add(
        cases,
        "one name global and local, the local without projection",
        table(
            b ->
                b.globalSecondaryIndexes(gsi("same"))
                    .localSecondaryIndexes(lsi("same", null, hash("pk"), range("n")))));
    add(
        cases,
        "21 global indexes and a bad local index",
        table(
            b ->
                b.globalSecondaryIndexes(globals(21))
                    .localSecondaryIndexes(lsi("lx1", all(), hash("g"), range("n")))));
    add(
        cases,
        "6 local indexes and a bad global index",
        table(b -> b.globalSecondaryIndexes(gsi("a b")).localSecondaryIndexes(locals(6))));
    add(
        cases,
        "101 non-key attributes and an index without projection",
        withGlobal(
            gsi("gx1", include(attributes("a", 101)), hash("g")), gsi("gx2", null, hash("g"))));
    add(
        cases,
        "101 non-key attributes and an undefined key",
        withGlobal(
            gsi("gx1", include(attributes("a", 101)), hash("g")), gsi("gx2", all(), hash("x"))));
    add(
        cases,
        "an attribute projected twice and an undefined key",
        withGlobal(gsi("gx1", include("a", "a"), hash("x"))));
    add(
        cases,
        "an attribute projected twice and no throughput",
        withGlobal(onDemand(gsi("gx1", include("a", "a"), hash("g")))));
    add(
        cases,
        "empty global index list and a bad local index",
        table(
            b ->
                b.globalSecondaryIndexes(List.of())
                    .localSecondaryIndexes(lsi("lx1", all(), hash("g"), range("n")))));
    add(
        cases,
        "local index of an undefined hash key",
        withLocal(lsi("lx1", all(), hash("x"), range("n"))));
    add(
        cases,
        "table without throughput and a good index",
        table(
            b ->
                b.provisionedThroughput((ProvisionedThroughput) null)
                    .globalSecondaryIndexes(gsi("gx1"))));
    add(
        cases,
        "an unused definition and a bad index name",
        table(
            b ->
                b.attributeDefinitions(
                        definitions("pk", "S", "sk", "S", "g", "S", "n", "N", "x", "S"))
                    .globalSecondaryIndexes(gsi("a b"))));
    add(
        cases,
        "zero throughput and a bad name",
        withGlobal(
            gsi("a b").toBuilder()
                .provisionedThroughput(p -> p.readCapacityUnits(0L).writeCapacityUnits(1L))
                .build()));
    add(
        cases,
        "projection of an unknown type with attributes",
        withGlobal(
            gsi(
                "gx1",
                Projection.builder().projectionType("SOME").nonKeyAttributes("a").build(),
                hash("g"),
                range("n"))));
    add(
        cases,
        "a key attribute name of 256 characters",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "sk", "S", "g".repeat(256), "S"))
                    .globalSecondaryIndexes(gsi("gx1", all(), hash("g".repeat(256))))));
    add(
        cases,
        "a projected attribute name of 256 characters",
        withGlobal(gsi("gx1", include("a".repeat(256)), hash("g"), range("n"))));
    add(
        cases,
        "a local index with a range key of another type name",
        table(
            b ->
                b.attributeDefinitions(definitions("pk", "S", "sk", "S", "n", "BOOL"))
                    .localSecondaryIndexes(lsi("lx1"))));
    // descriptions
    add(
        cases,
        "indexes of every projection, provisioned",
        table(
            b ->
                b.attributeDefinitions(
                        definitions("pk", "S", "sk", "S", "g", "S", "n", "N", "b", "B"))
                    .globalSecondaryIndexes(
                        gsi("zeta", include("x", "y"), hash("g"), range("n")),
                        gsi(
                            "alpha",
                            Projection.builder().projectionType("KEYS_ONLY").build(),
                            hash("b")),
                        gsi("mid"))
                    .localSecondaryIndexes(
                        lsi("l_z"), lsi("l_a", include("q"), hash("pk"), range("g")))));
    add(
        cases,
        "indexes of an on-demand table",
        table(
            b ->
                onDemandBilling(b)
                    .globalSecondaryIndexes(
                        gsi("gx1").toBuilder()
                            .provisionedThroughput(
                                (software.amazon.awssdk.services.dynamodb.model
                                        .ProvisionedThroughput)
                                    null)
                            .build())
                    .localSecondaryIndexes(lsi("lx1"))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void createTableAnswersAsDynamoDbLocal(
      String name, Consumer<CreateTableRequest.Builder> request) {
    Function<DynamoDbClient, Object> create =
        createDescribeDelete(request, IndexTablesTest::comparable);
    Object expected = outcome(REFERENCE, create);
    assertThat(outcome(ENGINE.client(), create)).isEqualTo(expected);
    assertThat(outcome(HTTP, create)).isEqualTo(expected);
  }

  /**
   * Creates a table, describes it and deletes it (lifting its deletion protection first): the three
   * descriptions, made comparable.
   */
  static Function<DynamoDbClient, Object> createDescribeDelete(
      Consumer<CreateTableRequest.Builder> request,
      java.util.function.UnaryOperator<TableDescription> comparable) {
    return client -> {
      TableDescription created = client.createTable(request).tableDescription();
      String name = created.tableName();
      TableDescription described = client.describeTable(b -> b.tableName(name)).table();
      if (Boolean.TRUE.equals(created.deletionProtectionEnabled())) {
        client.updateTable(b -> b.tableName(name).deletionProtectionEnabled(false));
      }
      TableDescription deleted = client.deleteTable(b -> b.tableName(name)).tableDescription();
      return List.of(
          comparable.apply(created), comparable.apply(described), comparable.apply(deleted));
    };
  }

  private static Function<DynamoDbClient, Object> update(
      String table, Consumer<UpdateTableRequest.Builder> request) {
    return client ->
        comparable(client.updateTable(request.andThen(b -> b.tableName(table))).tableDescription());
  }

  private static Function<DynamoDbClient, Object> indexUpdates(
      String table, GlobalSecondaryIndexUpdate... updates) {
    return update(table, b -> b.globalSecondaryIndexUpdates(updates));
  }

  private static Function<DynamoDbClient, Object> describe(String table) {
    return client -> comparable(client.describeTable(b -> b.tableName(table)).table());
  }

  private static GlobalSecondaryIndexUpdate create(GlobalSecondaryIndex index) {
    return GlobalSecondaryIndexUpdate.builder()
        .create(
            c ->
                c.indexName(index.indexName())
                    .keySchema(index.keySchema())
                    .projection(index.projection())
                    .provisionedThroughput(index.provisionedThroughput()))
        .build();
  }

  private static GlobalSecondaryIndexUpdate delete(String index) {
    return GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(index)).build();
  }

  private static GlobalSecondaryIndexUpdate throughput(String index, long read, long write) {
    return GlobalSecondaryIndexUpdate.builder()
        .update(
            u ->
                u.indexName(index)
                    .onDemandThroughput(o -> {})
                    .provisionedThroughput(
                        p -> p.readCapacityUnits(read).writeCapacityUnits(write)))
        .build();
  }

  static GlobalSecondaryIndex onDemandGsi(String name) {
    return onDemand(gsi(name));
  }

  static GlobalSecondaryIndex onDemand(GlobalSecondaryIndex index) {
    return index.toBuilder().provisionedThroughput((ProvisionedThroughput) null).build();
  }

  private static Map<String, AttributeValue> item(String... namesAndValues) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String value = namesAndValues[i + 1];
      item.put(
          namesAndValues[i],
          value.startsWith("#")
              ? AttributeValue.fromN(value.substring(1))
              : AttributeValue.fromS(value));
    }
    return item;
  }

  /**
   * A table, the items put in it, then UpdateTable (and other) calls whose outcomes are compared
   * one by one.
   */
  record Scenario(
      Consumer<CreateTableRequest.Builder> table,
      List<Map<String, AttributeValue>> items,
      List<Function<DynamoDbClient, Object>> steps) {}

  static final List<Map<String, AttributeValue>> ITEMS =
      List.of(
          item("pk", "a", "sk", "1", "g", "x", "n", "#1", "h", "p"),
          item("pk", "a", "sk", "2", "g", "y", "h", "#3"),
          item("pk", "b", "sk", "1", "n", "#2", "h", "q", "k", "z"),
          item("pk", "c", "sk", "9", "g", "x", "n", "#4", "pad", "v".repeat(3000)));

  /** A provisioned table with a local index lx1 and a global index gx1, holding {@link #ITEMS}. */
  static Scenario provisioned(String table, List<Function<DynamoDbClient, Object>> steps) {
    return new Scenario(
        table(
            b ->
                b.tableName(table)
                    .localSecondaryIndexes(lsi("lx1"))
                    .globalSecondaryIndexes(gsi("gx1"))),
        ITEMS,
        steps);
  }

  /** An on-demand table keyed on pk alone, holding {@link #ITEMS}. */
  static Scenario onDemandTable(String table, List<Function<DynamoDbClient, Object>> steps) {
    return new Scenario(
        b ->
            b.tableName(table)
                .attributeDefinitions(definitions("pk", "S"))
                .keySchema(hash("pk"))
                .billingMode(BillingMode.PAY_PER_REQUEST),
        ITEMS,
        steps);
  }

  private static Function<DynamoDbClient, Object> createOn(
      String table, GlobalSecondaryIndex index, String... definitions) {
    return update(
        table,
        b ->
            b.attributeDefinitions(definitions(definitions))
                .globalSecondaryIndexUpdates(create(index)));
  }

  static Stream<Arguments> updates() {
    List<Arguments> cases = new ArrayList<>();
    String t = "refused";
    cases.add(
        Arguments.of(
            "index updates DynamoDB refuses",
            provisioned(
                t,
                List.of(
                    createOn(t, gsi("gx1", all(), hash("k")), "k", "S"),
                    createOn(t, gsi("lx1", all(), hash("k")), "k", "S"),
                    indexUpdates(t, create(gsi("gx3", all(), hash("k")))),
                    createOn(t, gsi("gx3", all(), hash("k"))),
                    createOn(t, gsi("gx3", null, hash("k")), "k", "S"),
                    createOn(t, gsi("a b", all(), hash("k")), "k", "S"),
                    createOn(t, gsi("gx3", include("a", "a"), hash("k")), "k", "S"),
                    createOn(t, gsi("gx3", all(), range("k")), "k", "S"),
                    createOn(t, gsi("gx3", include(attributes("a", 101)), hash("k")), "k", "S"),
                    update(
                        t,
                        b ->
                            b.attributeDefinitions(definitions("k", "S"))
                                .globalSecondaryIndexUpdates(
                                    create(gsi("gx3", all(), hash("k"))),
                                    create(gsi("gx4", all(), hash("k"))))),
                    update(
                        t,
                        b ->
                            b.attributeDefinitions(definitions("k", "S"))
                                .globalSecondaryIndexUpdates(
                                    create(gsi("gx3", all(), hash("k"))), delete("gx1"))),
                    indexUpdates(t, delete("gx1"), delete("gx1")),
                    indexUpdates(t, delete("nope")),
                    indexUpdates(t, delete("lx1")),
                    indexUpdates(t, delete("nope"), throughput("gx1", 1, 1)),
                    indexUpdates(t, throughput("nope", 4, 4)),
                    indexUpdates(t, throughput("lx1", 4, 4)),
                    indexUpdates(t, throughput("gx1", 2, 3)),
                    indexUpdates(t, throughput("gx1", 0, 4)),
                    indexUpdates(t, throughput("gx1", 4, 4), throughput("gx1", 5, 5)),
                    update(t, b -> b.globalSecondaryIndexUpdates(List.of())),
                    indexUpdates(t, GlobalSecondaryIndexUpdate.builder().build()),
                    indexUpdates(
                        t,
                        create(gsi("gx3", all(), hash("k"))).toBuilder()
                            .delete(d -> d.indexName("gx1"))
                            .build()),
                    update(t, b -> b.attributeDefinitions(definitions("k", "S"))),
                    createOn(t, gsi("gx3", all(), hash("g")), "g", "N"),
                    createOn(t, gsi("gx3", all(), hash("k")), "k", "BOOL"),
                    update(
                        t,
                        b ->
                            b.provisionedThroughput(
                                    p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                                .globalSecondaryIndexUpdates(throughput("gx1", 4, 4))),
                    update(
                        t,
                        b ->
                            b.billingMode(BillingMode.PAY_PER_REQUEST)
                                .globalSecondaryIndexUpdates(throughput("gx1", 4, 4))),
                    describe(t),
                    createOn(t, onDemand(gsi("gx3", all(), hash("k"))), "k", "S", "x", "S")))));
    String u = "changed";
    cases.add(
        Arguments.of(
            "index throughput, billing mode and deletion",
            provisioned(
                u,
                List.of(
                    indexUpdates(u, throughput("gx1", 4, 4)),
                    update(
                        u,
                        b ->
                            b.provisionedThroughput(
                                    p -> p.readCapacityUnits(6L).writeCapacityUnits(6L))
                                .globalSecondaryIndexUpdates(throughput("gx1", 7, 7))),
                    describe(u),
                    update(u, b -> b.billingMode(BillingMode.PAY_PER_REQUEST)),
                    indexUpdates(u, throughput("gx1", 8, 8)),
                    update(
                        u,
                        b ->
                            b.billingMode(BillingMode.PROVISIONED)
                                .provisionedThroughput(
                                    p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))),
                    update(
                        u,
                        b ->
                            b.billingMode(BillingMode.PROVISIONED)
                                .provisionedThroughput(
                                    p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                                .globalSecondaryIndexUpdates(throughput("gx1", 1, 1))),
                    describe(u),
                    indexUpdates(u, delete("gx1"))))));
    String o = "provisionedlater";
    cases.add(
        Arguments.of(
            "an on-demand table's global index provisioned",
            new Scenario(
                table(
                    b ->
                        onDemandBilling(b.tableName(o))
                            .globalSecondaryIndexes(onDemand(gsi("gx1")))),
                ITEMS,
                List.of(
                    indexUpdates(o, throughput("gx1", 3, 3)),
                    update(
                        o,
                        b ->
                            b.billingMode(BillingMode.PROVISIONED)
                                .provisionedThroughput(
                                    p -> p.readCapacityUnits(2L).writeCapacityUnits(2L))
                                .globalSecondaryIndexUpdates(throughput("gx1", 4, 4))),
                    describe(o),
                    update(
                        o,
                        b ->
                            b.provisionedThroughput(
                                p -> p.readCapacityUnits(3L).writeCapacityUnits(3L))),
                    client ->
                        comparable(client.deleteTable(b -> b.tableName(o)).tableDescription())))));
    String c = "created";
    cases.add(
        Arguments.of(
            "a global index created on a provisioned table",
            provisioned(
                c,
                List.of(createOn(c, gsi("gx2", include("k"), hash("h"), range("g")), "h", "S")))));
    String r = "restated";
    cases.add(
        Arguments.of(
            "a global index created with every definition restated",
            provisioned(
                r,
                List.of(
                    createOn(
                        r,
                        gsi("gx2", all(), hash("k"), range("sk")),
                        "pk",
                        "S",
                        "k",
                        "S",
                        "g",
                        "S",
                        "sk",
                        "S")))));
    String d = "ondemand";
    cases.add(
        Arguments.of(
            "a global index created on an on-demand table",
            onDemandTable(
                d, List.of(createOn(d, onDemand(gsi("gx2", all(), hash("g"))), "g", "S")))));
    String e = "ondemandrefused";
    cases.add(
        Arguments.of(
            "index updates DynamoDB refuses on an on-demand table",
            onDemandTable(
                e, List.of(createOn(e, gsi("gx2", all(), hash("g")), "g", "S", "pk", "N")))));
    String f = "full";
    cases.add(
        Arguments.of(
            "a 21st global index",
            new Scenario(
                table(b -> b.tableName(f).globalSecondaryIndexes(globals(20))),
                ITEMS,
                List.of(createOn(f, gsi("gx21", all(), hash("g")), "g", "S")))));
    String m = "multi";
    cases.add(
        Arguments.of(
            "a global index of a multi-attribute key created",
            provisioned(
                m,
                List.of(
                    createOn(
                        m,
                        gsi("gx2", all(), hash("g"), hash("pk"), range("n"), range("sk")),
                        "g",
                        "S",
                        "pk",
                        "S",
                        "n",
                        "N",
                        "sk",
                        "S")))));
    String mr = "multirefused";
    cases.add(
        Arguments.of(
            "multi-attribute index updates DynamoDB refuses",
            provisioned(
                mr,
                List.of(
                    createOn(mr, gsi("gx3", all(), hash("k"), hash("k"), range("n")), "k", "S"),
                    createOn(
                        mr,
                        gsi("gx3", all(), hash("k"), hash("h"), hash("g"), hash("pk"), hash("n")),
                        "k",
                        "S",
                        "h",
                        "S"),
                    createOn(mr, gsi("gx3", all(), hash("k"), range("n"), hash("g")), "k", "S"),
                    createOn(
                        mr,
                        gsi(
                            "gx3",
                            all(),
                            hash("k"),
                            range("h"),
                            range("g"),
                            range("pk"),
                            range("n"),
                            range("sk")),
                        "k",
                        "S",
                        "h",
                        "S")))));
    String h = "hashonly";
    cases.add(
        Arguments.of(
            "a global index created on a table keyed on a hash key",
            new Scenario(
                b ->
                    b.tableName(h)
                        .attributeDefinitions(definitions("pk", "S"))
                        .keySchema(hash("pk"))
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)),
                ITEMS,
                List.of(createOn(h, gsi("gx2", all(), hash("n"), range("pk")), "n", "N")))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void updateTableAnswersAsDynamoDbLocal(String name, Scenario scenario) {
    assertStepsAsOnReference(scenario, REFERENCE, List.of(ENGINE.client(), HTTP));
  }

  /** Runs a scenario on the reference and on each client: the same outcome at every step. */
  static void assertStepsAsOnReference(
      Scenario scenario, DynamoDbClient reference, List<DynamoDbClient> clients) {
    List<Object> expected = runOnReference(reference, scenario);
    for (DynamoDbClient client : clients) {
      List<Object> actual = run(client, scenario);
      for (int step = 0; step < expected.size(); step++) {
        assertThat(actual.get(step)).as("step %d", step).isEqualTo(expected.get(step));
      }
    }
  }

  static List<Object> run(DynamoDbClient client, Scenario scenario) {
    TableDescription table = client.createTable(scenario.table()).tableDescription();
    for (Map<String, AttributeValue> item : scenario.items()) {
      client.putItem(b -> b.tableName(table.tableName()).item(item));
    }
    List<Object> outcomes = new ArrayList<>();
    for (Function<DynamoDbClient, Object> step : scenario.steps()) {
      outcomes.add(outcome(client, step));
    }
    return outcomes;
  }

  /**
   * A scenario's outcomes on DynamoDB Local, leaving no table behind: it keeps an index it creates
   * CREATING, and allows only a few tables with one at a time.
   */
  static List<Object> runOnReference(DynamoDbClient reference, Scenario scenario) {
    List<Object> outcomes = run(reference, scenario);
    outcome(
        reference,
        c ->
            c.deleteTable(
                b ->
                    b.tableName(
                        CreateTableRequest.builder()
                            .applyMutation(scenario.table())
                            .build()
                            .tableName())));
    return outcomes;
  }

  @Test
  void throughputOfAnIndexOfAnOnDemandTableIsRefusedAsDocumented() {
    // DynamoDB Local accepts it; the AWS documentation forbids it (docs/compatibility.md).
    Consumer<CreateTableRequest.Builder> request =
        table(b -> onDemandBilling(b).globalSecondaryIndexes(gsi("gx1")));
    String name = REFERENCE.createTable(request).tableDescription().tableName();
    REFERENCE.deleteTable(b -> b.tableName(name));
    for (DynamoDbClient client : List.of(ENGINE.client(), HTTP)) {
      assertThat(outcome(client, c -> c.createTable(request)))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "One or more parameter values were invalid: ProvisionedThroughput should not be"
                      + " specified for index: gx1 when BillingMode is PAY_PER_REQUEST"));
    }
  }

  @Test
  void aGlobalIndexWithoutThroughputOnAProvisionedTableIsRefused() {
    // DynamoDB Local fails with a NullPointerException (docs/compatibility.md).
    Scenario scenario =
        provisioned(
            "nothroughput",
            List.of(createOn("nothroughput", onDemand(gsi("gx3", all(), hash("k"))), "k", "S")));
    for (DynamoDbClient client : List.of(ENGINE.client(), HTTP)) {
      assertThat(run(client, scenario))
          .containsExactly(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "No provisioned throughput specified for the global secondary index"));
    }
  }

  @Test
  void aCreatedIndexIsActiveOnceFilledAndADeletedOneIsGone() {
    // DynamoDB Local describes them as CREATING and DELETING for ever after, and refuses every
    // other index change on the table meanwhile; the engine fills and drops an index while
    // UpdateTable runs, and describes it afterwards as DynamoDB does once it is done
    // (docs/compatibility.md).
    Function<DynamoDbClient, List<Object>> steps =
        client -> {
          List<Object> outcomes = new ArrayList<>();
          outcomes.addAll(
              run(
                  client,
                  provisioned(
                      "lifecycle",
                      List.of(createOn("lifecycle", gsi("gx2", all(), hash("k")), "k", "S")))));
          outcomes.add(status(client, "gx2"));
          outcomes.add(outcome(client, indexUpdates("lifecycle", delete("gx1"))));
          outcomes.add(status(client, "gx1"));
          outcomes.add(outcome(client, indexUpdates("lifecycle", delete("gx1"))));
          client.deleteTable(b -> b.tableName("lifecycle"));
          return outcomes;
        };
    List<Object> local = steps.apply(REFERENCE);
    String busy =
        "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously"
            + " per table";
    assertThat(local.subList(1, 5))
        .containsExactly(
            List.of("CREATING", "null"),
            List.of("LimitExceededException", "LimitExceededException", busy),
            List.of("ACTIVE", "2"),
            List.of("LimitExceededException", "LimitExceededException", busy));
    for (DynamoDbClient client : List.of(ENGINE.client(), HTTP)) {
      List<Object> engine = steps.apply(client);
      assertThat(engine.get(0)).isEqualTo(local.get(0));
      assertThat(engine.get(1)).isEqualTo(List.of("ACTIVE", "1"));
      assertThat(engine.get(2).toString()).contains("IndexName=gx1", "IndexStatus=DELETING");
      assertThat(engine.subList(3, 5))
          .containsExactly(
              "absent",
              List.of(
                  "ResourceNotFoundException",
                  "ResourceNotFoundException",
                  "Requested resource not found"));
    }
  }

  /** An index's status and how many items it holds, or "absent". */
  private static Object status(DynamoDbClient client, String index) {
    return client
        .describeTable(b -> b.tableName("lifecycle"))
        .table()
        .globalSecondaryIndexes()
        .stream()
        .filter(i -> i.indexName().equals(index))
        .findFirst()
        .<Object>map(i -> List.of(i.indexStatusAsString(), String.valueOf(i.itemCount())))
        .orElse("absent");
  }

  @Test
  void anIndexCreatedOnATableHoldingItemsHoldsWhatItWouldHadItBeenThereFirst() {
    GlobalSecondaryIndex index = gsi("gx1", include("k", "pad"), hash("g"), range("n"));
    Consumer<CreateTableRequest.Builder> first =
        table(b -> b.tableName("first").globalSecondaryIndexes(index));
    Consumer<CreateTableRequest.Builder> later =
        table(b -> b.tableName("later").attributeDefinitions(definitions("pk", "S", "sk", "S")));
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE.client(), HTTP)) {
      client.createTable(first);
      ITEMS.forEach(item -> client.putItem(b -> b.tableName("first").item(item)));
    }
    long expectedCount =
        REFERENCE
            .describeTable(b -> b.tableName("first"))
            .table()
            .globalSecondaryIndexes()
            .get(0)
            .itemCount();
    for (DynamoDbClient client : List.of(ENGINE.client(), HTTP)) {
      client.createTable(later);
      ITEMS.forEach(item -> client.putItem(b -> b.tableName("later").item(item)));
      client.updateTable(
          b ->
              b.tableName("later")
                  .attributeDefinitions(definitions("g", "S", "n", "N"))
                  .globalSecondaryIndexUpdates(create(index)));
      GlobalSecondaryIndexDescription filled =
          client.describeTable(b -> b.tableName("later")).table().globalSecondaryIndexes().get(0);
      GlobalSecondaryIndexDescription written =
          client.describeTable(b -> b.tableName("first")).table().globalSecondaryIndexes().get(0);
      assertThat(filled.itemCount()).isEqualTo(expectedCount).isEqualTo(2L);
      assertThat(filled.indexSizeBytes()).isEqualTo(written.indexSizeBytes()).isPositive();
    }
    Function<DynamoDbClient, Object> query =
        client ->
            client.query(
                b ->
                    b.tableName(client == REFERENCE ? "first" : "later")
                        .indexName("gx1")
                        .keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("x")))
                        .returnConsumedCapacity("TOTAL"));
    Object engine = outcome(ENGINE.client(), query);
    Object expected = withoutTableName(outcome(REFERENCE, query));
    assertThat(withoutTableName(engine)).isEqualTo(expected);
    assertThat(withoutTableName(outcome(HTTP, query))).isEqualTo(expected);
  }

  /** A query's canonical outcome, the consumed capacity's table name left out. */
  private static Object withoutTableName(Object outcome) {
    if (outcome instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new java.util.LinkedHashMap<>();
      map.forEach(
          (key, value) -> {
            if (!"TableName".equals(key)) {
              copy.put(key, withoutTableName(value));
            }
          });
      return copy;
    }
    return outcome;
  }

  @Test
  void anIndexCreatedWhileItemsAreWrittenHoldsEveryOneOfThem() throws Exception {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient client = engine.client();
      client.createTable(
          b ->
              onDemandBilling(
                  b.tableName("busy")
                      .attributeDefinitions(definitions("pk", "S"))
                      .keySchema(hash("pk"))));
      int writers = 4;
      int items = 300;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        running.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < items; i++) {
                    Map<String, AttributeValue> item =
                        item("pk", writer + "-" + i, "g", "v" + (i % 7));
                    client.putItem(b -> b.tableName("busy").item(item));
                  }
                }));
      }
      client.updateTable(
          b ->
              b.tableName("busy")
                  .attributeDefinitions(definitions("g", "S"))
                  .globalSecondaryIndexUpdates(create(onDemand(gsi("byg", all(), hash("g"))))));
      for (Future<?> writer : running) {
        writer.get(1, TimeUnit.MINUTES);
      }
      pool.shutdown();
      client.createTable(
          b ->
              onDemandBilling(
                  b.tableName("calm")
                      .attributeDefinitions(definitions("pk", "S", "g", "S"))
                      .keySchema(hash("pk"))
                      .globalSecondaryIndexes(onDemand(gsi("byg", all(), hash("g"))))));
      client
          .scanPaginator(b -> b.tableName("busy"))
          .items()
          .forEach(item -> client.putItem(b -> b.tableName("calm").item(item)));
      TableDescription busy = client.describeTable(b -> b.tableName("busy")).table();
      TableDescription calm = client.describeTable(b -> b.tableName("calm")).table();
      assertThat(busy.itemCount()).isEqualTo((long) writers * items);
      assertThat(busy.globalSecondaryIndexes().get(0).itemCount()).isEqualTo(busy.itemCount());
      assertThat(busy.globalSecondaryIndexes().get(0).indexSizeBytes())
          .isEqualTo(calm.globalSecondaryIndexes().get(0).indexSizeBytes());
    }
  }

  static Object outcome(DynamoDbClient client, Function<DynamoDbClient, Object> call) {
    return Targets.outcome(client, call);
  }

  /**
   * A description without what differs by design: times, ARNs (region), table id, the status
   * DeleteTable gives (docs/compatibility.md), the byte size of index entries, and the warm
   * throughput DynamoDB Local does not describe (WarmThroughputTest).
   */
  static TableDescription comparable(TableDescription description) {
    TableDescription.Builder comparable =
        description.toBuilder()
            .warmThroughput((TableWarmThroughputDescription) null)
            .creationDateTime(null)
            .tableArn(null)
            .tableId(null)
            .tableStatus((String) null)
            .provisionedThroughput(comparable(description.provisionedThroughput()))
            .billingModeSummary(
                description.billingModeSummary() == null
                    ? null
                    : description.billingModeSummary().toBuilder()
                        .lastUpdateToPayPerRequestDateTime(null)
                        .build());
    if (description.hasGlobalSecondaryIndexes()) {
      List<GlobalSecondaryIndexDescription> global = new ArrayList<>();
      for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
        global.add(
            index.toBuilder()
                .warmThroughput((GlobalSecondaryIndexWarmThroughputDescription) null)
                .indexArn(arnPath(index.indexArn()))
                .provisionedThroughput(comparable(index.provisionedThroughput()))
                .indexSizeBytes(comparableSize(index.indexSizeBytes()))
                .build());
      }
      comparable.globalSecondaryIndexes(global);
    }
    if (description.hasLocalSecondaryIndexes()) {
      List<LocalSecondaryIndexDescription> local = new ArrayList<>();
      for (LocalSecondaryIndexDescription index : description.localSecondaryIndexes()) {
        local.add(
            index.toBuilder()
                .indexArn(arnPath(index.indexArn()))
                .indexSizeBytes(comparableSize(index.indexSizeBytes()))
                .build());
      }
      comparable.localSecondaryIndexes(local);
    }
    return comparable.build();
  }

  /**
   * Whether an index holds entries, not their size: the size of index entries is the data plane's
   * concern (SecondaryIndexTest), compared here only as zero or not.
   */
  private static Long comparableSize(Long size) {
    return size == null ? null : Long.valueOf(Long.signum(size));
  }

  private static String arnPath(String arn) {
    return arn == null ? null : arn.substring(arn.indexOf(":table/"));
  }

  private static ProvisionedThroughputDescription comparable(
      ProvisionedThroughputDescription throughput) {
    return throughput == null
        ? null
        : throughput.toBuilder().lastIncreaseDateTime(null).lastDecreaseDateTime(null).build();
  }
}
