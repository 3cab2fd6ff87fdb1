package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a broken or hostile client gets: a clear error or a closed connection, and the server keeps
 * answering everyone else (each test makes a normal request afterwards, while the bad connection is
 * still open where it can be).
 */
class RobustnessTest {
  private static final String LIST_TABLES = "DynamoDB_20120810.ListTables";
  private static DynakitServer server;
  private static ExecutorService background;

  @BeforeAll
  static void start() {
    server = DynakitServer.builder().port(0).readTimeout(Duration.ofMillis(300)).build().start();
    background = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() {
    server.close();
    background.shutdownNow();
  }

  /** A normal request on a new connection, from another thread, succeeds. */
  private static void othersAreStillServed() throws Exception {
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () -> {
              try (RawHttp http = new RawHttp(server.port())) {
                return http.send(RawHttp.post(LIST_TABLES, "{}")).read().status();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            background);
    assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
  }

  @Test
  void malformedHttpIsA400AndTheConnectionIsClosed() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send("THIS IS NOT HTTP\r\n\r\n").read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.text()).startsWith("malformed HTTP request: ");
      assertThat(http.closedByServer()).isTrue();
    }
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nContent-Length: banana\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(http.closedByServer()).isTrue();
    }
    othersAreStillServed();
  }

  /**
   * Found by fuzzing: the interim 100 Continue took the place of a request in the codec's record of
   * methods, so that the answer to a HEAD request expecting it got a body, and later answers on the
   * connection lost theirs or got one they should not have.
   */
  @Test
  void answersAfterA100ContinueKeepTheirBodiesAndHeadAnswersHaveNone() throws Exception {
    String head = "HEAD / HTTP/1.1\r\nHost: localhost\r\n";
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(
          head
              + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}"
              + RawHttp.post(LIST_TABLES, 2, "Expect: 100-continue\r\n")
              + "{}"
              + head
              + "\r\n"
              + RawHttp.post(LIST_TABLES, "{}"));
      assertThat(http.readHead().status()).isEqualTo(100);
      assertThat(http.readHead().status()).isEqualTo(404);
      assertThat(http.readHead().status()).isEqualTo(100);
      RawHttp.Response listed = http.read();
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.text()).startsWith("{\"TableNames\":");
      RawHttp.Response headAnswer = http.readHead();
      assertThat(headAnswer.status()).isEqualTo(404);
      assertThat(headAnswer.header("Content-Length")).isEqualTo("29");
      RawHttp.Response last = http.read();
      assertThat(last.status()).isEqualTo(200);
      assertThat(last.text()).isEqualTo("{\"TableNames\":[]}");
    }
  }

  @Test
  void hugeHeadersAreA400NamingTheLimit() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      String huge = "X-Padding: " + "a".repeat(64 * 1024) + "\r\n";
      RawHttp.Response response = http.send(RawHttp.post(LIST_TABLES, 2, huge) + "{}").read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.text()).contains("TooLongHttpHeaderException", "16384 bytes");
      assertThat(http.closedByServer()).isTrue();
    }
    othersAreStillServed();
  }

  @Test
  void aTruncatedBodyIsDroppedWhenTheClientCloses() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(LIST_TABLES, 1000, "") + "{\"Limit\":");
      http.shutdownOutput();
      assertThat(http.closedByServer()).isTrue();
    }
    othersAreStillServed();
  }

  @Test
  void aClientThatStopsSendingIsClosedAfterTheReadTimeout() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(LIST_TABLES, 1000, "") + "{\"Limit\":");
      othersAreStillServed();
      // The read timeout (300 ms here) closes it; the socket's own timeout bounds the wait.
      assertThat(http.closedByServer()).isTrue();
    }
    try (RawHttp idle = new RawHttp(server.port())) {
      assertThat(idle.send(RawHttp.post(LIST_TABLES, "{}")).read().status()).isEqualTo(200);
      assertThat(idle.closedByServer()).isTrue();
    }
  }

  @Test
  void invalidUtf8IsASerializationException() throws Exception {
    byte[] bad = "{\"ExclusiveStartTableName\":\"ab...\"}".getBytes(StandardCharsets.US_ASCII);
    // Replace "..." by bytes that are not UTF-8: a lead byte without its continuation, and 0xFF.
    int at = new String(bad, StandardCharsets.US_ASCII).indexOf("...");
    bad[at] = (byte) 0xC3;
    bad[at + 1] = (byte) 0x28;
    bad[at + 2] = (byte) 0xFF;
    byte[] head = RawHttp.post(LIST_TABLES, bad.length, "").getBytes(StandardCharsets.US_ASCII);
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(head).send(bad);
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.text()).contains("#SerializationException", "UTF-8");
      // The connection stays usable.
      assertThat(http.send(RawHttp.post(LIST_TABLES, "{}")).read().status()).isEqualTo(200);
    }
    othersAreStillServed();
  }

  @Test
  void deeplyNestedJsonIsASerializationException() throws Exception {
    String nested = "[".repeat(10_000) + "]".repeat(10_000);
    for (String json :
        new String[] {
          "{\"Unknown\":" + nested + "}",
          "{\"TableName\":\"t\",\"Item\":{\"a\":"
              + "{\"L\":[".repeat(5_000)
              + "]}".repeat(5_000)
              + "}}"
        }) {
      try (RawHttp http = new RawHttp(server.port())) {
        String target = json.startsWith("{\"Unknown") ? LIST_TABLES : "DynamoDB_20120810.PutItem";
        RawHttp.Response response = http.send(RawHttp.post(target, json)).read();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("#SerializationException", "nesting depth");
      }
    }
    othersAreStillServed();
  }

  @Test
  void manyConnectionsAtOnceAreAllServed() throws Exception {
    java.util.List<CompletableFuture<Integer>> calls = new java.util.ArrayList<>();
    for (int i = 0; i < 32; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try (RawHttp http = new RawHttp(server.port())) {
                  int last = 0;
                  for (int n = 0; n < 10; n++) {
                    last = http.send(RawHttp.post(LIST_TABLES, "{}")).read().status();
                  }
                  return last;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              background));
    }
    for (CompletableFuture<Integer> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
    }
  }
}
