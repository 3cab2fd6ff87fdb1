package dev.dynakit.engine.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.protocol.Operations.Operation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class JsonCodecTest {

  static Stream<Operation> operations() {
    return Operations.all().values().stream();
  }

  // ------------------------------------------------------------ whole model round trips

  @ParameterizedTest
  @MethodSource("operations")
  void everyRequestAndResponseRoundTrips(Operation operation) {
    for (long seed = 0; seed < 5; seed++) {
      assertRoundTrip(operation.requestBuilder(), seed);
      assertRoundTrip(operation.responseBuilder(), seed);
    }
  }

  @Property(tries = 30)
  void randomModelsRoundTrip(@ForAll long seed) {
    for (Operation operation : Operations.all().values()) {
      assertRoundTrip(operation.requestBuilder(), seed);
      assertRoundTrip(operation.responseBuilder(), seed);
    }
  }

  private static void assertRoundTrip(java.util.function.Supplier<SdkPojo> builder, long seed) {
    SdkPojo original = new ModelFiller(seed, 4).fill(builder);
    byte[] json = JsonCodec.write(original);
    SdkPojo read = JsonCodec.read(json, builder);
    assertThat(read.equalsBySdkFields(original)).as(new String(json, UTF_8)).isTrue();
    assertThat(JsonCodec.write(read)).isEqualTo(json);
  }

  // ------------------------------------------------------------ against the SDK itself

  private static DynamoDbClient client(CapturingHttpClient http) {
    return DynamoDbClient.builder()
        .httpClient(http)
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://localhost:8000"))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .overrideConfiguration(
            c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static Object call(DynamoDbClient client, Operation operation, SdkPojo request)
      throws Throwable {
    String name = operation.name();
    Method method =
        DynamoDbClient.class.getMethod(
            Character.toLowerCase(name.charAt(0)) + name.substring(1), operation.request());
    try {
      return method.invoke(client, request);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @ParameterizedTest
  @MethodSource("operations")
  void writesWhatTheSdkWritesAndReadsWhatTheSdkReads(Operation operation) throws Throwable {
    CapturingHttpClient http = new CapturingHttpClient();
    try (DynamoDbClient client = client(http)) {
      for (long seed = 0; seed < 3; seed++) {
        SdkPojo request = new ModelFiller(seed, 4).fill(operation.requestBuilder());
        SdkPojo response = new ModelFiller(seed + 100, 4).fill(operation.responseBuilder());
        http.answer = JsonCodec.write(response);

        SdkPojo parsed = (SdkPojo) call(client, operation, request);

        assertThat(http.request.firstMatchingHeader("X-Amz-Target"))
            .contains("DynamoDB_20120810." + operation.name());
        assertThat(JsonTree.parse(JsonCodec.write(request))).isEqualTo(JsonTree.parse(http.body));
        assertThat(
                JsonCodec.<SdkPojo>read(http.body, operation.requestBuilder())
                    .equalsBySdkFields(request))
            .isTrue();
        assertThat(parsed.equalsBySdkFields(response)).isTrue();
      }
    }
  }

  @Test
  void theSdkReadsOurErrors() {
    CapturingHttpClient http = new CapturingHttpClient();
    try (DynamoDbClient client = client(http)) {
      ErrorResponse error =
          ErrorResponse.of("ResourceNotFoundException", "Requested resource not found");
      http.status = error.status();
      http.answer = error.body();
      assertThatThrownBy(() -> client.getItem(GetItemRequest.builder().tableName("t").build()))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessageStartingWith("Requested resource not found");

      ErrorResponse validation = ErrorResponse.of("ValidationException", "bad");
      http.status = validation.status();
      http.answer = validation.body();
      assertThatThrownBy(() -> client.getItem(GetItemRequest.builder().tableName("t").build()))
          .isInstanceOfSatisfying(
              DynamoDbException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("bad");
                assertThat(e.statusCode()).isEqualTo(400);
              });
    }
  }

  // ------------------------------------------------------------ particular values

  @Test
  void binaryIsBase64() {
    PutItemRequest request =
        PutItemRequest.builder()
            .tableName("t")
            .item(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1, 2}))))
            .build();
    String json = new String(JsonCodec.write(request), UTF_8);
    assertThat(json).isEqualTo("{\"TableName\":\"t\",\"Item\":{\"b\":{\"B\":\"AP8C\"}}}");
    assertThat(JsonCodec.<PutItemRequest>read(json.getBytes(UTF_8), PutItemRequest::builder))
        .isEqualTo(request);
  }

  @Test
  void instantsAreFractionalEpochSeconds() {
    Instant when = Instant.ofEpochSecond(1_700_000_000L, 250_000_000);
    DescribeTableResponse response =
        DescribeTableResponse.builder()
            .table(TableDescription.builder().creationDateTime(when).itemCount(3L).build())
            .build();
    String json = new String(JsonCodec.write(response), UTF_8);
    assertThat(json).isEqualTo("{\"Table\":{\"CreationDateTime\":1700000000.25,\"ItemCount\":3}}");
    DescribeTableResponse read =
        JsonCodec.read(
            "{\"Table\":{\"CreationDateTime\":1.7E9}}".getBytes(UTF_8),
            DescribeTableResponse::builder);
    assertThat(read.table().creationDateTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThatThrownBy(
            () ->
                JsonCodec.read(
                    "{\"Table\":{\"CreationDateTime\":\"x\"}}".getBytes(UTF_8),
                    DescribeTableResponse::builder))
        .hasMessage("STRING_VALUE cannot be converted to Date");
    assertThatThrownBy(
            () ->
                JsonCodec.read(
                    "{\"Table\":{\"CreationDateTime\":1e300}}".getBytes(UTF_8),
                    DescribeTableResponse::builder))
        .isInstanceOf(JsonCodec.MalformedException.class)
        .hasMessageStartingWith("Timestamp out of range");
    assertThat(JsonCodec.toInstant(new java.math.BigDecimal("-1.5")))
        .isEqualTo(Instant.ofEpochSecond(-2, 500_000_000));
  }

  @Test
  void doublesAndBooleans() {
    String json = "{\"TableName\":\"t\",\"ConsistentRead\":true,\"Limit\":7}";
    QueryRequest read = JsonCodec.read(json.getBytes(UTF_8), QueryRequest::builder);
    assertThat(read.consistentRead()).isTrue();
    assertThat(read.limit()).isEqualTo(7);
    var capacity =
        software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity.builder()
            .capacityUnits(0.5)
            .build();
    assertThat(new String(JsonCodec.write(capacity), UTF_8)).isEqualTo("{\"CapacityUnits\":0.5}");
  }

  @Test
  void emptyListsAreWrittenAbsentListsAreNot() {
    assertThat(new String(JsonCodec.write(QueryRequest.builder().build()), UTF_8)).isEqualTo("{}");
    QueryRequest empty = QueryRequest.builder().attributesToGet(List.of()).build();
    String json = new String(JsonCodec.write(empty), UTF_8);
    assertThat(json).isEqualTo("{\"AttributesToGet\":[]}");
    QueryRequest read = JsonCodec.read(json.getBytes(UTF_8), QueryRequest::builder);
    assertThat(read.hasAttributesToGet()).isTrue();
    assertThat(
            JsonCodec.<QueryRequest>read(new byte[0], QueryRequest::builder).hasAttributesToGet())
        .isFalse();
    assertThat(JsonCodec.<QueryRequest>read(" ".getBytes(UTF_8), QueryRequest::builder))
        .isEqualTo(QueryRequest.builder().build());
  }

  @Test
  void nestedAttributeValuesWriteOnlyTheSetMember() {
    AttributeValue value =
        AttributeValue.fromM(
            Map.of(
                "l",
                AttributeValue.fromL(
                    List.of(
                        AttributeValue.fromNul(true),
                        AttributeValue.fromBool(false),
                        AttributeValue.fromSs(List.of("a")),
                        AttributeValue.fromNs(List.of("1")),
                        AttributeValue.fromL(List.of()),
                        AttributeValue.fromM(Map.of())))));
    String json = new String(JsonCodec.write(value), UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"M\":{\"l\":{\"L\":[{\"NULL\":true},{\"BOOL\":false},{\"SS\":[\"a\"]},"
                + "{\"NS\":[\"1\"]},{\"L\":[]},{\"M\":{}}]}}}");
    assertThat(JsonCodec.<AttributeValue>read(json.getBytes(UTF_8), AttributeValue::builder))
        .isEqualTo(value);
  }

  @Test
  void stringsAreEscapedAsTheGeneratorEscapesThem() {
    for (String text :
        List.of(
            "plain",
            "x".repeat(300),
            "quote\" and backslash\\",
            "tab\tnewline\ncontrol\u0001",
            "ßé✓",
            "emoji 😀",
            "lone \ud800 surrogate",
            "",
            "/<>&'\u007f")) {
      AttributeValue value = AttributeValue.fromS(text);
      String json = new String(JsonCodec.write(value), UTF_8);
      java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
      try (com.fasterxml.jackson.core.JsonGenerator generator =
          new com.fasterxml.jackson.core.JsonFactory().createGenerator(expected)) {
        generator.writeStartObject();
        generator.writeStringField("S", text);
        generator.writeEndObject();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(json).as(text).isEqualTo(expected.toString(UTF_8));
    }
  }

  @Test
  void unknownMembersAndNullsAreIgnored() {
    String json =
        "{\"Unknown\":{\"a\":[1,{\"b\":null}]},\"TableName\":\"t\",\"Other\":3,\"Key\":null}";
    assertThat(JsonCodec.<GetItemRequest>read(json.getBytes(UTF_8), GetItemRequest::builder))
        .isEqualTo(GetItemRequest.builder().tableName("t").build());
  }

  @Test
  void malformedInputIsRejected() {
    assertMalformed("{", "Unexpected end-of-input");
    assertMalformed("{\"TableName\":\"t\"} x", "Unrecognized token");
    assertMalformed("{} {}", "Unexpected content after the end");
    assertMalformed("[]", "Start of list found where not expected");
    assertMalformed("{\"TableName\":1}", "NUMBER_VALUE cannot be converted to String");
    assertMalformed("{\"Limit\":\"1\"}", "STRING_VALUE cannot be converted to Integer");
    assertMalformed("{\"ConsistentRead\":\"true\"}", "STRING_VALUE cannot be converted to Boolean");
    assertMalformed("1", "NUMBER_VALUE cannot be converted to Map");
    assertMalformed("null", "Unexpected token VALUE_NULL");
    assertMalformed(
        "{\"ExclusiveStartKey\":{\"k\":{\"L\":3}}}", "NUMBER_VALUE cannot be converted to List");
    assertMalformed(
        "{\"ExclusiveStartKey\":{\"k\":{\"B\":3}}}",
        "NUMBER_VALUE cannot be converted to ByteBuffer");
    assertMalformed("{\"ExclusiveStartKey\":\"x\"}", "STRING_VALUE cannot be converted to Map");
    assertMalformed("{\"Limit\":true}", "TRUE_VALUE cannot be converted to Integer");
    assertMalformed("{\"Limit\":false}", "FALSE_VALUE cannot be converted");
    assertMalformed("{\"TableName\":{}}", "Start of structure or map found where not expected.");
    assertMalformed("{\"ExclusiveStartKey\":[]}", "Start of list found where not expected");
    assertMalformed("{\"AttributesToGet\":{}}", "Start of structure or map");
    assertMalformed("{\"ExclusiveStartKey\":{\"k\":{\"B\":\"!!\"}}}", "Base64");
  }

  /**
   * Found by fuzzing: zero bytes early in a body make Jackson read it as UTF-32, and bytes that are
   * not UTF-32 either failed with an I/O error, which the server answered 500. They are malformed.
   */
  @Test
  void bytesThatAreNeitherUtf8NorUtf32AreMalformed() {
    assertMalformed("{\0\0\0\0\0\0\0\0\"TableName\":\"tab\"}", "Invalid UTF-32 character");
  }

  private static void assertMalformed(String json, String message) {
    assertThatThrownBy(() -> JsonCodec.read(json.getBytes(UTF_8), QueryRequest::builder))
        .isInstanceOf(JsonCodec.MalformedException.class)
        .hasMessageContaining(message);
  }

  @Test
  void errorResponses() {
    ErrorResponse validation = ErrorResponse.of("ValidationException", "bad");
    assertThat(validation.status()).isEqualTo(400);
    assertThat(new String(validation.body(), UTF_8))
        .isEqualTo(
            "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"Message\":\"bad\"}");
    assertThat(ErrorResponse.of("InternalServerError", "x").status()).isEqualTo(500);
    assertThat(ErrorResponse.of("ServiceUnavailable", "x").status()).isEqualTo(503);
    ErrorResponse serialization = ErrorResponse.of(new JsonCodec.MalformedException("oops"));
    assertThat(serialization.type()).isEqualTo("com.amazon.coral.service#SerializationException");
    assertThat(ErrorResponse.of("InternalFailure", "x").status()).isEqualTo(500);
    assertThat(new String(new ErrorResponse("X", null, 400).body(), UTF_8))
        .isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#X\"}");
  }

  @Test
  void operationsAreEveryClientOperation() {
    assertThat(Operations.all())
        .containsKeys(
            "PutItem",
            "GetItem",
            "Query",
            "Scan",
            "TransactWriteItems",
            "BatchGetItem",
            "CreateTable",
            "DescribeEndpoints");
    assertThat(Operations.byName("PutItem").request()).isEqualTo(PutItemRequest.class);
    assertThat(Operations.byName("Nope")).isNull();
    assertThat(Operations.byTarget("DynamoDB_20120810.GetItem").response())
        .isEqualTo(software.amazon.awssdk.services.dynamodb.model.GetItemResponse.class);
    assertThat(Operations.byTarget("DynamoDB_20120810.Nope")).isNull();
    assertThat(Operations.byTarget("Other.GetItem")).isNull();
    assertThat(Operations.byTarget(null)).isNull();
    assertThat(new String(ErrorResponse.unknownOperation().body(), UTF_8))
        .isEqualTo(
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#UnknownOperationException\","
                + "\"Message\":\"An unknown operation was requested.\"}");
    assertThat(Operations.all()).hasSizeGreaterThan(50);
    assertThatThrownBy(() -> Operations.builderOf(String.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesDoublesAsJacksonDoesWhetherTheirTextIsKeptOrNot() throws Exception {
    com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
    double[] values = {
      0.0,
      -0.0,
      0.5,
      1.0,
      1.5,
      2.0,
      1023.5,
      1024.0,
      1e-7,
      0.25,
      3.75,
      12345678.5,
      -1.0,
      -0.5,
      Double.MIN_VALUE,
      Double.MAX_VALUE
    };
    for (double value : values) {
      for (int pass = 0; pass < 2; pass++) {
        java.io.StringWriter expected = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator generator =
            factory.createGenerator(expected)) {
          generator.writeStartObject();
          generator.writeFieldName("CapacityUnits");
          generator.writeNumber(value);
          generator.writeEndObject();
        }
        byte[] written =
            JsonCodec.write(
                software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity.builder()
                    .capacityUnits(value)
                    .build());
        assertThat(new String(written, UTF_8)).isEqualTo(expected.toString());
      }
    }
  }
}
