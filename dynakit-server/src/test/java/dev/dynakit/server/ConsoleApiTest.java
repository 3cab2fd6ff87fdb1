package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynakit.engine.DynakitEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The web console's API over loopback against a real server and engine: its operations are
 * DynamoDB's (errors in DynamoDB's words), reads page, the stream tail sends new records, the
 * metrics count what the endpoint answered, and the API refuses what could write from elsewhere.
 */
class ConsoleApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DynakitServer server;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    server = DynakitServer.builder().port(0).console(true).build().start();
    ddb =
        DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
            .build();
  }

  @AfterAll
  static void stop() {
    ddb.close();
    server.close();
  }

  private static HttpResponse<String> get(URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static URI api(DynakitServer on, String call) {
    return URI.create(on.endpoint() + "/console/api/" + call);
  }

  static HttpResponse<String> post(URI uri, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  /** The console API's answer to one DynamoDB operation: status, response, cli. */
  static JsonNode call(DynakitServer on, String operation, String request, String... headers)
      throws IOException {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    HttpResponse<String> response =
        post(
            api(on, "call"),
            "{\"operation\":\"" + operation + "\",\"request\":" + request + "}",
            all);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void createTable(String name, boolean stream) throws IOException {
    JsonNode created =
        call(
            server,
            "CreateTable",
            "{\"TableName\":\""
                + name
                + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]"
                + (stream
                    ? ",\"StreamSpecification\":{\"StreamEnabled\":true,"
                        + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}"
                    : "")
                + "}");
    assertThat(created.path("status").asInt()).isEqualTo(200);
  }

  @Test
  void thePagesAreServedFromTheJarWithAPolicyThatLoadsNothingFromElsewhere() {
    HttpResponse<String> moved = get(URI.create(server.endpoint() + "/console"));
    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("Location")).hasValue("/console/");

    HttpResponse<String> index = get(server.consoleUrl());
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'", "script-src 'self'");
    assertThat(index.body())
        .contains("<script type=\"module\" src=\"app.js\">")
        .doesNotContain("http");

    HttpResponse<String> script = get(URI.create(server.consoleUrl() + "app.js"));
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=UTF-8");
    // The only address in the script is SVG's namespace, which is a name, not a download.
    assertThat(script.body().replace("'http://www.w3.org/2000/svg'", ""))
        .contains("api/call")
        .doesNotContain("https://", "http://", "import ");
    HttpResponse<String> style = get(URI.create(server.consoleUrl() + "style.css"));
    assertThat(style.body()).contains(":focus-visible").doesNotContain("@import", "url(");

    HttpResponse<String> missing = get(URI.create(server.consoleUrl() + "nothing.js"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("the console has no page /console/nothing.js");
    HttpResponse<String> noCall = get(api(server, "nothing"));
    assertThat(noCall.statusCode()).isEqualTo(404);
    assertThat(noCall.body()).contains("the console API has no call nothing");
    assertThat(post(server.consoleUrl(), "", "Content-Type", "application/json").statusCode())
        .isEqualTo(405);
    assertThat(get(api(server, "call")).statusCode()).isEqualTo(405);

    // The DynamoDB endpoint beside it answers as before.
    assertThat(get(server.endpoint()).body()).isEqualTo("healthy: dynakit\n");
  }

  @Test
  void operationsAreDynamoDbsAndTheirErrorsAreDynamoDbsWords() throws IOException {
    createTable("console_items", false);
    JsonNode put =
        call(
            server,
            "PutItem",
            "{\"TableName\":\"console_items\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
                + "\"note\":{\"S\":\"first\"}}}");
    assertThat(put.path("status").asInt()).isEqualTo(200);
    assertThat(put.has("cli")).isFalse();

    JsonNode again =
        call(
            server,
            "PutItem",
            "{\"TableName\":\"console_items\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}");
    assertThat(again.path("status").asInt()).isEqualTo(400);
    assertThat(again.path("response").path("__type").asText())
        .endsWith("#ConditionalCheckFailedException");
    assertThat(again.path("response").path("Message").asText())
        .isEqualTo("The conditional request failed");

    JsonNode invalid =
        call(
            server, "PutItem", "{\"TableName\":\"console_items\",\"Item\":{\"pk\":{\"S\":\"a\"}}}");
    assertThat(invalid.path("response").path("__type").asText()).endsWith("#ValidationException");
    assertThat(invalid.path("response").path("Message").asText())
        .isEqualTo(
            ddbError(
                () ->
                    ddb.putItem(
                        b ->
                            b.tableName("console_items")
                                .item(Map.of("pk", AttributeValue.fromS("a"))))));

    // The item is unchanged, as DynamoDB leaves it after a failed condition.
    assertThat(
            ddb.getItem(
                    b ->
                        b.tableName("console_items")
                            .key(
                                Map.of(
                                    "pk", AttributeValue.fromS("a"),
                                    "sk", AttributeValue.fromN("1"))))
                .item()
                .get("note")
                .s())
        .isEqualTo("first");

    JsonNode missing = call(server, "DescribeTable", "{\"TableName\":\"no_such_table\"}");
    assertThat(missing.path("response").path("__type").asText())
        .endsWith("#ResourceNotFoundException");
  }

  /** The message of the error the SDK gets from the DynamoDB endpoint for the same request. */
  private static String ddbError(Runnable request) {
    try {
      request.run();
    } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
      return e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("the request was served");
  }

  @Test
  void aQueryAnswersItsItemsAndTheDynakitCommandThatRunsIt() throws IOException {
    createTable("console_query", false);
    for (int i = 1; i <= 3; i++) {
      call(
          server,
          "PutItem",
          "{\"TableName\":\"console_query\",\"Item\":{\"pk\":{\"S\":\"it's\"},\"sk\":{\"N\":\""
              + i
              + "\"}}}");
    }
    JsonNode query =
        call(
            server,
            "Query",
            "{\"TableName\":\"console_query\",\"KeyConditionExpression\":\"#pk = :pk AND #sk >"
                + " :sk\",\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#sk\":\"sk\"},"
                + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"it's\"},\":sk\":{\"N\":\"1\"}},"
                + "\"ScanIndexForward\":false,\"ConsistentRead\":true,\"Limit\":5}");
    assertThat(query.path("response").path("Count").asInt()).isEqualTo(2);
    assertThat(query.path("response").path("Items").get(0).path("sk").path("N").asText())
        .isEqualTo("3");
    assertThat(query.path("cli").asText())
        .isEqualTo(
            "dynakit query --endpoint "
                + server.endpoint()
                + " --args '{\"table\":\"console_query\",\"key_condition\":\"#pk = :pk AND #sk >"
                + " :sk\",\"names\":{\"#pk\":\"pk\",\"#sk\":\"sk\"},\"values\":{\":pk\":{\"S\":\"it'\\''s\"},"
                + "\":sk\":{\"N\":\"1\"}},\"limit\":5,\"scan_index_forward\":false,"
                + "\"consistent_read\":true,\"typed\":true}'");
  }

  @Test
  void theItemBrowserReadsOnePageAtATime() throws IOException {
    createTable("console_pages", false);
    for (int n = 0; n < 25; n++) {
      int i = n;
      ddb.putItem(
          b ->
              b.tableName("console_pages")
                  .item(
                      Map.of(
                          "pk", AttributeValue.fromS("p" + (i % 5)),
                          "sk", AttributeValue.fromN(Integer.toString(i)))));
    }
    List<String> seen = new ArrayList<>();
    String start = "";
    int pages = 0;
    do {
      JsonNode scan =
          call(server, "Scan", "{\"TableName\":\"console_pages\",\"Limit\":10" + start + "}");
      JsonNode response = scan.path("response");
      assertThat(response.path("Count").asInt()).isLessThanOrEqualTo(10);
      response
          .path("Items")
          .forEach(
              item ->
                  seen.add(
                      item.path("pk").path("S").asText() + item.path("sk").path("N").asText()));
      pages++;
      start =
          response.has("LastEvaluatedKey")
              ? ",\"ExclusiveStartKey\":" + response.get("LastEvaluatedKey")
              : null;
    } while (start != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    JsonNode described = call(server, "DescribeTable", "{\"TableName\":\"console_pages\"}");
    assertThat(described.path("response").path("Table").path("ItemCount").asLong()).isEqualTo(25);
  }

  @Test
  void whatIsNotAnOperationOfTheConsoleIsRefusedNamingWhatWasWrong() throws IOException {
    HttpResponse<String> unknown =
        post(
            api(server, "call"),
            "{\"operation\":\"DeleteBackup\",\"request\":{}}",
            "Content-Type",
            "application/json");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).path("error").asText())
        .startsWith("'operation' must be one of [CreateTable, DeleteItem")
        .endsWith("not 'DeleteBackup'");
    HttpResponse<String> notJson =
        post(api(server, "call"), "{nope", "Content-Type", "application/json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("the body is not JSON");
    HttpResponse<String> array =
        post(api(server, "call"), "[]", "Content-Type", "application/json");
    assertThat(array.body()).contains("the body must be a JSON object");
    HttpResponse<String> noRequest =
        post(
            api(server, "call"),
            "{\"operation\":\"ListTables\",\"request\":3}",
            "Content-Type",
            "application/json");
    assertThat(noRequest.body()).contains("'request' must be a JSON object");
  }

  @Test
  void anotherPageCannotWriteThroughTheConsole() {
    String body = "{\"operation\":\"ListTables\",\"request\":{}}";
    // A form post (a "simple" cross-site request) is not JSON: refused.
    HttpResponse<String> form = post(api(server, "call"), body, "Content-Type", "text/plain");
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(form.body()).contains("the console API takes application/json, not 'text/plain'");
    HttpResponse<String> foreign =
        post(
            api(server, "call"),
            body,
            "Content-Type",
            "application/json",
            "Origin",
            "http://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("not those of http://evil.example");
    HttpResponse<String> own =
        post(
            api(server, "call"),
            body,
            "Content-Type",
            "application/json",
            "Origin",
            "http://127.0.0.1:" + server.port());
    assertThat(own.statusCode()).isEqualTo(200);
  }

  @Test
  void theMetricsCountTheRequestsTheEndpointAnswered() throws IOException {
    createTable("console_metrics", false);
    long before = putItemCount();
    for (int i = 0; i < 7; i++) {
      String sk = Integer.toString(i);
      ddb.putItem(
          b ->
              b.tableName("console_metrics")
                  .item(Map.of("pk", AttributeValue.fromS("m"), "sk", AttributeValue.fromN(sk))));
    }
    assertThat(putItemCount()).isEqualTo(before + 7);
    JsonNode metrics = JSON.readTree(get(api(server, "metrics")).body());
    assertThat(metrics.path("total").asLong()).isGreaterThanOrEqualTo(7);
    JsonNode put = operation(metrics, "PutItem");
    assertThat(put.path("p99Micros").asLong())
        .isGreaterThanOrEqualTo(put.path("p50Micros").asLong());
    assertThat(put.path("maxMicros").asLong()).isLessThanOrEqualTo(put.path("p99Micros").asLong());
  }

  private static long putItemCount() throws IOException {
    return operation(JSON.readTree(get(api(server, "metrics")).body()), "PutItem")
        .path("count")
        .asLong();
  }

  private static JsonNode operation(JsonNode metrics, String name) {
    for (JsonNode op : metrics.path("operations")) {
      if (op.path("operation").asText().equals(name)) {
        return op;
      }
    }
    return JSON.createObjectNode();
  }

  /** Reads server-sent events from a connection, one event (its name and data) at a time. */
  static final class Events implements AutoCloseable {
    private final java.net.HttpURLConnection connection;
    private final BufferedReader reader;

    Events(URI uri) throws IOException {
      connection = (java.net.HttpURLConnection) uri.toURL().openConnection();
      connection.setRequestProperty("Accept", "text/event-stream");
      reader =
          new BufferedReader(
              new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
    }

    String contentType() {
      return connection.getContentType();
    }

    /** The next event as {@code name data}; comments (keep-alives) are skipped. */
    String next() throws IOException {
      String name = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (name != null) {
            return name + " " + data;
          }
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      return null;
    }

    @Override
    public void close() {
      connection.disconnect();
    }
  }

  private static URI stream(String table) {
    return URI.create(api(server, "stream") + "?table=" + table);
  }

  @Test
  @Timeout(60)
  void theStreamTailSendsEachNewRecordAsAnEvent() throws IOException {
    createTable("console_stream", true);
    // A record written before the tail starts is not sent: the tail starts at the newest.
    ddb.putItem(
        b ->
            b.tableName("console_stream")
                .item(Map.of("pk", AttributeValue.fromS("old"), "sk", AttributeValue.fromN("0"))));
    try (Events events = new Events(stream("console_stream"))) {
      assertThat(events.contentType()).startsWith("text/event-stream");
      assertThat(events.next()).startsWith("ready {\"table\":\"console_stream\",\"streamArn\":");
      ddb.putItem(
          b ->
              b.tableName("console_stream")
                  .item(
                      Map.of(
                          "pk", AttributeValue.fromS("new"),
                          "sk", AttributeValue.fromN("1"),
                          "v", AttributeValue.fromS("one"))));
      ddb.deleteItem(
          b ->
              b.tableName("console_stream")
                  .key(Map.of("pk", AttributeValue.fromS("new"), "sk", AttributeValue.fromN("1"))));
      String insert = events.next();
      assertThat(insert).startsWith("record ");
      JsonNode record = JSON.readTree(insert.substring("record ".length()));
      assertThat(record.path("eventName").asText()).isEqualTo("INSERT");
      assertThat(record.path("dynamodb").path("Keys").path("pk").path("S").asText())
          .isEqualTo("new");
      assertThat(record.path("dynamodb").path("NewImage").path("v").path("S").asText())
          .isEqualTo("one");
      JsonNode remove = JSON.readTree(events.next().substring("record ".length()));
      assertThat(remove.path("eventName").asText()).isEqualTo("REMOVE");
      assertThat(remove.path("dynamodb").path("OldImage").path("v").path("S").asText())
          .isEqualTo("one");
    }
  }

  @Test
  @Timeout(60)
  void aTailFromTheOldestSendsEveryRecordKeptShardAfterShardThenNewOnes() throws IOException {
    SettableClock clock = new SettableClock(Instant.parse("2026-11-25T08:00:00Z"));
    try (DynakitEngine engine = DynakitEngine.builder().clock(clock).build();
        DynakitServer own = DynakitServer.builder().engine(engine).port(0).console(true).build()) {
      own.start();
      DynamoDbClient client = engine.client();
      client.createTable(
          b ->
              b.tableName("history")
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(d -> d.attributeName("pk").attributeType("S"))
                  .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                  .streamSpecification(
                      st -> st.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
      // Four shards: each write after five hours finds its shard past its four-hour lifetime.
      // The first holds more records than one GetRecords of the tail reads (100), so that its
      // children must wait for it.
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        String key = String.format("a%03d", i);
        client.putItem(b -> b.tableName("history").item(Map.of("pk", AttributeValue.fromS(key))));
        expected.add("INSERT " + key);
      }
      for (String key : new String[] {"b", "c"}) {
        clock.set(clock.instant().plus(Duration.ofHours(5)));
        client.putItem(b -> b.tableName("history").item(Map.of("pk", AttributeValue.fromS(key))));
        expected.add("INSERT " + key);
      }
      clock.set(clock.instant().plus(Duration.ofHours(5)));
      client.deleteItem(
          b -> b.tableName("history").key(Map.of("pk", AttributeValue.fromS("a000"))));
      expected.add("REMOVE a000");
      assertThat(
              engine
                  .streamsClient()
                  .describeStream(
                      b ->
                          b.streamArn(
                              client
                                  .describeTable(t -> t.tableName("history"))
                                  .table()
                                  .latestStreamArn()))
                  .streamDescription()
                  .shards())
          .hasSize(4);

      try (Events events =
          new Events(URI.create(api(own, "stream") + "?table=history&from=oldest"))) {
        assertThat(events.next()).startsWith("ready {").endsWith(",\"from\":\"oldest\"}");
        List<String> seen = new ArrayList<>();
        while (seen.size() < expected.size()) {
          JsonNode record = JSON.readTree(events.next().substring("record ".length()));
          seen.add(
              record.path("eventName").asText()
                  + " "
                  + record.path("dynamodb").path("Keys").path("pk").path("S").asText());
        }
        assertThat(seen).isEqualTo(expected);
        client.putItem(b -> b.tableName("history").item(Map.of("pk", AttributeValue.fromS("d"))));
        assertThat(events.next()).startsWith("record ").contains("\"eventName\":\"INSERT\"");
      }
      try (Events events = new Events(URI.create(api(own, "stream") + "?table=history&from=x"))) {
        assertThat(events.next())
            .isEqualTo(
                "failed {\"error\":\"ValidationException: the query parameter 'from' must be"
                    + " newest or oldest, not x\"}");
      }
    }
  }

  @Test
  @Timeout(60)
  void aTailOfATableWithoutAStreamEndsSayingSo() throws IOException {
    createTable("console_nostream", false);
    try (Events events = new Events(stream("console_nostream"))) {
      assertThat(events.next())
          .isEqualTo(
              "failed {\"error\":\"ValidationException: the table console_nostream has no stream"
                  + " enabled\"}");
      assertThat(events.next()).isNull();
    }
    try (Events events = new Events(stream("console_absent"))) {
      assertThat(events.next()).startsWith("failed {\"error\":\"ResourceNotFoundException: ");
    }
    try (Events events = new Events(URI.create(api(server, "stream").toString()))) {
      assertThat(events.next())
          .isEqualTo(
              "failed {\"error\":\"ValidationException: the query parameter 'table' is"
                  + " required\"}");
    }
  }

  @Test
  void withSignaturesCheckedTheConsoleNeedsTheTokenPrintedAtStartUp() throws IOException {
    try (DynakitServer signed =
        DynakitServer.builder()
            .port(0)
            .console(true)
            .auth(Map.of("AKIDEXAMPLE", "s3cr3t-k3y"))
            .build()
            .start()) {
      URI url = signed.consoleUrl();
      assertThat(url.toString()).startsWith(signed.endpoint() + "/console/?token=");
      String token = url.getQuery().substring("token=".length());
      assertThat(token).hasSize(32).matches("[0-9a-f]+");
      assertThat(signed.toString()).doesNotContain(token);

      // The pages hold no data and load without it; the API does not.
      assertThat(get(url).statusCode()).isEqualTo(200);
      HttpResponse<String> without = get(api(signed, "info"));
      assertThat(without.statusCode()).isEqualTo(403);
      assertThat(without.body())
          .contains("the console needs the token printed when the server started");
      assertThat(get(api(signed, "info"), ConsoleHandler.TOKEN_HEADER, "0".repeat(32)).statusCode())
          .isEqualTo(403);
      HttpResponse<String> info = get(api(signed, "info"), ConsoleHandler.TOKEN_HEADER, token);
      assertThat(JSON.readTree(info.body()).path("auth").asBoolean()).isTrue();
      assertThat(
              call(signed, "ListTables", "{}", ConsoleHandler.TOKEN_HEADER, token)
                  .path("status")
                  .asInt())
          .isEqualTo(200);
      assertThat(get(URI.create(api(signed, "metrics") + "?token=" + token)).statusCode())
          .isEqualTo(200);
      assertThat(get(URI.create(api(signed, "stream") + "?table=x")).statusCode()).isEqualTo(403);

      // The DynamoDB endpoint itself still wants signed requests.
      HttpResponse<String> unsigned =
          post(
              signed.endpoint(),
              "{}",
              "Content-Type",
              "application/x-amz-json-1.0",
              "X-Amz-Target",
              "DynamoDB_20120810.ListTables");
      assertThat(unsigned.statusCode()).isEqualTo(400);
      assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
    }
  }

  @Test
  void withEngineThreadsTheOperationsRunThereAndAnswerTheSame() throws IOException {
    try (DynakitServer threaded =
        DynakitServer.builder().port(0).console(true).engineThreads(2).build().start()) {
      JsonNode created =
          call(
              threaded,
              "CreateTable",
              "{\"TableName\":\"threaded\",\"BillingMode\":\"PAY_PER_REQUEST\","
                  + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                  + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
      assertThat(created.path("status").asInt()).isEqualTo(200);
      String put =
          "{\"TableName\":\"threaded\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
              + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}";
      assertThat(call(threaded, "PutItem", put).path("status").asInt()).isEqualTo(200);
      assertThat(call(threaded, "PutItem", put).path("response").path("__type").asText())
          .endsWith("#ConditionalCheckFailedException");
      HttpResponse<String> notJson =
          post(api(threaded, "call"), "{nope", "Content-Type", "application/json");
      assertThat(notJson.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void withoutTheConsoleItsPathsAreNotServed() {
    try (DynakitServer plain = DynakitServer.builder().port(0).build().start()) {
      assertThat(get(URI.create(plain.endpoint() + "/console/")).statusCode()).isEqualTo(404);
      assertThatThrownBy(plain::consoleUrl)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the console is not enabled");
    }
  }
}
