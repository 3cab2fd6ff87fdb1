package dev.dynakit.expression.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One recorded case of DynamoDB behaviour: a request, the table state before it, and what DynamoDB
 * (Local 3.3.1, see {@link DynamoDbLocal}) did with it. {@link ReferenceCasesOnDynamoDbLocalTest}
 * re-checks every case against DynamoDB Local; the expression code's tests check the same cases
 * against dynakit.
 *
 * <p>Cases live in {@code *.jsonl} files under the test resource folder {@code cases/}, one JSON
 * object a line. Blank lines and lines starting with {@code #} are ignored. Fields (exactly these
 * names; any other field is an error):
 *
 * <pre>{@code
 * {"name": "unique short description",                          (unique within its file)
 *  "table": "hash" | "range_s" | "range_n" | "range_b",        (default "hash")
 *  "items": [ {item}, ... ],                                    (present before the request; default none)
 *  "op": "PutItem" | "UpdateItem" | "DeleteItem" | "GetItem" | "Query" | "Scan",
 *  "key": {...}            (UpdateItem, DeleteItem, GetItem)
 *  "item": {...}           (PutItem)
 *  "condition": "...", "filter": "...", "keyCondition": "...", "update": "...", "projection": "...",
 *      (each optional; sent as ConditionExpression, FilterExpression, KeyConditionExpression,
 *       UpdateExpression, ProjectionExpression)
 *  "names": {"#a": "x"},   (ExpressionAttributeNames; absent = not sent, {} = sent empty)
 *  "values": {":v": {"S": "x"}},  (ExpressionAttributeValues; absent = not sent, {} = sent empty)
 *  "expect": one of
 *     {"error": "<exact ValidationException message>"}
 *     {"error": "<exact message>", "errorType": "<error code>"}   (rare: errors other than
 *                                                                   ValidationException)
 *     {"conditionFailed": true}     (ConditionalCheckFailedException; table unchanged)
 *     {"item": {...} | null}   GetItem: the returned Item (null if none). PutItem/UpdateItem/
 *                              DeleteItem: the item stored under the key afterwards, read back
 *                              with a consistent GetItem (null if absent)
 *     {"items": [ ... ]}       Query/Scan: the Items in response order (single page)
 * }
 * }</pre>
 *
 * <p>Items, keys and values are DynamoDB-JSON ({@link DynamoJson}); values may be invalid on
 * purpose ({@code {}}, {@code {"SS": []}}, {@code {"N": "x"}}). Where an operation has no such
 * parameter (say {@code filter} on GetItem) the case is rejected. The tables are emptied before
 * each case, then {@code items} are put. Set members in expected items may be in any order.
 *
 * @param file the file name relative to {@code cases/}
 * @param line the line number in the file, from 1
 * @param expect null only while a case is being recorded ({@link CaseRecorder})
 */
public record ReferenceCase(
    String file,
    int line,
    String name,
    String table,
    List<Map<String, AttributeValue>> items,
    Operation op,
    Map<String, AttributeValue> key,
    Map<String, AttributeValue> item,
    String condition,
    String filter,
    String keyCondition,
    String update,
    String projection,
    Map<String, String> names,
    Map<String, AttributeValue> values,
    Outcome expect) {

  /** The requests a case can make. */
  public enum Operation {
    PutItem,
    UpdateItem,
    DeleteItem,
    GetItem,
    Query,
    Scan
  }

  /** The resource folder that holds the case files. */
  public static final String FOLDER = "cases";

  private static final Set<String> TABLES =
      Set.of(
          DynamoDbLocal.HASH_TABLE,
          DynamoDbLocal.STRING_RANGE_TABLE,
          DynamoDbLocal.NUMBER_RANGE_TABLE,
          DynamoDbLocal.BINARY_RANGE_TABLE);

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "table",
          "items",
          "op",
          "key",
          "item",
          "condition",
          "filter",
          "keyCondition",
          "update",
          "projection",
          "names",
          "values",
          "expect");

  public ReferenceCase {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(file + ":" + line + ": name is required");
    }
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException(file + ":" + line + ": unknown table " + table);
    }
    if (op == null) {
      throw new IllegalArgumentException(file + ":" + line + ": op is required");
    }
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** {@code file: name}, the name tests show. */
  public String displayName() {
    return file + ": " + name;
  }

  /** This case with another expected outcome. */
  public ReferenceCase withExpect(Outcome outcome) {
    return new ReferenceCase(
        file,
        line,
        name,
        table,
        items,
        op,
        key,
        item,
        condition,
        filter,
        keyCondition,
        update,
        projection,
        names,
        values,
        outcome);
  }

  /** Every case of every {@code *.jsonl} file in the resource folder {@value #FOLDER}. */
  public static List<ReferenceCase> loadAll() {
    URL url = ReferenceCase.class.getClassLoader().getResource(FOLDER);
    if (url == null) {
      throw new IllegalStateException("No resource folder " + FOLDER);
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return loadAll(jar.provider().getPath(uri));
        }
      }
      return loadAll(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every case of every {@code *.jsonl} file under {@code folder}, by file name then line. */
  public static List<ReferenceCase> loadAll(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      List<ReferenceCase> cases = new ArrayList<>();
      for (Path path : paths.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        cases.addAll(load(folder.relativize(path).toString().replace('\\', '/'), path));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cases of one file; {@code file} is the name they get. Names must be unique in it. */
  public static List<ReferenceCase> load(String file, Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ReferenceCase> cases = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      ReferenceCase parsed = parse(file, i + 1, text);
      if (!seen.add(parsed.name())) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": duplicate name " + parsed.name);
      }
      cases.add(parsed);
    }
    return cases;
  }

  /** Parses one line. */
  public static ReferenceCase parse(String file, int line, String json) {
    JsonNode node;
    try {
      node = JsonNode.parser().parse(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ":" + line + ": not JSON: " + e.getMessage(), e);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(file + ":" + line + ": not a JSON object");
    }
    Map<String, JsonNode> fields = node.asObject();
    for (String field : fields.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(file + ":" + line + ": unknown field " + field);
      }
    }
    try {
      return new ReferenceCase(
          file,
          line,
          string(fields, "name"),
          fields.containsKey("table") ? string(fields, "table") : DynamoDbLocal.HASH_TABLE,
          fields.containsKey("items")
              ? fields.get("items").asArray().stream().map(DynamoJson::item).toList()
              : List.of(),
          fields.containsKey("op") ? Operation.valueOf(string(fields, "op")) : null,
          DynamoJson.item(fields.get("key")),
          DynamoJson.item(fields.get("item")),
          string(fields, "condition"),
          string(fields, "filter"),
          string(fields, "keyCondition"),
          string(fields, "update"),
          string(fields, "projection"),
          names(fields.get("names")),
          DynamoJson.item(fields.get("values")),
          fields.containsKey("expect") ? Outcome.fromJson(fields.get("expect")) : null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ":" + line + ": " + e.getMessage(), e);
    }
  }

  /** This case as one line of a case file. */
  public String toJson() {
    StringBuilder out = new StringBuilder("{\"name\": ");
    DynamoJson.quote(name, out);
    if (!table.equals(DynamoDbLocal.HASH_TABLE)) {
      out.append(", \"table\": ");
      DynamoJson.quote(table, out);
    }
    if (!items.isEmpty()) {
      out.append(", \"items\": [");
      for (int i = 0; i < items.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        DynamoJson.write(items.get(i), out);
      }
      out.append(']');
    }
    out.append(", \"op\": \"").append(op).append('"');
    item(out, "key", key);
    item(out, "item", item);
    string(out, "condition", condition);
    string(out, "filter", filter);
    string(out, "keyCondition", keyCondition);
    string(out, "update", update);
    string(out, "projection", projection);
    if (names != null) {
      out.append(", \"names\": {");
      String separator = "";
      for (Map.Entry<String, String> name : names.entrySet()) {
        out.append(separator);
        DynamoJson.quote(name.getKey(), out);
        out.append(": ");
        DynamoJson.quote(name.getValue(), out);
        separator = ", ";
      }
      out.append('}');
    }
    if (values != null) {
      // Values keep their order: it may matter to which message DynamoDB gives.
      out.append(", \"values\": {");
      String separator = "";
      for (Map.Entry<String, AttributeValue> value : values.entrySet()) {
        out.append(separator);
        DynamoJson.quote(value.getKey(), out);
        out.append(": ").append(DynamoJson.toJson(value.getValue()));
        separator = ", ";
      }
      out.append('}');
    }
    if (expect != null) {
      out.append(", \"expect\": ").append(expect.toJson());
    }
    return out.append('}').toString();
  }

  private static void item(StringBuilder out, String field, Map<String, AttributeValue> item) {
    if (item != null) {
      out.append(", \"").append(field).append("\": ");
      DynamoJson.write(item, out);
    }
  }

  private static void string(StringBuilder out, String field, String value) {
    if (value != null) {
      out.append(", \"").append(field).append("\": ");
      DynamoJson.quote(value, out);
    }
  }

  private static String string(Map<String, JsonNode> fields, String field) {
    JsonNode node = fields.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return node.asString();
  }

  private static Map<String, String> names(JsonNode node) {
    if (node == null) {
      return null;
    }
    Map<String, String> names = new LinkedHashMap<>();
    node.asObject().forEach((key, value) -> names.put(key, value.asString()));
    return names;
  }
}
