package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dynakit.engine.protocol.Operations;
import dev.dynakit.engine.protocol.WireResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;

/**
 * Fuzz targets for the JSON 1.0 protocol decoder and the PartiQL executor: whatever the body of a
 * request, the engine answers 200 with a JSON object, or DynamoDB's error (a 4xx status, a JSON
 * body with a {@code __type} DynamoDB uses and a message); it never throws, and never answers 500.
 *
 * <p>A {@code jsonRequest} input is an operation's name, a newline, then the request body (a name
 * the fuzzer garbles still picks one of the operations below). A {@code partiqlStatement} input is
 * a statement, optionally followed by {@code " ;; "} and its parameters, as in {@code
 * partiql/statements.txt}.
 */
class ProtocolFuzzTest {

  /** The operations fuzzed: every kind of data-plane request, and the table operations. */
  private static final List<String> OPERATIONS =
      List.of(
          "GetItem",
          "PutItem",
          "DeleteItem",
          "UpdateItem",
          "Query",
          "Scan",
          "BatchGetItem",
          "BatchWriteItem",
          "TransactGetItems",
          "TransactWriteItems",
          "ExecuteStatement",
          "BatchExecuteStatement",
          "ExecuteTransaction",
          "CreateTable",
          "DescribeTable",
          "UpdateTable",
          "DeleteTable",
          "ListTables",
          "UpdateTimeToLive",
          "DescribeTimeToLive",
          "TagResource",
          "ListTagsOfResource");

  private static final Pattern ERROR_TYPE =
      Pattern.compile(
          "com\\.amazon(aws\\.dynamodb\\.v20120810|\\.coral\\.(validate|service))#\\w+");

  private static final JsonFactory JSON = new JsonFactory();

  private static DynakitEngine partiqlEngine;

  /** How many inputs each target had answered and refused, printed when the class is done. */
  private static final Map<String, Long> OUTCOMES = new TreeMap<>();

  private static void outcome(String target, String outcome) {
    OUTCOMES.merge(target + " " + outcome, 1L, Long::sum);
  }

  @AfterAll
  static void close() {
    if (!OUTCOMES.isEmpty()) {
      System.out.println("ProtocolFuzzTest inputs: " + OUTCOMES);
    }
    if (partiqlEngine != null) {
      partiqlEngine.close();
      partiqlEngine = null;
    }
  }

  /** An engine with a table "tab" (pk S, sk N, an index on g) and a few items in it. */
  private static DynakitEngine engineWithTable() {
    DynakitEngine engine = DynakitEngine.inMemory();
    answer(
        engine,
        "CreateTable",
        "{\"TableName\":\"tab\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":["
            + "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
            + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},"
            + "{\"AttributeName\":\"g\",\"AttributeType\":\"S\"}],"
            + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
            + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
            + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"idx\",\"KeySchema\":"
            + "[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],"
            + "\"Projection\":{\"ProjectionType\":\"ALL\"}}]}");
    answer(
        engine,
        "PutItem",
        "{\"TableName\":\"tab\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
            + "\"g\":{\"S\":\"x\"},\"n\":{\"N\":\"10\"},\"l\":{\"L\":[{\"N\":\"1\"}]},"
            + "\"m\":{\"M\":{\"k\":{\"S\":\"v\"}}},\"ss\":{\"SS\":[\"p\",\"q\"]}}}");
    answer(
        engine,
        "PutItem",
        "{\"TableName\":\"tab\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},"
            + "\"n\":{\"N\":\"20\"}}}");
    return engine;
  }

  private static void answer(DynakitEngine engine, String operation, String body) {
    WireResponse response =
        engine.handle(Operations.TARGET_PREFIX + operation, body.getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as(operation).isEqualTo(200);
  }

  @FuzzTest(maxDuration = "10s")
  void jsonRequest(byte[] input) throws IOException {
    int newline = indexOf(input, (byte) '\n');
    String name = new String(input, 0, newline < 0 ? 0 : newline, StandardCharsets.UTF_8).trim();
    String operation =
        OPERATIONS.contains(name)
            ? name
            : OPERATIONS.get(Math.floorMod(name.hashCode(), OPERATIONS.size()));
    byte[] body = newline < 0 ? input : Arrays.copyOfRange(input, newline + 1, input.length);

    // A new engine each time, so that an input's answer does not depend on the inputs before it.
    try (DynakitEngine engine = engineWithTable()) {
      WireResponse response = engine.handle(Operations.TARGET_PREFIX + operation, body);
      Map<String, Object> answer = topLevel(response.body());
      if (response.status() == 200) {
        outcome("jsonRequest", "answered");
        return;
      }
      assertThat(response.status()).as("status of %s", answer).isBetween(400, 499);
      assertThat((String) answer.get("__type")).as("__type").matches(ERROR_TYPE);
      Object message =
          answer.containsKey("message") ? answer.get("message") : answer.get("Message");
      assertThat(message).as("message of %s", answer).isInstanceOf(String.class);
      assertThat((String) message).isNotBlank();
      outcome("jsonRequest", "refused");
    }
  }

  @FuzzTest(maxDuration = "10s")
  void partiqlStatement(byte[] input) {
    if (partiqlEngine == null) {
      partiqlEngine = engineWithTable();
    }
    DynamoDbClient ddb = partiqlEngine.client();
    ExecuteStatementRequest request;
    try {
      request = PartiqlTest.request(new String(input, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // not a statement line the corpus format can read (e.g. a number parameter that is no number)
      outcome("partiqlStatement", "unreadable");
      return;
    }
    if (request.statement().isEmpty()) {
      outcome("partiqlStatement", "unreadable");
      return;
    }
    try {
      assertThat(ddb.executeStatement(request).items()).isNotNull();
      outcome("partiqlStatement", "answered");
    } catch (DynamoDbException e) {
      assertThat(e.statusCode()).as("status of %s", e.getMessage()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isNotBlank();
      assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
      outcome("partiqlStatement", "refused");
    }
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The members of a JSON object at the top level: strings as strings, anything else as a token.
   */
  private static Map<String, Object> topLevel(byte[] json) throws IOException {
    Map<String, Object> members = new HashMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      assertThat(parser.nextToken()).as("a JSON object").isEqualTo(JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        members.put(name, value == JsonToken.VALUE_STRING ? parser.getText() : value);
        parser.skipChildren();
      }
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).as("nothing after the object").isNull();
    }
    return members;
  }
}
