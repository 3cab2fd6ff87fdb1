package dev.dynakit.client.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The key attribute names of the tables this client has described or created, learnt from the
 * responses passing by (the adapter never sends a request of its own to find them), so spans can
 * say which key attribute is the partition key and which the sort key.
 */
final class KeySchemas {
  /** The partition and sort key names of one table; {@code sort} is {@code null} if none. */
  static final class Names {
    final String partition;
    final String sort;

    Names(String partition, String sort) {
      this.partition = partition;
      this.sort = sort;
    }
  }

  private static final int MAX_TABLES = 1024;

  private final Map<String, Names> tables = new ConcurrentHashMap<>();

  /** The names last given for a single-attribute key of an unknown table (immutable, so shared). */
  private volatile Names lastSingle;

  /** Learns from a DescribeTable or CreateTable response; ignores any other. */
  void learn(SdkResponse response) {
    TableDescription description = null;
    if (response instanceof DescribeTableResponse) {
      description = ((DescribeTableResponse) response).table();
    } else if (response instanceof CreateTableResponse) {
      description = ((CreateTableResponse) response).tableDescription();
    }
    if (description == null || description.tableName() == null || !description.hasKeySchema()) {
      return;
    }
    if (tables.size() >= MAX_TABLES && !tables.containsKey(description.tableName())) {
      return;
    }
    tables.put(description.tableName(), names(description.keySchema()));
  }

  /**
   * The key names of {@code table}: as learnt, or, for a key given with a single attribute, that
   * attribute as the partition key; {@code null} if unknown.
   */
  Names of(String table, List<String> keyAttributes) {
    Names known = table == null ? null : tables.get(table);
    if (known != null) {
      return known;
    }
    if (keyAttributes.size() == 1) {
      String partition = keyAttributes.get(0);
      Names last = lastSingle;
      if (last == null || !last.partition.equals(partition)) {
        last = new Names(partition, null);
        lastSingle = last;
      }
      return last;
    }
    return null;
  }

  private static Names names(List<KeySchemaElement> schema) {
    String partition = null;
    String sort = null;
    for (KeySchemaElement element : schema) {
      if (element.keyType() == KeyType.HASH) {
        partition = element.attributeName();
      } else if (element.keyType() == KeyType.RANGE) {
        sort = element.attributeName();
      }
    }
    return new Names(partition, sort);
  }
}
