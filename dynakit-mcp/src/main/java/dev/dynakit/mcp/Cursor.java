package dev.dynakit.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An opaque paging cursor: the base64url of a small JSON object holding the table, the index, the
 * value form and DynamoDB's last evaluated key, so a cursor only continues the read it came from.
 */
final class Cursor {
  private Cursor() {}

  /** The cursor that resumes after {@code lastEvaluatedKey}. */
  static String encode(String table, String index, boolean typed, Object lastEvaluatedKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("v", 1);
    body.put("table", table);
    if (index != null) {
      body.put("index", index);
    }
    body.put("typed", typed);
    body.put("key", lastEvaluatedKey);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The exclusive start key {@code cursor} stands for.
   *
   * @throws ToolArgumentException if it is not a cursor of this server, or of another read
   */
  static Object decode(String tool, Object cursor, String table, String index, boolean typed) {
    if (!(cursor instanceof String)) {
      throw new ToolArgumentException(tool, "cursor", "must be a string");
    }
    Map<String, Object> body;
    try {
      byte[] raw = Base64.getUrlDecoder().decode((String) cursor);
      body = Json.readObject(new String(raw, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      body = null;
    }
    if (body == null
        || !Integer.valueOf(1).equals(body.get("v"))
        || !(body.get("key") instanceof Map)
        || !(body.get("typed") instanceof Boolean)) {
      throw new ToolArgumentException(
          tool, "cursor", "is not a cursor of this server (pass the one a result gave, unchanged)");
    }
    if (!Objects.equals(body.get("table"), table)
        || !Objects.equals(body.get("index"), index)
        || !body.get("typed").equals(typed)) {
      throw new ToolArgumentException(
          tool,
          "cursor",
          "belongs to another read (a cursor continues the same table, index and 'typed' form)");
    }
    return body.get("key");
  }
}
