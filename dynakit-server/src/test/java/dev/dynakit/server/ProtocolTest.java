package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire protocol as a client sees it on a socket: headers, checksums, errors, connections. */
class ProtocolTest {
  private static final String LIST_TABLES = "DynamoDB_20120810.ListTables";
  private static DynakitServer server;

  @BeforeAll
  static void start() {
    server = DynakitServer.builder().port(0).build().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private RawHttp.Response exchange(String request) throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      return http.send(request).read();
    }
  }

  @Test
  void aResponseCarriesTheRequestIdTheContentTypeAndTheCrc32OfItsBody() throws IOException {
    RawHttp.Response response = exchange(RawHttp.post(LIST_TABLES, "{}"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).startsWith("{\"TableNames\":[");
    assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.0");
    assertThat(response.header("x-amzn-RequestId"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(Long.parseLong(response.header("x-amz-crc32"))).isEqualTo(crc32(response.body()));
    assertThat(response.header("Content-Encoding")).isNull();
  }

  @Test
  void eachResponseHasItsOwnRequestId() throws IOException {
    assertThat(exchange(RawHttp.post(LIST_TABLES, "{}")).header("x-amzn-RequestId"))
        .isNotEqualTo(exchange(RawHttp.post(LIST_TABLES, "{}")).header("x-amzn-RequestId"));
  }

  @Test
  void aClientThatAcceptsGzipGetsAGzipBodyWhoseCrc32IsOfTheCompressedBytes() throws IOException {
    String request =
        RawHttp.post(LIST_TABLES, 2, "Accept-Encoding: deflate, gzip\r\n").concat("{}");
    RawHttp.Response response = exchange(request);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(Long.parseLong(response.header("x-amz-crc32"))).isEqualTo(crc32(response.body()));
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
    assertThat(new String(plain, StandardCharsets.UTF_8)).startsWith("{\"TableNames\":[");
  }

  @Test
  void anErrorIsSentUncompressedEvenToAClientThatAcceptsGzip() throws IOException {
    RawHttp.Response response =
        exchange(RawHttp.post(LIST_TABLES, 5, "Accept-Encoding: gzip\r\n") + "{nope");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Encoding")).isNull();
    assertThat(response.text()).contains("#SerializationException");
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsSent() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(LIST_TABLES, 2, "Expect: 100-continue\r\n"));
      assertThat(http.read().status()).isEqualTo(100);
      RawHttp.Response response = http.send("{}").read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).startsWith("{\"TableNames\":[");
    }
  }

  /**
   * Found by fuzzing: an expectation other than 100-continue got Netty's bare 417, without the
   * request id and checksum every answer carries. The client does not send the body then, and the
   * connection serves its next request.
   */
  @Test
  void anUnsupportedExpectationIsRefusedWithTheServersHeaders() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response refused =
          http.send(RawHttp.post(LIST_TABLES, 2, "Expect: 100-cont'inue\r\n")).read();
      assertThat(refused.status()).isEqualTo(417);
      assertThat(refused.text()).isEqualTo("unsupported Expect header: 100-cont'inue\n");
      assertThat(refused.header("x-amzn-RequestId")).isNotBlank();
      assertThat(refused.header("x-amz-crc32")).isEqualTo(Responses.crc32(refused.body()));
      assertThat(http.send(RawHttp.post(LIST_TABLES, "{}")).read().status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyAnnouncedTooLargeWithExpectContinueIsRefusedBeforeItIsSent() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(LIST_TABLES, 1L << 30, "Expect: 100-continue\r\n"));
      RawHttp.Response refused = http.read();
      assertThat(refused.status()).isEqualTo(413);
      assertThat(refused.text())
          .contains("RequestEntityTooLarge")
          .contains("Request size 1073741824 bytes exceeds the server's limit of");
      assertThat(refused.header("x-amzn-RequestId")).isNotBlank();
    }
  }

  @Test
  void aChunkedBodyIsGatheredAndServed() throws IOException {
    RawHttp.Response response =
        exchange(
            "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: "
                + LIST_TABLES
                + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"Lim\r\n6\r\nit\": 5\r\n1\r\n}\r\n0\r\n\r\n");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).startsWith("{\"TableNames\":[");
  }

  @Test
  void malformedJsonIsASerializationException() throws IOException {
    RawHttp.Response response = exchange(RawHttp.post(LIST_TABLES, "{\"Limit\": "));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text())
        .startsWith("{\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":");
    assertThat(Long.parseLong(response.header("x-amz-crc32"))).isEqualTo(crc32(response.body()));
  }

  @Test
  void aValueOfTheWrongTypeIsASerializationExceptionInDynamoDbsWords() throws IOException {
    RawHttp.Response response = exchange(RawHttp.post(LIST_TABLES, "{\"Limit\": \"ten\"}"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text())
        .isEqualTo(
            "{\"__type\":\"com.amazon.coral.service#SerializationException\","
                + "\"Message\":\"STRING_VALUE cannot be converted to Integer\"}");
  }

  @Test
  void anUnknownTargetIsAnUnknownOperationException() throws IOException {
    for (String target :
        new String[] {"DynamoDB_20120810.Frobnicate", "Nope", "DynamoDBStreams_20120810.Nope"}) {
      RawHttp.Response response = exchange(RawHttp.post(target, "{}"));
      assertThat(response.status()).as(target).isEqualTo(400);
      assertThat(response.text())
          .as(target)
          .isEqualTo(
              "{\"__type\":\"com.amazonaws.dynamodb.v20120810#UnknownOperationException\","
                  + "\"Message\":\"An unknown operation was requested.\"}");
    }
  }

  @Test
  void aRequestWithoutTargetIsAnUnknownOperationException() throws IOException {
    RawHttp.Response response =
        exchange(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "Content-Length: 2\r\n\r\n{}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("#UnknownOperationException");
  }

  @Test
  void anEngineErrorIsSentWithItsStatusTypeAndMessage() throws IOException {
    RawHttp.Response response =
        exchange(
            RawHttp.post(
                "DynamoDB_20120810.GetItem",
                "{\"TableName\":\"missing\",\"Key\":{\"id\":{\"S\":\"1\"}}}"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text())
        .isEqualTo(
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"Message\":\"Cannot do operations on a non-existent table\"}");
  }

  @Test
  void getOfTheRootIsAHealthCheck() throws IOException {
    RawHttp.Response response = exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("healthy: dynakit\n");
  }

  @Test
  void anotherMethodOrANonJsonBodyIsA404AsDynamoDbAnswersIt() throws IOException {
    String[] requests = {
      "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
      "GET /tables HTTP/1.1\r\nHost: x\r\n\r\n",
      "DELETE / HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: "
          + LIST_TABLES
          + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}",
    };
    for (String request : requests) {
      RawHttp.Response response = exchange(request);
      assertThat(response.status()).as(request).isEqualTo(404);
      assertThat(response.text()).as(request).isEqualTo("<UnknownOperationException/>\n");
      // The checksum DynamoDB sends with that body.
      assertThat(response.header("x-amz-crc32")).isEqualTo("3552371480");
    }
  }

  @Test
  void jsonContentTypeIsAnsweredInKindAndAnyPathIsServed() throws IOException {
    RawHttp.Response response =
        exchange(
            "POST /any/path HTTP/1.1\r\nHost: x\r\nX-Amz-Target: "
                + LIST_TABLES
                + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void connectionsAreKeptAliveAndPipelinedRequestsAnsweredInOrder() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      String get = RawHttp.post("DynamoDB_20120810.GetItem", "{\"TableName\":\"nope\"}");
      http.send(RawHttp.post(LIST_TABLES, "{}") + get + RawHttp.post(LIST_TABLES, "{}"));
      assertThat(http.read().status()).isEqualTo(200);
      assertThat(http.read().status()).isEqualTo(400);
      RawHttp.Response third = http.read();
      assertThat(third.status()).isEqualTo(200);
      assertThat(third.header("Connection")).isNull();
      // Still open: a fourth request on the same connection.
      assertThat(http.send(RawHttp.post(LIST_TABLES, "{}")).read().status()).isEqualTo(200);
    }
  }

  @Test
  void connectionCloseAndHttp10CloseTheConnectionAfterTheResponse() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response =
          http.send(RawHttp.post(LIST_TABLES, 2, "Connection: close\r\n") + "{}").read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(http.closedByServer()).isTrue();
    }
    try (RawHttp http = new RawHttp(server.port())) {
      String request = RawHttp.post(LIST_TABLES, "{}").replace("HTTP/1.1", "HTTP/1.0");
      assertThat(http.send(request).read().status()).isEqualTo(200);
      assertThat(http.closedByServer()).isTrue();
    }
    try (RawHttp http = new RawHttp(server.port())) {
      String request =
          RawHttp.post(LIST_TABLES, 2, "Connection: keep-alive\r\n").replace("HTTP/1.1", "HTTP/1.0")
              + "{}";
      RawHttp.Response response = http.send(request).read();
      assertThat(response.header("Connection")).isEqualTo("keep-alive");
      assertThat(http.send(request).read().status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413BeforeItIsSent() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      long announced = DynakitServer.DEFAULT_MAX_REQUEST_BYTES + 1L;
      RawHttp.Response response =
          http.send(RawHttp.post("DynamoDB_20120810.BatchWriteItem", announced, "")).read();
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.text())
          .isEqualTo(
              "{\"__type\":\"com.amazonaws.dynamodb.v20120810#RequestEntityTooLarge\","
                  + "\"Message\":\"Request size 16777217 bytes exceeds the server's limit of"
                  + " 16777216 bytes\"}");
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void aChunkedBodyOverASmallerLimitIsRefusedToo() throws IOException {
    try (DynakitServer small =
            DynakitServer.builder().port(0).maxRequestBytes(100).build().start();
        RawHttp http = new RawHttp(small.port())) {
      String chunk = "{\"TableName\":\"" + "x".repeat(120) + "\"}";
      String request =
          "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.DescribeTable\r\n"
              + "Content-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(chunk.length())
              + "\r\n"
              + chunk
              + "\r\n0\r\n\r\n";
      RawHttp.Response response = http.send(request).read();
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.text()).contains("more than 100 bytes", "limit of 100 bytes");
    }
  }
}
