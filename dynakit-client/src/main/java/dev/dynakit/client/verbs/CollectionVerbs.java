package dev.dynakit.client.verbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@code query} and {@code scan}: one page by default; with {@code all_pages} they follow {@code
 * LastEvaluatedKey} until the end or until {@code max_items} items are collected. Each request's
 * {@code Limit} is capped at the items still wanted, so a {@code last_evaluated_key} returned after
 * stopping at {@code max_items} resumes exactly after the last item returned.
 */
final class CollectionVerbs {
  private final DynamoDbClient sdk;
  private final boolean consistentReadDefault;

  CollectionVerbs(DynamoDbClient sdk, boolean consistentReadDefault) {
    this.sdk = sdk;
    this.consistentReadDefault = consistentReadDefault;
  }

  Map<String, Object> query(Args args) {
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(args.string("table"))
            .keyConditionExpression(args.string("key_condition"))
            .indexName(args.optString("index"))
            .filterExpression(args.optString("filter"))
            .projectionExpression(args.optString("projection"))
            .expressionAttributeNames(args.names())
            .expressionAttributeValues(args.values())
            .scanIndexForward(args.optBoolean("scan_index_forward"))
            .consistentRead(consistentRead(args))
            .select(args.optString("select"))
            .exclusiveStartKey(args.optItem("exclusive_start_key"));
    return collect(
        args,
        (limit, start) -> {
          QueryResponse page = sdk.query(request.limit(limit).exclusiveStartKey(start).build());
          return new Page(page.items(), page.count(), page.lastEvaluatedKey());
        },
        request.build().exclusiveStartKey());
  }

  Map<String, Object> scan(Args args) {
    ScanRequest.Builder request =
        ScanRequest.builder()
            .tableName(args.string("table"))
            .indexName(args.optString("index"))
            .filterExpression(args.optString("filter"))
            .projectionExpression(args.optString("projection"))
            .expressionAttributeNames(args.names())
            .expressionAttributeValues(args.values())
            .consistentRead(consistentRead(args))
            .select(args.optString("select"))
            .segment(args.optInt("segment", 0))
            .totalSegments(args.optPositiveInt("total_segments"))
            .exclusiveStartKey(args.optItem("exclusive_start_key"));
    return collect(
        args,
        (limit, start) -> {
          ScanResponse page = sdk.scan(request.limit(limit).exclusiveStartKey(start).build());
          return new Page(page.items(), page.count(), page.lastEvaluatedKey());
        },
        request.build().exclusiveStartKey());
  }

  private Boolean consistentRead(Args args) {
    Boolean given = args.optBoolean("consistent_read");
    if (given != null) {
      return given;
    }
    // Global secondary indexes refuse consistent reads: the default applies to the table only.
    return args.has("index") ? null : consistentReadDefault;
  }

  private static Map<String, Object> collect(
      Args args, Fetch fetch, Map<String, AttributeValue> firstStart) {
    Integer limit = args.optPositiveInt("limit");
    Integer maxItems = args.optPositiveInt("max_items");
    boolean allPages = Boolean.TRUE.equals(args.optBoolean("all_pages"));
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    long count = 0;
    Map<String, AttributeValue> start = firstStart.isEmpty() ? null : firstStart;
    Map<String, AttributeValue> last;
    do {
      Integer pageLimit = limit;
      if (maxItems != null) {
        int remaining = (int) (maxItems - count);
        pageLimit = pageLimit == null ? remaining : Math.min(pageLimit, remaining);
      }
      Page page = fetch.page(pageLimit, start);
      items.addAll(page.items);
      count += page.count;
      last = page.lastEvaluatedKey;
      start = last;
    } while (allPages && last != null && (maxItems == null || count < maxItems));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("items", args.outAll(items));
    result.put("count", count);
    if (last != null) {
      result.put("last_evaluated_key", args.out(last));
    }
    return result;
  }

  private interface Fetch {
    Page page(Integer limit, Map<String, AttributeValue> exclusiveStartKey);
  }

  private static final class Page {
    final List<Map<String, AttributeValue>> items;
    final int count;
    final Map<String, AttributeValue> lastEvaluatedKey;

    Page(List<Map<String, AttributeValue>> items, Integer count, Map<String, AttributeValue> last) {
      this.items = items;
      this.count = count == null ? 0 : count;
      this.lastEvaluatedKey = last == null || last.isEmpty() ? null : last;
    }
  }
}
