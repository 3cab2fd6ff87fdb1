package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.dynakit.engine.DynakitEngine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for the server's request path: raw bytes (request line, headers, body, several
 * requests or a fragment of one) go through the pipeline a connection gets, on an embedded channel.
 * The server must answer with well-formed HTTP responses (each with its length, request id and
 * checksum) or close the connection; nothing may escape the pipeline, no request may stay counted
 * in flight, and a valid request on a new connection is still answered.
 *
 * <p>Each input is the bytes a client sends. The server has a 1 KiB request limit, so that the
 * fuzzer reaches the size checks too.
 */
class HttpRequestFuzzTest {
  private static final String LIST_TABLES =
      "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
          + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}";

  private static DynakitEngine engine;
  private static DynakitServer server;

  /** What became of the inputs, printed when the class is done. */
  private static final Map<String, Long> OUTCOMES = new TreeMap<>();

  @AfterAll
  static void close() {
    if (!OUTCOMES.isEmpty()) {
      System.out.println("HttpRequestFuzzTest inputs: " + OUTCOMES);
    }
    if (server != null) {
      server.close();
      engine.close();
      server = null;
    }
  }

  private static DynakitServer server() {
    if (server == null) {
      engine = DynakitEngine.inMemory();
      server = DynakitServer.builder().engine(engine).maxRequestBytes(1024).build();
    }
    return server;
  }

  @FuzzTest(maxDuration = "10s")
  void rawRequest(byte[] input) {
    DynakitServer server = server();
    EmbeddedChannel connection = new EmbeddedChannel();
    server.configure(connection);
    ArrayDeque<HttpMethod> methods = methodsRead(connection);
    connection.writeInbound(Unpooled.wrappedBuffer(input));
    connection.runPendingTasks();
    assertThat(server.inFlight()).as("requests in flight").isZero();
    List<Boolean> heads = new ArrayList<>();
    List<FullHttpResponse> responses = responses(connection, methods, heads);
    try {
      int finalResponses = 0;
      for (FullHttpResponse response : responses) {
        boolean head = response.status().code() >= 200 && heads.get(finalResponses++);
        wellFormed(response, head);
      }
    } finally {
      responses.forEach(FullHttpResponse::release);
    }
    OUTCOMES.merge(outcome(responses, connection.isOpen()), 1L, Long::sum);
    // Nothing was thrown out of the pipeline: finish() rethrows what reached its end.
    connection.finishAndReleaseAll();

    EmbeddedChannel next = new EmbeddedChannel();
    server.configure(next);
    ArrayDeque<HttpMethod> nextMethods = methodsRead(next);
    next.writeInbound(Unpooled.copiedBuffer(LIST_TABLES, StandardCharsets.US_ASCII));
    List<FullHttpResponse> answers = responses(next, nextMethods);
    try {
      assertThat(answers).hasSize(1);
      assertThat(answers.get(0).status().code()).isEqualTo(200);
    } finally {
      answers.forEach(FullHttpResponse::release);
      next.finishAndReleaseAll();
    }
  }

  /**
   * What an input got: no answer yet (an unfinished request on an open connection), the connection
   * closed without an answer, or answers of which the last is a success or a refusal.
   */
  private static String outcome(List<FullHttpResponse> responses, boolean open) {
    int last = responses.isEmpty() ? 0 : responses.get(responses.size() - 1).status().code();
    if (last == 0 || last == 100) {
      return open ? "waiting" : "closed unanswered";
    }
    return last < 300 ? "answered" : "refused " + last;
  }

  /**
   * The methods of the requests the server's codec reads on a connection, in order: a client
   * decoding the answers needs them, since the answer to HEAD has a length but no body.
   */
  private static ArrayDeque<HttpMethod> methodsRead(EmbeddedChannel connection) {
    ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
    String codec = connection.pipeline().context(HttpServerCodec.class).name();
    connection
        .pipeline()
        .addAfter(
            codec,
            "methods",
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                  methods.add(((HttpRequest) msg).method());
                }
                ctx.fireChannelRead(msg);
              }
            });
    return methods;
  }

  private static List<FullHttpResponse> responses(
      EmbeddedChannel connection, ArrayDeque<HttpMethod> methods) {
    return responses(connection, methods, new ArrayList<>());
  }

  /**
   * The responses a connection wrote, decoded as a client would; all its bytes must decode. {@code
   * heads} receives, for each final response, whether it answers HEAD (and so has no body).
   */
  private static List<FullHttpResponse> responses(
      EmbeddedChannel connection, ArrayDeque<HttpMethod> methods, List<Boolean> heads) {
    HttpResponseDecoder decoder =
        new HttpResponseDecoder() {
          @Override
          protected boolean isContentAlwaysEmpty(HttpMessage message) {
            if (((HttpResponse) message).status().code() < 200) {
              return super.isContentAlwaysEmpty(message);
            }
            boolean head = HttpMethod.HEAD.equals(methods.poll());
            heads.add(head);
            return head || super.isContentAlwaysEmpty(message);
          }
        };
    EmbeddedChannel client = new EmbeddedChannel(decoder, new HttpObjectAggregator(1 << 20));
    ByteBuf written;
    while ((written = connection.readOutbound()) != null) {
      client.writeInbound(written);
    }
    List<FullHttpResponse> responses = new ArrayList<>();
    Object decoded;
    while ((decoded = client.readInbound()) != null) {
      responses.add((FullHttpResponse) decoded);
    }
    // No partial response left behind, and nothing the decoder could not read.
    assertThat(client.finishAndReleaseAll()).as("a partial response").isFalse();
    return responses;
  }

  private static void wellFormed(FullHttpResponse response, boolean head) {
    assertThat(response.decoderResult().isSuccess()).as("decodes").isTrue();
    int status = response.status().code();
    if (status == 100) {
      // the aggregator's interim answer to Expect: 100-continue; the final answer follows
      return;
    }
    assertThat(status).isBetween(200, 599);
    byte[] body = ByteBufUtil.getBytes(response.content());
    assertThat(response.headers().get(Responses.REQUEST_ID)).isNotBlank();
    assertThat(status).as("status").isNotEqualTo(500);
    if (head) {
      // the length and checksum of the body a GET would have had, which is not sent
      assertThat(body).isEmpty();
      return;
    }
    assertThat(response.headers().getInt("Content-Length")).isEqualTo(body.length);
    assertThat(response.headers().get(Responses.CRC32)).isEqualTo(Responses.crc32(body));
    String text = new String(body, StandardCharsets.UTF_8);
    if (status >= 400 && response.headers().get("Content-Type").startsWith("application/")) {
      // DynamoDB's JSON error, or its XML answer to what is not an operation
      assertThat(text).matches("(?s)\\{\"__type\":\"com\\.amazon.*#\\w+\".*\\}|<\\w+/>\\n");
    }
  }
}
