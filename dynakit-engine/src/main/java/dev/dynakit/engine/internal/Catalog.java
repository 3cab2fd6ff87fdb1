package dev.dynakit.engine.internal;

import dev.dynakit.engine.protocol.JsonCodec;
import dev.dynakit.engine.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * Where the engine keeps what it knows of its tables, in the storage beside their items, so that a
 * durable engine finds them again when it reopens:
 *
 * <ul>
 *   <li>{@value #TABLES}: each table's description as created and changed since (as DescribeTable's
 *       JSON), under its name;
 *   <li>{@value #TAGS}: each tagged table's tags (as ListTagsOfResource's JSON), under its name;
 *   <li>{@value #TIME_TO_LIVE}: the attribute of each table whose time to live is enabled (UTF-8),
 *       under the table's name;
 *   <li>{@value #RECOVERY}: the recovery period in days (UTF-8) of each table whose point-in-time
 *       recovery is enabled, under the table's name (the history itself is held in memory);
 *   <li>{@value #POLICIES}: the resource-based policy of each table and stream that has one (as
 *       GetResourcePolicy's JSON), under {@code <table>/} for the table and {@code
 *       <table>/stream/<label>} for a stream;
 *   <li>{@value #INSIGHTS}: the contributor insights of each table and global index they were ever
 *       changed on (as DescribeContributorInsights' JSON), under {@code <table>/} for the table and
 *       {@code <table>/<index>} for an index;
 *   <li>{@code counters/<table id>}: the table's and each index's item count and size, as counters
 *       every write adds to in the batch that writes the item;
 *   <li>{@code collections/<table id>}: for a table with local indexes, the size of each item
 *       collection, under its partition key.
 * </ul>
 *
 * <p>Every change of a table (created, updated, tagged, deleted) is one storage batch with the
 * keyspaces it creates or drops.
 */
final class Catalog {
  static final String TABLES = "catalog/tables";
  static final String TAGS = "catalog/tags";
  static final String TIME_TO_LIVE = "catalog/ttl";
  static final String RECOVERY = "catalog/recovery";
  static final String POLICIES = "catalog/policies";
  static final String INSIGHTS = "catalog/insights";
  static final byte[] ITEMS = key("items");
  static final byte[] BYTES = key("bytes");

  private Catalog() {}

  /** Creates the catalog's keyspaces if the storage has none yet. */
  static void prepare(Storage storage) {
    List<Storage.Mutation> created = new ArrayList<>();
    for (String name : List.of(TABLES, TAGS, TIME_TO_LIVE, RECOVERY, POLICIES, INSIGHTS)) {
      if (!storage.hasKeyspace(name)) {
        created.add(Storage.Mutation.createKeyspace(name));
      }
    }
    if (!created.isEmpty()) {
      storage.write(created);
    }
  }

  static String counters(String tableId) {
    return "counters/" + tableId;
  }

  static String collections(String tableId) {
    return "collections/" + tableId;
  }

  static byte[] indexItems(String index) {
    return key("index/" + index + "/items");
  }

  static byte[] indexBytes(String index) {
    return key("index/" + index + "/bytes");
  }

  static byte[] key(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  static String name(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }

  /** The mutation that stores a table's description. */
  static Storage.Mutation description(TableDescription description) {
    return Storage.Mutation.put(TABLES, key(description.tableName()), JsonCodec.write(description));
  }

  static TableDescription description(byte[] stored) {
    return JsonCodec.read(stored, TableDescription::builder);
  }

  /** The mutation that stores a table's tags (deletes them when there are none). */
  static Storage.Mutation tags(String table, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return Storage.Mutation.delete(TAGS, key(table));
    }
    List<Tag> list = new ArrayList<>();
    tags.forEach((key, value) -> list.add(Tag.builder().key(key).value(value).build()));
    return Storage.Mutation.put(
        TAGS, key(table), JsonCodec.write(ListTagsOfResourceResponse.builder().tags(list).build()));
  }

  static Map<String, String> tags(byte[] stored) {
    ListTagsOfResourceResponse response =
        JsonCodec.read(stored, ListTagsOfResourceResponse::builder);
    Map<String, String> tags = new LinkedHashMap<>();
    response.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
    return tags;
  }

  /** The mutation that stores a table's time to live attribute (deletes it when null). */
  static Storage.Mutation timeToLive(String table, String attribute) {
    return attribute == null
        ? Storage.Mutation.delete(TIME_TO_LIVE, key(table))
        : Storage.Mutation.put(TIME_TO_LIVE, key(table), key(attribute));
  }

  /** The mutation that stores a table's recovery period (deletes it when recovery is off). */
  static Storage.Mutation recovery(String table, Integer days) {
    return days == null
        ? Storage.Mutation.delete(RECOVERY, key(table))
        : Storage.Mutation.put(RECOVERY, key(table), key(Integer.toString(days)));
  }

  /** The key of a setting of a table's part: {@code <table>/<part>} (the table's own: empty). */
  static byte[] partKey(String table, String part) {
    return key(table + "/" + part);
  }

  /** The table and the part a {@link #partKey} names. */
  static String[] tableAndPart(byte[] key) {
    return name(key).split("/", 2);
  }

  /** The mutation that stores the policy of a table's part (deletes it when null). */
  static Storage.Mutation policy(String table, String part, GetResourcePolicyResponse policy) {
    return policy == null
        ? Storage.Mutation.delete(POLICIES, partKey(table, part))
        : Storage.Mutation.put(POLICIES, partKey(table, part), JsonCodec.write(policy));
  }

  static GetResourcePolicyResponse policy(byte[] stored) {
    return JsonCodec.read(stored, GetResourcePolicyResponse::builder);
  }

  /** The mutation that stores the contributor insights of a table or one of its indexes. */
  static Storage.Mutation insights(
      String table, String index, DescribeContributorInsightsResponse insights) {
    return Storage.Mutation.put(INSIGHTS, partKey(table, index), JsonCodec.write(insights));
  }

  static DescribeContributorInsightsResponse insights(byte[] stored) {
    return JsonCodec.read(stored, DescribeContributorInsightsResponse::builder);
  }

  /** A counter's value, zero when it was never added to. */
  static long counter(Storage.Keyspace counters, byte[] key) {
    return counters.get(key).map(Storage::count).orElse(0L);
  }
}
