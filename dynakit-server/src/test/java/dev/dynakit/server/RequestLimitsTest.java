package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each bound on what a request may hold: the body (announced or chunked), the headers (one huge or
 * many small), the request line, the nesting of attribute values and of raw JSON. Each is refused
 * with a clear error, without the server reading on or running out of stack, and the server goes on
 * answering afterwards.
 */
class RequestLimitsTest {
  private static final int SMALL_LIMIT = 64 * 1024;
  private static final String PUT = "DynamoDB_20120810.PutItem";
  private static DynakitServer server;
  private static DynakitServer small;
  private static ExecutorService background;

  @BeforeAll
  static void start() {
    server = DynakitServer.builder().port(0).build().start();
    small = DynakitServer.builder().port(0).maxRequestBytes(SMALL_LIMIT).build().start();
    server
        .engine()
        .client()
        .createTable(
            b ->
                b.tableName("deep")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .billingMode("PAY_PER_REQUEST"));
    background = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() {
    server.close();
    small.close();
    background.shutdownNow();
  }

  private static void stillServes(DynakitServer target) throws IOException {
    try (RawHttp http = new RawHttp(target.port())) {
      assertThat(http.send(RawHttp.post("DynamoDB_20120810.ListTables", "{}")).read().status())
          .isEqualTo(200);
    }
  }

  @Test
  void aChunkedBodyThatGoesOnPastTheLimitIsCutOffNotBuffered() throws Exception {
    long offered = 256L * 1024 * 1024;
    AtomicLong sent = new AtomicLong();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", small.port()), RawHttp.TIMEOUT_MILLIS);
      socket.setSoTimeout(RawHttp.TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: "
                  + PUT
                  + "\r\n"
                  + "Content-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try {
                  while (sent.get() < offered) {
                    out.write(chunk);
                    sent.addAndGet(0x2000);
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              background);
      java.io.InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 413");
      // The server closed the connection: the writer fails long before it has sent everything.
      assertThat(writer)
          .failsWithin(RawHttp.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          .withThrowableThat()
          .withRootCauseInstanceOf(java.net.SocketException.class);
      assertThat(sent.get()).isLessThan(offered);
    }
    stillServes(small);
  }

  @Test
  void manySmallHeadersOverTheLimitAreA400() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      headers.append("X-Header-").append(i).append(": v\r\n");
    }
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response =
          http.send(RawHttp.post("DynamoDB_20120810.ListTables", 2, headers.toString()) + "{}")
              .read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.text())
          .startsWith("malformed HTTP request: TooLongHttpHeaderException")
          .contains("16384 bytes");
      assertThat(http.closedByServer()).isTrue();
    }
    stillServes(server);
  }

  @Test
  void aRequestLineOverTheLimitIsA400() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response =
          http.send("POST /" + "a".repeat(16 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.text()).startsWith("malformed HTTP request: TooLongHttpLineException");
      assertThat(http.closedByServer()).isTrue();
    }
    stillServes(server);
  }

  private static String nestedValue(int wrappers) {
    return "{\"L\":[".repeat(wrappers) + "{\"S\":\"leaf\"}" + "]}".repeat(wrappers);
  }

  @Test
  void attributeValuesNestedPast32LevelsAreDynamoDbsValidationException() throws Exception {
    String item = "{\"TableName\":\"deep\",\"Item\":{\"id\":{\"S\":\"%s\"},\"doc\":%s}}";
    try (RawHttp http = new RawHttp(server.port())) {
      assertThat(
              http.send(RawHttp.post(PUT, String.format(item, "ok", nestedValue(31))))
                  .read()
                  .status())
          .isEqualTo(200);
      RawHttp.Response deep =
          http.send(RawHttp.post(PUT, String.format(item, "deep", nestedValue(32)))).read();
      assertThat(deep.status()).isEqualTo(400);
      assertThat(deep.text())
          .contains(
              "ValidationException",
              "Nesting Levels have exceeded supported limits: Attributes in the item have nested"
                  + " levels beyond supported limit");
    }
    stillServes(server);
  }

  @Test
  void jsonNestedTensOfThousandsDeepIsASerializationExceptionNotAStackOverflow() throws Exception {
    for (int depth : new int[] {1_001, 50_000}) {
      String json =
          "{\"TableName\":\"deep\",\"Item\":{\"id\":{\"S\":\"x\"},\"doc\":"
              + nestedValue(depth)
              + "}}";
      try (RawHttp http = new RawHttp(server.port())) {
        RawHttp.Response response = http.send(RawHttp.post(PUT, json)).read();
        assertThat(response.status()).as("depth %d", depth).isEqualTo(400);
        assertThat(response.text()).contains("#SerializationException", "nesting depth");
        // The connection stays usable.
        assertThat(http.send(RawHttp.post("DynamoDB_20120810.ListTables", "{}")).read().status())
            .isEqualTo(200);
      }
    }
    stillServes(server);
  }
}
