package dev.dynakit.client.errors;

import dev.dynakit.client.partiql.TableArns;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The table a transaction's items all name, if they name one. */
final class TransactTables {
  private TransactTables() {}

  static String single(List<?> items) {
    String table = null;
    for (Object item : items) {
      String name = TableArns.tableOf(tableOf(item));
      if (name == null || (table != null && !table.equals(name))) {
        return null;
      }
      table = name;
    }
    return table;
  }

  private static String tableOf(Object item) {
    if (item instanceof TransactWriteItem) {
      TransactWriteItem w = (TransactWriteItem) item;
      if (w.put() != null) {
        return w.put().tableName();
      }
      if (w.update() != null) {
        return w.update().tableName();
      }
      if (w.delete() != null) {
        return w.delete().tableName();
      }
      if (w.conditionCheck() != null) {
        return w.conditionCheck().tableName();
      }
      return null;
    }
    if (item instanceof TransactGetItem) {
      TransactGetItem g = (TransactGetItem) item;
      return g.get() == null ? null : g.get().tableName();
    }
    return null;
  }
}
