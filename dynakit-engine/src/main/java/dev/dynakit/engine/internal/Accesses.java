package dev.dynakit.engine.internal;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts the items a request names, one access each, in the tables whose contributor insights are
 * enabled: the single-item operations, batches and transactions (queries and scans name no item and
 * are not counted).
 */
final class Accesses {
  private Accesses() {}

  static void count(Tables tables, DynamoDbRequest request) {
    if (request instanceof GetItemRequest get) {
      one(tables, get.tableName(), get.key());
    } else if (request instanceof PutItemRequest put) {
      one(tables, put.tableName(), put.item());
    } else if (request instanceof UpdateItemRequest update) {
      one(tables, update.tableName(), update.key());
    } else if (request instanceof DeleteItemRequest delete) {
      one(tables, delete.tableName(), delete.key());
    } else if (request instanceof BatchGetItemRequest batch) {
      batch
          .requestItems()
          .forEach((table, keys) -> keys.keys().forEach(key -> one(tables, table, key)));
    } else if (request instanceof BatchWriteItemRequest batch) {
      batch
          .requestItems()
          .forEach((table, writes) -> writes.forEach(write -> one(tables, table, written(write))));
    } else if (request instanceof TransactGetItemsRequest transaction) {
      for (TransactGetItem item : transaction.transactItems()) {
        if (item.get() != null) {
          one(tables, item.get().tableName(), item.get().key());
        }
      }
    } else if (request instanceof TransactWriteItemsRequest transaction) {
      for (TransactWriteItem item : transaction.transactItems()) {
        if (item.put() != null) {
          one(tables, item.put().tableName(), item.put().item());
        } else if (item.update() != null) {
          one(tables, item.update().tableName(), item.update().key());
        } else if (item.delete() != null) {
          one(tables, item.delete().tableName(), item.delete().key());
        } else if (item.conditionCheck() != null) {
          one(tables, item.conditionCheck().tableName(), item.conditionCheck().key());
        }
      }
    }
  }

  /** Counts the items {@code request} names in {@code table} as throttled. */
  static void throttled(Table table, DynamoDbRequest request) {
    if (table.counts() == null) {
      return;
    }
    Map<String, AttributeValue> key = null;
    if (request instanceof GetItemRequest get) {
      key = get.key();
    } else if (request instanceof PutItemRequest put) {
      key = put.item();
    } else if (request instanceof UpdateItemRequest update) {
      key = update.key();
    } else if (request instanceof DeleteItemRequest delete) {
      key = delete.key();
    }
    table.countThrottle(key);
  }

  private static Map<String, AttributeValue> written(WriteRequest write) {
    if (write.putRequest() != null) {
      return write.putRequest().item();
    }
    return write.deleteRequest() == null ? null : write.deleteRequest().key();
  }

  private static void one(Tables tables, String nameOrArn, Map<String, AttributeValue> key) {
    if (nameOrArn == null) {
      return;
    }
    Table table = tables.find(TableArns.isArn(nameOrArn) ? tables.nameOf(nameOrArn) : nameOrArn);
    if (table != null && table.counts() != null) {
      table.countAccess(key);
    }
  }
}
