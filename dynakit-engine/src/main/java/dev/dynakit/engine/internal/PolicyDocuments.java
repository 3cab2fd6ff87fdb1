package dev.dynakit.engine.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resource-based policy documents, checked as DynamoDB checks them before it attaches one to a
 * table or stream: at most 20,480 bytes (white space counted), JSON, an optional {@code Version} of
 * {@code 2012-10-17} or {@code 2008-10-17}, and a {@code Statement} (an object or a non-empty list
 * of them), each with an {@code Effect} of {@code Allow} or {@code Deny}, a {@code Principal} or
 * {@code NotPrincipal} ({@code *} or an object), an {@code Action} or {@code NotAction} and a
 * {@code Resource} or {@code NotResource} (strings or lists of strings), Sids unique. The engine
 * keeps policies but does not enforce them (docs/compatibility.md).
 */
final class PolicyDocuments {
  static final int MAX_BYTES = 20_480;
  private static final String INVALID = "One or more parameter values were invalid: ";
  private static final String DOCUMENT = INVALID + "Invalid policy document: ";
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

  private PolicyDocuments() {}

  /**
   * Checks a policy document, and returns it in a canonical form (maps, lists, strings, numbers,
   * booleans) by which two documents DynamoDB takes for the same are equal: whatever their white
   * space and order of keys, a {@code Statement} object or a list of it, an {@code Effect} in any
   * case, a one-element list of actions, resources or principals or its element, an account id as
   * principal or its root ARN.
   */
  static Object check(String policy) {
    if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw Errors.validation(INVALID + "Maximum policy size of 20480 bytes exceeded");
    }
    Object tree = parse(policy);
    if (!(tree instanceof Map<?, ?> document)) {
      throw invalid("This policy contains invalid Json");
    }
    Object version = document.get("Version");
    if (version != null && !VERSIONS.contains(version)) {
      throw invalid("The policy's Version must be 2012-10-17 or 2008-10-17");
    }
    Object statement = document.get("Statement");
    if (statement == null) {
      throw invalid("Missing required field Statement");
    }
    List<?> statements = statement instanceof List<?> list ? list : List.of(statement);
    if (statements.isEmpty()) {
      throw invalid("Could not parse the policy: Statement is empty!");
    }
    Set<String> sids = new HashSet<>();
    for (Object each : statements) {
      if (!(each instanceof Map<?, ?> entry)) {
        throw invalid("Each Statement must be a JSON object");
      }
      checkStatement(entry, sids);
    }
    return canonical(document, statements);
  }

  private static Map<Object, Object> canonical(Map<?, ?> document, List<?> statements) {
    Map<Object, Object> canonical = new LinkedHashMap<>(document);
    List<Object> canonicalStatements = new ArrayList<>();
    for (Object each : statements) {
      Map<Object, Object> statement = new LinkedHashMap<>((Map<?, ?>) each);
      statement.put("Effect", ((String) statement.get("Effect")).toLowerCase(Locale.ROOT));
      for (String key : List.of("Action", "NotAction", "Resource", "NotResource")) {
        statement.computeIfPresent(key, (name, value) -> single(value));
      }
      for (String key : List.of("Principal", "NotPrincipal")) {
        if (statement.get(key) instanceof Map<?, ?> principals) {
          statement.put(key, canonicalPrincipals(principals));
        }
      }
      canonicalStatements.add(statement);
    }
    canonical.put("Statement", canonicalStatements);
    return canonical;
  }

  /**
   * A checked document as DynamoDB gives it back: minified, {@code Version} first ({@code
   * 2008-10-17}, IAM's default, where none was given), then {@code Statement}, always a list; in
   * each statement {@code Sid}, {@code Effect} ({@code Allow} or {@code Deny}), the principals, the
   * actions, the resources and {@code Condition}, in that order, then any other member; lists of
   * one element as the element, account ids as their root ARN.
   *
   * @param canonical what {@link #check} answered for the document
   */
  static String text(Object canonical) {
    Map<?, ?> document = (Map<?, ?>) canonical;
    Map<Object, Object> ordered = new LinkedHashMap<>();
    ordered.put(
        "Version", document.containsKey("Version") ? document.get("Version") : "2008-10-17");
    List<Object> statements = new ArrayList<>();
    for (Object each : (List<?>) document.get("Statement")) {
      Map<Object, Object> statement =
          ordered(
              (Map<?, ?>) each,
              "Sid",
              "Effect",
              "Principal",
              "NotPrincipal",
              "Action",
              "NotAction",
              "Resource",
              "NotResource",
              "Condition");
      statement.put("Effect", "allow".equals(statement.get("Effect")) ? "Allow" : "Deny");
      statements.add(statement);
    }
    ordered.put("Statement", statements);
    document.forEach(ordered::putIfAbsent);
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, ordered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The members of {@code map}, those named first in that order, then the others as they come. */
  private static Map<Object, Object> ordered(Map<?, ?> map, String... first) {
    Map<Object, Object> ordered = new LinkedHashMap<>();
    for (String name : first) {
      if (map.containsKey(name)) {
        ordered.put(name, map.get(name));
      }
    }
    map.forEach(ordered::putIfAbsent);
    return ordered;
  }

  private static void write(JsonGenerator generator, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        write(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof BigDecimal number) {
      generator.writeNumber(number);
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else {
      generator.writeNull();
    }
  }

  /** Principals by kind, lists of one as their element, AWS account ids as their root ARN. */
  private static Map<Object, Object> canonicalPrincipals(Map<?, ?> principals) {
    Map<Object, Object> canonical = new LinkedHashMap<>();
    principals.forEach(
        (kind, value) ->
            canonical.put(
                kind,
                single(
                    strings(value).stream()
                        .map(principal -> "AWS".equals(kind) ? rootArn(principal) : principal)
                        .distinct()
                        .toList())));
    return canonical;
  }

  /** A list of one element as that element; anything else as it is. */
  /** A list of one element as that element; anything else as it is. */
  private static Object single(Object value) {
    return value instanceof List<?> list && list.size() == 1 ? list.get(0) : value;
  }

  /** An AWS account id as principal is the account's root. */
  private static String rootArn(String principal) {
    return principal.matches("[0-9]{12}") ? "arn:aws:iam::" + principal + ":root" : principal;
  }

  private static void checkStatement(Map<?, ?> statement, Set<String> sids) {
    Object sid = statement.get("Sid");
    if (sid != null && !(sid instanceof String)) {
      throw invalid("Sid must be a string");
    }
    if (sid != null && !sids.add((String) sid)) {
      throw invalid("Statement IDs (SID) in a single policy must be unique: " + sid);
    }
    Object effect = statement.get("Effect");
    if (effect == null) {
      throw invalid("Missing required field Effect");
    }
    if (!(effect instanceof String text)
        || !Set.of("allow", "deny").contains(text.toLowerCase(Locale.ROOT))) {
      throw invalid("Effect must be Allow or Deny");
    }
    Object principal =
        statement.containsKey("Principal")
            ? statement.get("Principal")
            : statement.get("NotPrincipal");
    if (principal == null) {
      throw invalid("Missing required field Principal");
    }
    if (!"*".equals(principal) && !isPrincipalMap(principal)) {
      throw invalid("Principal must be \"*\" or an object of principals");
    }
    checkStrings(statement, "Action", "NotAction");
    checkStrings(statement, "Resource", "NotResource");
    Object condition = statement.get("Condition");
    if (condition != null && !(condition instanceof Map)) {
      throw invalid("Condition must be an object");
    }
  }

  private static boolean isPrincipalMap(Object principal) {
    if (!(principal instanceof Map<?, ?> map) || map.isEmpty()) {
      return false;
    }
    for (Object value : map.values()) {
      if (!isStrings(value)) {
        return false;
      }
    }
    return true;
  }

  /** One of {@code name} or {@code not} given, as a string or a non-empty list of strings. */
  private static void checkStrings(Map<?, ?> statement, String name, String not) {
    Object value = statement.containsKey(name) ? statement.get(name) : statement.get(not);
    if (value == null) {
      throw invalid("Missing required field " + name);
    }
    if (!isStrings(value)) {
      throw invalid(name + " must be a string or a list of strings");
    }
  }

  private static boolean isStrings(Object value) {
    if (value instanceof String) {
      return true;
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      return false;
    }
    return list.stream().allMatch(String.class::isInstance);
  }

  /**
   * Whether a policy denies the engine's own account the right to change the policy again: a {@code
   * Deny} without condition of {@code dynamodb:PutResourcePolicy} (or a wildcard covering it) to
   * {@code *} or to the account. DynamoDB asks for {@code ConfirmRemoveSelfResourceAccess} before
   * it attaches such a policy.
   */
  static boolean locksOutAccount(Object tree) {
    Object statement = ((Map<?, ?>) tree).get("Statement");
    List<?> statements = statement instanceof List<?> list ? list : List.of(statement);
    for (Object each : statements) {
      Map<?, ?> entry = (Map<?, ?>) each;
      if ("deny".equalsIgnoreCase((String) entry.get("Effect"))
          && entry.get("Condition") == null
          && namesAccount(entry.get("Principal"))
          && strings(entry.get("Action")).stream()
              .anyMatch(action -> covers(action, "dynamodb:PutResourcePolicy"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesAccount(Object principal) {
    if ("*".equals(principal)) {
      return true;
    }
    if (!(principal instanceof Map<?, ?> map)) {
      return false;
    }
    return strings(map.get("AWS")).stream()
        .anyMatch(
            aws ->
                aws.equals("*")
                    || aws.equals(Tables.ACCOUNT)
                    || aws.equals("arn:aws:iam::" + Tables.ACCOUNT + ":root"));
  }

  /** Whether an IAM action pattern ({@code *} and {@code ?} wildcards, any case) covers action. */
  private static boolean covers(String pattern, String action) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action).matches();
  }

  private static List<String> strings(Object value) {
    if (value instanceof String text) {
      return List.of(text);
    }
    List<String> all = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(element -> all.add(String.valueOf(element)));
    }
    return all;
  }

  private static RuntimeException invalid(String reason) {
    return Errors.validation(DOCUMENT + reason);
  }

  /** The JSON text as a tree, or DynamoDB's words for a policy that is not JSON. */
  private static Object parse(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw invalid("This policy contains invalid Json");
      }
      Object tree = read(parser, token);
      if (parser.nextToken() != null) {
        throw invalid("This policy contains invalid Json");
      }
      return tree;
    } catch (IOException e) {
      throw invalid("This policy contains invalid Json");
    }
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_OBJECT;
            next = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, read(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          array.add(read(parser, next));
        }
        return array;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return null;
    }
  }
}
