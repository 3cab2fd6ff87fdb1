package dev.dynakit.client.verbs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.RequestValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The adapter's verbs ({@code get}, {@code put}, {@code query}, {@code batch_write}, ...) driven by
 * name with a JSON-friendly argument map, as runtimes call them. Every verb goes through the SDK
 * client it is given, so the client's policy, retries and metrics apply. Thread-safe.
 *
 * <pre>{@code
 * Map<String, Object> result =
 *     verbs.call("get", Map.of("table", "orders", "key", Map.of("id", "o-1")));
 * String json = verbs.callJson("get", "{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}}");
 * }</pre>
 */
public final class Verbs {
  /**
   * Verb names of the streams consumer: {@code dynakit-streams} registers them when it is on the
   * class path (through {@link dev.dynakit.client.spi.VerbExtension}).
   */
  public static final List<String> RESERVED = List.of("streams.subscribe", "streams.unsubscribe");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  // Replaced, never changed, once the constructor is done: calls read it without a lock.
  private volatile Map<String, Verb> verbs = new LinkedHashMap<>();

  /**
   * Verbs over {@code sdk}.
   *
   * @param consistentReadDefault whether reads are strongly consistent when a call does not say
   */
  public Verbs(DynamoDbClient sdk, boolean consistentReadDefault) {
    Objects.requireNonNull(sdk, "sdk");
    ItemVerbs items = new ItemVerbs(sdk, consistentReadDefault);
    CollectionVerbs collections = new CollectionVerbs(sdk, consistentReadDefault);
    BatchVerbs batches = new BatchVerbs(sdk, consistentReadDefault);
    TransactVerbs transactions = new TransactVerbs(sdk);
    TableVerbs tables = new TableVerbs(sdk);
    add("get", items::get, "table", "key", "projection", "names", "consistent_read");
    add("put", items::put, "table", "item", "condition", "names", "values", "return_values");
    add(
        "update",
        items::update,
        "table",
        "key",
        "update",
        "condition",
        "names",
        "values",
        "return_values");
    add("delete", items::delete, "table", "key", "condition", "names", "values", "return_values");
    add(
        "query",
        collections::query,
        "table",
        "key_condition",
        "index",
        "filter",
        "projection",
        "names",
        "values",
        "limit",
        "exclusive_start_key",
        "scan_index_forward",
        "consistent_read",
        "select",
        "all_pages",
        "max_items");
    add(
        "scan",
        collections::scan,
        "table",
        "index",
        "filter",
        "projection",
        "names",
        "values",
        "limit",
        "exclusive_start_key",
        "segment",
        "total_segments",
        "consistent_read",
        "select",
        "all_pages",
        "max_items");
    add("batch_get", batches::batchGet, "requests");
    add("batch_write", batches::batchWrite, "requests");
    add("transact_get", transactions::transactGet, "items");
    add("transact_write", transactions::transactWrite, "items", "client_request_token");
    add("describe_table", tables::describeTable, "table");
    add("list_tables", tables::listTables, "limit", "exclusive_start_table_name");
    ControlVerbs control = new ControlVerbs(sdk);
    for (String operation : ControlVerbs.OPERATIONS) {
      add(
          ControlVerbs.verbOf(operation),
          args -> control.call(operation, args),
          ControlVerbs.arguments(operation));
    }
  }

  private void add(String name, Function<Args, Map<String, Object>> run, String... arguments) {
    verbs.put(name, new Verb(Set.of(arguments), run));
  }

  /**
   * Adds a verb that another module provides. Its arguments are checked against {@code arguments}
   * (an unknown one is refused as for every verb, naming it) before {@code run} sees them.
   *
   * @throws IllegalArgumentException if a verb of that name exists
   */
  public synchronized void register(
      String name, Function<Map<String, Object>, Map<String, Object>> run, String... arguments) {
    Objects.requireNonNull(run, "run");
    if (name == null || name.isEmpty() || verbs.containsKey(name)) {
      throw new IllegalArgumentException("verb '" + name + "' exists or is not a name");
    }
    Map<String, Verb> next = new LinkedHashMap<>(verbs);
    next.put(name, new Verb(Set.of(arguments), args -> run.apply(args.raw())));
    verbs = next;
  }

  /** The names of the verbs {@link #call} answers, in a stable order. */
  public List<String> names() {
    return List.copyOf(verbs.keySet());
  }

  /**
   * Runs {@code verb} with {@code args} (snake_case names, plain JSON values; DynamoDB JSON when
   * {@code "typed": true}) and answers its normalized result.
   *
   * @throws RequestValidationException (kind {@code INVALID_ARGUMENT}) for an unknown or reserved
   *     verb, or a missing, unknown or wrongly typed argument; the message names verb and argument
   */
  public Map<String, Object> call(String verb, Map<String, Object> args) {
    if (verb == null) {
      throw unknown("null");
    }
    Verb found = verbs.get(verb);
    if (found == null) {
      if (RESERVED.contains(verb)) {
        throw new RequestValidationException(
            RequestValidationException.Kind.INVALID_ARGUMENT,
            "verb '" + verb + "' needs dynakit-streams on the class path",
            ErrorContext.local(verb, null),
            false,
            null);
      }
      throw unknown(verb);
    }
    return found.run.apply(Args.of(verb, args, found.arguments));
  }

  /**
   * Like {@link #call}, from and to JSON text. Numbers are read exactly (never as {@code double})
   * and written exactly.
   *
   * @throws RequestValidationException if {@code jsonArgs} is not a JSON object, or as {@link
   *     #call}
   */
  public String callJson(String verb, String jsonArgs) {
    Map<String, Object> args;
    try {
      args =
          jsonArgs == null || jsonArgs.isBlank()
              ? Map.of()
              : JSON.readValue(jsonArgs, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new RequestValidationException(
          RequestValidationException.Kind.INVALID_ARGUMENT,
          "verb '"
              + verb
              + "': arguments are not a JSON object"
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"),
          ErrorContext.local(verb, null),
          false,
          null);
    }
    Map<String, Object> result = call(verb, args == null ? Map.of() : args);
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("result of verb '" + verb + "' cannot be written as JSON", e);
    }
  }

  private RequestValidationException unknown(String verb) {
    return new RequestValidationException(
        RequestValidationException.Kind.INVALID_ARGUMENT,
        "unknown verb '" + verb + "' (known: " + String.join(", ", verbs.keySet()) + ")",
        ErrorContext.local(verb, null),
        false,
        null);
  }

  private static final class Verb {
    final Set<String> arguments;
    final Function<Args, Map<String, Object>> run;

    Verb(Set<String> arguments, Function<Args, Map<String, Object>> run) {
      this.arguments = arguments;
      this.run = run;
    }
  }
}
