package dev.dynakit.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What a scenario answered on one target, as plain maps and lists that compare by content: a
 * response by its modeled fields, an error by its type, code, message, status code and modeled
 * fields (the item of a failed condition, the reasons of a cancelled transaction).
 *
 * <p>Sets compare as sets, numbers by value: DynamoDB Local keeps the text of numbers that
 * UpdateItem writes and of numbers nested in lists and maps ({@code 1.50}, {@code 3.0}, {@code
 * -0}), where the engine trims them as DynamoDB does (docs/compatibility.md, "Values"). The
 * engine's own tests check the text; here a number is its value.
 */
record Outcome(Object value) {

  /** Runs a scenario on a client and keeps what it answered, or the error it threw. */
  static Outcome of(DynamoDbClient client, Scenario scenario) {
    try {
      return new Outcome(canonical(scenario.run(client)));
    } catch (DynamoDbException e) {
      return new Outcome(error(e));
    } catch (RuntimeException e) {
      // Not an answer DynamoDB gives: kept whole, so that the comparison shows it.
      Map<String, Object> unexpected = new LinkedHashMap<>();
      unexpected.put("unexpected", e.getClass().getName());
      unexpected.put("message", e.getMessage());
      unexpected.put("at", e.getStackTrace().length > 0 ? e.getStackTrace()[0].toString() : "");
      return new Outcome(unexpected);
    }
  }

  /** Whether the scenario ended in a DynamoDB error (of any code). */
  boolean isError() {
    return value instanceof Map<?, ?> map && map.containsKey("error");
  }

  private static Map<String, Object> error(DynamoDbException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("error", e.getClass().getSimpleName());
    error.put("code", e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
    error.put(
        "message",
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    error.put("status", e.statusCode());
    if (e instanceof ConditionalCheckFailedException failed && failed.hasItem()) {
      error.put("item", canonical(failed.item()));
    }
    if (e instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
      error.put("cancellationReasons", canonical(cancelled.cancellationReasons()));
    }
    return error;
  }

  /** A response as its modeled fields, recursively; attribute values as type and value. */
  static Object canonical(Object value) {
    if (value instanceof AttributeValue attribute) {
      return attributeValue(attribute);
    }
    if (value instanceof SdkPojo pojo) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("type", pojo.getClass().getSimpleName());
      for (SdkField<?> field : pojo.sdkFields()) {
        fields.put(field.memberName(), canonical(field.getValueOrDefault(pojo)));
      }
      return fields;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(element -> copy.add(canonical(element)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, element) -> copy.put(key, canonical(element)));
      return copy;
    }
    if (value instanceof SdkBytes bytes) {
      return "bytes" + java.util.Arrays.toString(bytes.asByteArray());
    }
    return value;
  }

  private static Object attributeValue(AttributeValue value) {
    switch (value.type()) {
      case N:
        return Map.of("N", number(value.n()));
      case NS:
        return Map.of("NS", sorted(value.ns().stream().map(Outcome::number).toList()));
      case L:
        return Map.of("L", canonical(value.l()));
      case M:
        return Map.of("M", canonical(value.m()));
      case B:
        return Map.of("B", canonical(value.b()));
      case BS:
        return Map.of("BS", sorted(canonical(value.bs())));
      case S:
        return Map.of("S", value.s());
      case SS:
        return Map.of("SS", sorted(value.ss()));
      case BOOL:
        return Map.of("BOOL", value.bool());
      case NUL:
        return Map.of("NULL", value.nul());
      default:
        // DynamoDB Local sends an empty map inside the item of a ConditionalCheckFailedException
        // as a value with no member at all; it is an empty map.
        return value.equals(AttributeValue.builder().build())
            ? Map.of("M", Map.of())
            : Map.of("unknown", value.toString());
    }
  }

  /**
   * A set's members in one order: DynamoDB does not keep the order of a set; DynamoDB Local returns
   * members sorted, the engine as they were written.
   */
  private static List<String> sorted(Object members) {
    return ((List<?>) members).stream().map(String::valueOf).sorted().toList();
  }

  private static String number(String text) {
    try {
      BigDecimal number = new BigDecimal(text);
      return number.signum() == 0 ? "0" : number.stripTrailingZeros().toString();
    } catch (NumberFormatException e) {
      return text;
    }
  }

  @Override
  public String toString() {
    return String.valueOf(value);
  }
}
