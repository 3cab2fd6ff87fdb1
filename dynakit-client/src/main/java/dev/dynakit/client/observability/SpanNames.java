package dev.dynakit.client.observability;

import java.util.Map;

/**
 * Span names: the observability spec's names where it gives one ({@code dynamodb.batch_get}, {@code
 * dynamodb.transact_write}, ...), otherwise {@code dynamodb.} and the operation in snake_case
 * ({@code DescribeTimeToLive} → {@code dynamodb.describe_time_to_live}).
 */
final class SpanNames {
  private static final Map<String, String> SPEC_NAMES =
      Map.of(
          "BatchGetItem", "dynamodb.batch_get",
          "BatchWriteItem", "dynamodb.batch_write",
          "TransactWriteItems", "dynamodb.transact_write",
          "TransactGetItems", "dynamodb.transact_get");

  private SpanNames() {}

  static String of(String operation) {
    String named = SPEC_NAMES.get(operation);
    return named != null ? named : "dynamodb." + snakeCase(operation);
  }

  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
        boolean endsAcronym =
            i > 0
                && Character.isUpperCase(name.charAt(i - 1))
                && i + 1 < name.length()
                && Character.isLowerCase(name.charAt(i + 1));
        if (afterLower || endsAcronym) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
