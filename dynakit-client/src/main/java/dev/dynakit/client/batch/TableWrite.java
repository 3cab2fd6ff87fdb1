package dev.dynakit.client.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One write of a batch: a put or a delete on a table.
 *
 * @param table the table
 * @param request the put or delete request
 */
public record TableWrite(String table, WriteRequest request) {
  public TableWrite {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(request, "request");
    if ((request.putRequest() == null) == (request.deleteRequest() == null)) {
      throw new IllegalArgumentException(
          "A write request holds exactly one of a put or a delete (table '" + table + "')");
    }
  }

  /** A put of {@code item} into {@code table}. */
  public static TableWrite put(String table, Map<String, AttributeValue> item) {
    Objects.requireNonNull(item, "item");
    return new TableWrite(table, WriteRequest.builder().putRequest(p -> p.item(item)).build());
  }

  /** A delete of the item with {@code key} from {@code table}. */
  public static TableWrite delete(String table, Map<String, AttributeValue> key) {
    Objects.requireNonNull(key, "key");
    return new TableWrite(table, WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
  }

  /**
   * The writes of a {@code RequestItems} or {@code UnprocessedItems} map, table by table, in the
   * map's order.
   */
  public static List<TableWrite> of(Map<String, List<WriteRequest>> requestItems) {
    List<TableWrite> writes = new ArrayList<>();
    requestItems.forEach(
        (table, requests) -> requests.forEach(r -> writes.add(new TableWrite(table, r))));
    return writes;
  }

  /** Whether this is a put (otherwise a delete). */
  public boolean isPut() {
    return request.putRequest() != null;
  }

  /** The item of a put, or the key of a delete. */
  public Map<String, AttributeValue> attributes() {
    return isPut() ? request.putRequest().item() : request.deleteRequest().key();
  }
}
