package dev.dynakit.client.expressions;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes names and values inline, for {@code toString()}: names as they are (in backquotes where
 * they hold characters a document path gives a meaning to), values in a short readable form.
 */
final class Inline implements Naming {
  static final Inline NAMING = new Inline();

  private static final Pattern PLAIN = Pattern.compile("[^.\\[\\]`\\s]+");

  private Inline() {}

  @Override
  public String name(String attributeName) {
    return PLAIN.matcher(attributeName).matches()
        ? attributeName
        : "`" + attributeName.replace("`", "``") + "`";
  }

  @Override
  public String value(AttributeValue value) {
    switch (value.type()) {
      case S:
        return quote(value.s());
      case N:
        return value.n();
      case B:
        return bytes(value.b());
      case BOOL:
        return String.valueOf(value.bool());
      case NUL:
        return "null";
      case SS:
        return set(value.ss().stream().map(Inline::quote).collect(Collectors.toList()));
      case NS:
        return set(value.ns());
      case BS:
        return set(value.bs().stream().map(Inline::bytes).collect(Collectors.toList()));
      case L:
        return value.l().stream().map(this::value).collect(Collectors.joining(", ", "[", "]"));
      case M:
        return map(value.m());
      default:
        return String.valueOf(value);
    }
  }

  private String map(Map<String, AttributeValue> map) {
    return map.entrySet().stream()
        .map(e -> quote(e.getKey()) + ": " + value(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String set(List<String> members) {
    return members.stream().collect(Collectors.joining(", ", "<<", ">>"));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String bytes(SdkBytes bytes) {
    return "b64\"" + Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()) + "\"";
  }
}
