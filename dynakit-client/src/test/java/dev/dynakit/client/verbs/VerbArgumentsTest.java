package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.engine.DynakitEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad calls are refused before anything is sent, with a message naming verb and argument. */
class VerbArgumentsTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Verbs verbs = new Verbs(engine.client(), false);

  @AfterEach
  void stop() {
    engine.close();
  }

  private static void refused(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_ARGUMENT);
              assertThat(e.retryable()).isFalse();
            })
        .hasMessage(message);
  }

  @Test
  void unknownAndReservedVerbs() {
    refused(
        () -> verbs.call("fetch", Map.of()),
        "unknown verb 'fetch' (known: " + String.join(", ", verbs.names()) + ")");
    assertThat(verbs.names())
        .startsWith(
            "get",
            "put",
            "update",
            "delete",
            "query",
            "scan",
            "batch_get",
            "batch_write",
            "transact_get",
            "transact_write",
            "describe_table",
            "list_tables",
            "create_backup");
    refused(
        () -> verbs.call(null, Map.of()),
        "unknown verb 'null' (known: " + String.join(", ", verbs.names()) + ")");
    refused(
        () -> verbs.call("streams.subscribe", Map.of("table_name", "t")),
        "verb 'streams.subscribe' needs dynakit-streams on the class path");
    refused(
        () -> verbs.callJson("streams.unsubscribe", "{}"),
        "verb 'streams.unsubscribe' needs dynakit-streams on the class path");
  }

  @Test
  void aRegisteredVerbHasItsArgumentsCheckedAndTakesNoExistingName() {
    verbs.register("echo", args -> Map.of("got", args), "text");
    assertThat(verbs.call("echo", Map.of("text", "hi")))
        .isEqualTo(Map.of("got", Map.of("text", "hi")));
    assertThat(verbs.callJson("echo", "{}")).isEqualTo("{\"got\":{}}");
    assertThat(verbs.names()).endsWith("echo");
    refused(
        () -> verbs.call("echo", Map.of("txt", "hi")),
        "verb 'echo': argument 'txt' is not an argument of this verb (expected one of [text,"
            + " typed])");
    assertThatThrownBy(() -> verbs.register("get", args -> Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verb 'get' exists or is not a name");
    assertThatThrownBy(() -> verbs.register("", args -> Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingUnknownAndWronglyTypedArguments() {
    refused(
        () -> verbs.call("get", Map.of("key", Map.of("id", "1"))),
        "verb 'get': argument 'table' is required (a string)");
    refused(() -> verbs.call("get", null), "verb 'get': argument 'table' is required (a string)");
    refused(
        () -> verbs.call("get", Map.of("table", "t")),
        "verb 'get': argument 'key' is required (an object)");
    refused(
        () -> verbs.call("get", Map.of("tabel", "t")),
        "verb 'get': argument 'tabel' is not an argument of this verb (expected one of"
            + " [consistent_read, key, names, projection, table, typed])");
    refused(
        () -> verbs.call("get", Map.of("table", 5, "key", Map.of())),
        "verb 'get': argument 'table' must be a non-empty string");
    refused(
        () -> verbs.call("get", Map.of("table", "t", "key", "id=1")),
        "verb 'get': argument 'key' must be an object");
    refused(
        () -> verbs.call("get", Map.of("table", "t", "key", Map.of(), "consistent_read", "yes")),
        "verb 'get': argument 'consistent_read' must be true or false");
    refused(
        () -> verbs.call("get", Map.of("table", "t", "key", Map.of(), "typed", "yes")),
        "verb 'get': argument 'typed' must be true or false");
    refused(
        () -> verbs.call("scan", Map.of("table", "t", "limit", 0)),
        "verb 'scan': argument 'limit' must be between 1 and 2147483647");
    refused(
        () -> verbs.call("scan", Map.of("table", "t", "limit", 1.5)),
        "verb 'scan': argument 'limit' must be a whole number");
    refused(
        () ->
            verbs.call(
                "get", Map.of("table", "t", "key", Map.of("id", "1"), "names", Map.of("#a", 1))),
        "verb 'get': argument 'names' must map each placeholder to an attribute name (a string)");
    refused(
        () -> verbs.call("put", Map.of("table", "t", "item", Map.of("s", Map.of("$ss", "x")))),
        "verb 'put': argument 'item' is not valid: item.s.$ss: must be a list");
    Map<Object, Object> badKeys = new HashMap<>();
    badKeys.put(1, "x");
    refused(
        () -> verbs.call("put", Map.of("table", "t", "item", badKeys)),
        "verb 'put': argument 'item' must have string keys");
  }

  @Test
  void nestedArgumentsAreNamedByTheirPath() {
    refused(
        () -> verbs.call("batch_get", Map.of("requests", Map.of())),
        "verb 'batch_get': argument 'requests' must name at least one table");
    refused(
        () -> verbs.call("batch_get", Map.of("requests", Map.of("t", Map.of("keys", List.of())))),
        "verb 'batch_get': argument 'requests.t.keys' must be a non-empty list");
    refused(
        () -> verbs.call("batch_write", Map.of("requests", Map.of("t", List.of(Map.of())))),
        "verb 'batch_write': argument 'requests.t[0]' must hold exactly one of 'put' or 'delete'");
    refused(
        () -> verbs.call("batch_write", Map.of("requests", Map.of("t", "x"))),
        "verb 'batch_write': argument 'requests.t' must be a non-empty list of {put: item} or"
            + " {delete: key}");
    refused(
        () -> verbs.call("batch_write", Map.of("requests", Map.of())),
        "verb 'batch_write': argument 'requests' must name at least one table");
    refused(
        () ->
            verbs.call(
                "transact_write",
                Map.of("items", List.of(Map.of("put", Map.of("item", Map.of("id", "1")))))),
        "verb 'transact_write': argument 'items[0].put.table' is required (a string)");
    refused(
        () -> verbs.call("transact_write", Map.of("items", List.of(Map.of()))),
        "verb 'transact_write': argument 'items[0]' must hold exactly one of put, update, delete,"
            + " condition_check");
    refused(
        () -> verbs.call("transact_get", Map.of("items", List.of(Map.of("table", "t", "kye", 1)))),
        "verb 'transact_get': argument 'items[0].kye' is not an argument of this verb (expected"
            + " one of [key, names, projection, table])");
  }

  @Test
  void jsonArgumentsMustBeAnObject() {
    refused(
        () -> verbs.callJson("get", "[1, 2]"),
        "verb 'get': arguments are not a JSON object (line 1, column 1)");
    refused(
        () -> verbs.callJson("get", "{\"table\": \"t\"} trailing"),
        "verb 'get': arguments are not a JSON object (line 1, column 16)");
    refused(() -> verbs.callJson("get", ""), "verb 'get': argument 'table' is required (a string)");
  }
}
