package dev.dynakit.streams;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.spi.VerbExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * Registers {@code streams.subscribe} and {@code streams.unsubscribe} on every adapter built while
 * this module is on the class path (seed 000 §4.5). Both are reads: they need no {@code
 * allow_write}, and the table allow-list judges their table before anything is sent.
 *
 * <pre>{@code
 * dynakit.call("streams.subscribe", Map.of(
 *     "table_name", "orders", "shard_iterator_type", "TRIM_HORIZON",
 *     "filter", Map.of("event_names", List.of("INSERT")), "timeout_s", 2, "max_events", 50));
 * // {table=orders, events=[{eventName=INSERT, eventID=..., dynamodb={Keys=...}, raw=...}], active=true}
 * }</pre>
 */
public final class StreamVerbs implements VerbExtension {
  static final String SUBSCRIBE = "streams.subscribe";
  static final String UNSUBSCRIBE = "streams.unsubscribe";

  @Override
  public void register(Dynakit dynakit) {
    Lazy subscriptions = new Lazy(dynakit);
    dynakit
        .verbs()
        .register(
            SUBSCRIBE,
            args -> subscribe(dynakit, subscriptions.get(), args),
            "table_name",
            "shard_iterator_type",
            "filter",
            "timeout_s",
            "max_events");
    dynakit
        .verbs()
        .register(
            UNSUBSCRIBE,
            args -> {
              String table = table(dynakit, UNSUBSCRIBE, args);
              Map<String, Object> result = new LinkedHashMap<>();
              result.put("table", table);
              result.put("unsubscribed", subscriptions.get().unsubscribe(table));
              result.put("active", false);
              return result;
            },
            "table_name");
  }

  private static Map<String, Object> subscribe(
      Dynakit dynakit, Subscriptions subscriptions, Map<String, Object> args) {
    String table = table(dynakit, SUBSCRIBE, args);
    Map<?, ?> filter = filter(args, table);
    SubscribeRequest request;
    try {
      request =
          new SubscribeRequest(
              table,
              iteratorType(args, table),
              text(filter.get("sequence_number"), "filter.sequence_number", table),
              eventNames(filter.get("event_names"), table),
              timeout(args.get("timeout_s"), table),
              maxEvents(args.get("max_events"), table));
    } catch (IllegalArgumentException e) {
      throw invalid(SUBSCRIBE, e.getMessage(), table);
    }
    try {
      return subscriptions.subscribe(request).toMap(Boolean.TRUE.equals(args.get("typed")));
    } catch (StreamSource.NoStreamException e) {
      throw invalid(SUBSCRIBE, e.getMessage(), table);
    }
  }

  private static String table(Dynakit dynakit, String verb, Map<String, Object> args) {
    Object table = args.get("table_name");
    if (!(table instanceof String) || ((String) table).isEmpty()) {
      throw invalid(
          verb,
          table == null
              ? "argument 'table_name' is required (a string)"
              : "argument 'table_name' must be a non-empty string",
          null);
    }
    String name = (String) table;
    if (!dynakit.policy().allowsTable(name)) {
      throw new PolicyViolationException(
          PolicyViolationException.Kind.TABLE_NOT_ALLOWED,
          verb
              + " on table '"
              + name
              + "' refused: the table is not on the allow-list (allow_tables="
              + String.join(",", dynakit.policy().allowedTables())
              + ")",
          ErrorContext.local(verb, name),
          false,
          null);
    }
    return name;
  }

  private static ShardIteratorType iteratorType(Map<String, Object> args, String table) {
    Object type = args.get("shard_iterator_type");
    if (type == null) {
      return ShardIteratorType.LATEST;
    }
    ShardIteratorType parsed =
        type instanceof String
            ? ShardIteratorType.fromValue(((String) type).toUpperCase(Locale.ROOT))
            : null;
    if (parsed == null
        || parsed == ShardIteratorType.UNKNOWN_TO_SDK_VERSION
        || parsed == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
      throw invalid(
          SUBSCRIBE,
          "argument 'shard_iterator_type' must be LATEST, TRIM_HORIZON or AT_SEQUENCE_NUMBER",
          table);
    }
    return parsed;
  }

  private static Map<?, ?> filter(Map<String, Object> args, String table) {
    Object filter = args.get("filter");
    if (filter == null) {
      return Map.of();
    }
    if (!(filter instanceof Map)) {
      throw invalid(SUBSCRIBE, "argument 'filter' must be an object", table);
    }
    for (Object key : ((Map<?, ?>) filter).keySet()) {
      if (!"event_names".equals(key) && !"sequence_number".equals(key)) {
        throw invalid(
            SUBSCRIBE,
            "argument 'filter."
                + key
                + "' is not an argument of this verb (expected one of [event_names,"
                + " sequence_number])",
            table);
      }
    }
    return (Map<?, ?>) filter;
  }

  private static String text(Object value, String name, String table) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number) {
      return new BigDecimal(value.toString()).toPlainString();
    }
    if (!(value instanceof String)) {
      throw invalid(SUBSCRIBE, "argument '" + name + "' must be a string of digits", table);
    }
    return (String) value;
  }

  private static Set<String> eventNames(Object value, String table) {
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof List)) {
      throw invalid(SUBSCRIBE, "argument 'filter.event_names' must be a list", table);
    }
    Set<String> names = new LinkedHashSet<>();
    for (Object name : (List<?>) value) {
      if (!(name instanceof String)) {
        throw invalid(
            SUBSCRIBE, "argument 'filter.event_names' must hold INSERT, MODIFY or REMOVE", table);
      }
      names.add(((String) name).toUpperCase(Locale.ROOT));
    }
    return names;
  }

  private static Duration timeout(Object value, String table) {
    if (value == null) {
      return Duration.ofSeconds(1);
    }
    if (!(value instanceof Number)) {
      throw invalid(SUBSCRIBE, "argument 'timeout_s' must be a number of seconds", table);
    }
    BigDecimal seconds = new BigDecimal(value.toString());
    if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(300)) > 0) {
      throw invalid(SUBSCRIBE, "argument 'timeout_s' must be between 0 and 300", table);
    }
    return Duration.ofMillis(seconds.movePointRight(3).longValue());
  }

  private static int maxEvents(Object value, String table) {
    if (value == null) {
      return 100;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw invalid(SUBSCRIBE, "argument 'max_events' must be a whole number", table);
    }
    long max = ((Number) value).longValue();
    if (max < 1 || max > SubscribeRequest.MAX_EVENTS) {
      throw invalid(
          SUBSCRIBE,
          "argument 'max_events' must be between 1 and " + SubscribeRequest.MAX_EVENTS,
          table);
    }
    return (int) max;
  }

  private static RequestValidationException invalid(String verb, String problem, String table) {
    return new RequestValidationException(
        RequestValidationException.Kind.INVALID_ARGUMENT,
        "verb '" + verb + "': " + problem,
        ErrorContext.local(verb, table),
        false,
        null);
  }

  /** The adapter's subscriptions, made on the first stream verb (so its streams client is too). */
  private static final class Lazy {
    private final Dynakit dynakit;
    private Subscriptions made;

    Lazy(Dynakit dynakit) {
      this.dynakit = dynakit;
    }

    synchronized Subscriptions get() {
      if (made == null) {
        made = Subscriptions.of(dynakit);
      }
      return made;
    }
  }
}
