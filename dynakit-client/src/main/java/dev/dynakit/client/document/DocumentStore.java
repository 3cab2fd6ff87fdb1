package dev.dynakit.client.document;

import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.client.verbs.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * JSON-like documents ({@code Map<String, Object>} of strings, numbers, booleans, nulls, lists and
 * maps) stored by {@code _id}, one table per collection. A collection's table is created on first
 * use (on-demand capacity, {@code _id} as partition key) and waited for until ACTIVE.
 *
 * <p>Numbers are exact both ways: a {@code double} is stored as its decimal text (no
 * float-to-Decimal conversion by hand), and numbers read back as {@code Long}, {@code BigInteger}
 * or {@code BigDecimal}. Each save stores a revision ({@code _rev}, 1, 2, …); {@link #save(String,
 * String, Map, long)} writes only over the revision given, so concurrent editors cannot overwrite
 * each other unknowingly.
 *
 * <pre>{@code
 * DocumentStore store = DocumentStore.of(dynakit.sdk());
 * Saved saved = store.save("agents", "agent-1", Map.of("name", "My Agent", "usage_count", 42.5));
 * Optional<Map<String, Object>> agent = store.get("agents", "agent-1");
 * }</pre>
 */
public final class DocumentStore {
  /** The partition key of every collection's table. */
  public static final String ID = "_id";

  /** The revision attribute. */
  public static final String REVISION = "_rev";

  private static final Set<String> RESERVED = Set.of(ID, REVISION);
  private static final int MAX_ATTEMPTS = 100;

  private final DynamoDbClient sdk;
  private final String tablePrefix;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  private DocumentStore(DynamoDbClient sdk, String tablePrefix) {
    this.sdk = Objects.requireNonNull(sdk, "sdk");
    this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
  }

  /** A store whose collections are tables of the same names. */
  public static DocumentStore of(DynamoDbClient sdk) {
    return new DocumentStore(sdk, "");
  }

  /** A store whose collection {@code c} is the table {@code tablePrefix + c}. */
  public static DocumentStore of(DynamoDbClient sdk, String tablePrefix) {
    return new DocumentStore(sdk, tablePrefix);
  }

  /** What a save stored: the document's id and its new revision. */
  public record Saved(String id, long revision) {}

  /** One page of a collection, and the cursor of the next page (empty on the last). */
  public record DocumentPage(List<Map<String, Object>> documents, Optional<String> cursor) {
    public DocumentPage {
      documents = List.copyOf(documents);
    }
  }

  /** Stores the document under {@code id}, replacing any stored one; answers the new revision. */
  public Saved save(String collection, String id, Map<String, ?> document) {
    return write(collection, id, document, -1);
  }

  /**
   * Stores the document under {@code id} only if the stored revision is {@code expectedRevision}
   * (0: no document stored yet); otherwise the write fails with a conditional check failure and
   * nothing changes.
   */
  public Saved save(String collection, String id, Map<String, ?> document, long expectedRevision) {
    if (expectedRevision < 0) {
      throw new IllegalArgumentException(
          "expected revision must be 0 (new) or more, was " + expectedRevision);
    }
    return write(collection, id, document, expectedRevision);
  }

  private Saved write(String collection, String id, Map<String, ?> document, long expected) {
    String table = table(collection);
    checkId(id);
    Objects.requireNonNull(document, "document");
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : document.entrySet()) {
      String name = entry.getKey();
      if (RESERVED.contains(name)) {
        if (name.equals(ID) && !id.equals(entry.getValue())) {
          throw new IllegalArgumentException(
              "document field '_id' differs from the id it is saved under");
        }
        continue;
      }
      if (name.isEmpty()) {
        throw new IllegalArgumentException("document has a field with an empty name");
      }
      item.put(name, Values.fromPlain(entry.getValue(), name));
    }
    item.put(ID, AttributeValue.fromS(id));
    if (expected >= 0) {
      return put(table, id, item, expected);
    }
    // Replace whatever is stored: read its revision, write over exactly that one; when another
    // writer got in between, read again.
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> current =
          sdk.getItem(
                  b ->
                      b.tableName(table)
                          .key(Map.of(ID, AttributeValue.fromS(id)))
                          .projectionExpression("#rev")
                          .expressionAttributeNames(Map.of("#rev", REVISION))
                          .consistentRead(true))
              .item();
      try {
        return put(table, id, item, revisionOf(current));
      } catch (RuntimeException e) {
        boolean lostRace =
            e instanceof ConditionalCheckFailedException || e instanceof ConditionalCheckException;
        if (attempt == MAX_ATTEMPTS || !lostRace) {
          throw e;
        }
      }
    }
  }

  private Saved put(String table, String id, Map<String, AttributeValue> item, long expected) {
    item.put(REVISION, AttributeValue.fromN(Long.toString(expected + 1)));
    sdk.putItem(
        b -> {
          b.tableName(table).item(item);
          if (expected == 0) {
            b.conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ID));
          } else {
            b.conditionExpression("#rev = :expected")
                .expressionAttributeNames(Map.of("#rev", REVISION))
                .expressionAttributeValues(
                    Map.of(":expected", AttributeValue.fromN(Long.toString(expected))));
          }
        });
    return new Saved(id, expected + 1);
  }

  private static long revisionOf(Map<String, AttributeValue> item) {
    if (item == null || !item.containsKey(REVISION) || item.get(REVISION).n() == null) {
      return 0;
    }
    return Long.parseLong(item.get(REVISION).n());
  }

  /** The document stored under {@code id}, with its {@code _id} and {@code _rev}. */
  public Optional<Map<String, Object>> get(String collection, String id) {
    String table = table(collection);
    checkId(id);
    Map<String, AttributeValue> item =
        sdk.getItem(b -> b.tableName(table).key(Map.of(ID, AttributeValue.fromS(id)))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Values.toPlainMap(item));
  }

  /** Deletes the document stored under {@code id}; answers whether there was one. */
  public boolean delete(String collection, String id) {
    String table = table(collection);
    checkId(id);
    Map<String, AttributeValue> old =
        sdk.deleteItem(
                b ->
                    b.tableName(table)
                        .key(Map.of(ID, AttributeValue.fromS(id)))
                        .returnValues(ReturnValue.ALL_OLD))
            .attributes();
    return old != null && !old.isEmpty();
  }

  /**
   * One page of the collection's documents (at most {@code pageSize}), from {@code cursor} (empty:
   * the first page). Pass the page's cursor back for the next one.
   */
  public DocumentPage listAll(String collection, int pageSize, Optional<String> cursor) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
    }
    String table = table(collection);
    Map<String, AttributeValue> start = cursor.map(DocumentStore::decode).orElse(null);
    ScanResponse response =
        sdk.scan(b -> b.tableName(table).limit(pageSize).exclusiveStartKey(start));
    List<Map<String, Object>> documents = new ArrayList<>(response.items().size());
    response.items().forEach(item -> documents.add(Values.toPlainMap(item)));
    Map<String, AttributeValue> last = response.lastEvaluatedKey();
    return new DocumentPage(
        documents,
        last == null || last.isEmpty() ? Optional.empty() : Optional.of(encode(last.get(ID).s())));
  }

  /** Every document of the collection, read page by page as the stream is consumed. */
  public Stream<Map<String, Object>> listAll(String collection) {
    DocumentPage first = listAll(collection, 100, Optional.empty());
    return Stream.iterate(
            first,
            page -> page != null,
            page -> page.cursor().isPresent() ? listAll(collection, 100, page.cursor()) : null)
        .flatMap(page -> page.documents().stream());
  }

  private static String encode(String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, AttributeValue> decode(String cursor) {
    try {
      return Map.of(
          ID,
          AttributeValue.fromS(
              new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not one this store handed out");
    }
  }

  private static void checkId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("document id is empty");
    }
    if (id.getBytes(StandardCharsets.UTF_8).length > 2048) {
      throw new IllegalArgumentException(
          "document id is longer than 2048 bytes, DynamoDB's limit for a partition key");
    }
  }

  /** The collection's table, created (and waited for) the first time it is used. */
  private String table(String collection) {
    String table =
        DynakitTable.checkedTableName(
            tablePrefix + Objects.requireNonNull(collection, "collection"));
    if (!ready.contains(table)) {
      DynakitTable.createTableIfMissing(
          sdk,
          CreateTableRequest.builder()
              .tableName(table)
              .attributeDefinitions(a -> a.attributeName(ID).attributeType(ScalarAttributeType.S))
              .keySchema(k -> k.attributeName(ID).keyType(KeyType.HASH))
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .build());
      ready.add(table);
    }
    return table;
  }

  @Override
  public String toString() {
    return "DocumentStore["
        + (tablePrefix.isEmpty() ? "no table prefix" : "tables " + tablePrefix + "*")
        + "]";
  }
}
