package dev.dynakit.client.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that answers from a recording and has no network at all. A request
 * matches a recorded exchange with the same operation and the same JSON body (key order does not
 * matter; {@code ClientRequestToken}, which the SDK draws at random per call, is left out).
 * Identical requests get their recorded answers in recorded order, each answer used once. A request
 * with no answer left fails with a {@link ConfigurationException} naming the operation, the table
 * and the file.
 */
public final class ReplayHttpClient implements SdkHttpClient {
  private final Path file;
  private final Map<String, Deque<JsonNode>> answers;

  private ReplayHttpClient(Path file, Map<String, Deque<JsonNode>> answers) {
    this.file = file;
    this.answers = answers;
  }

  /**
   * A player for {@code file}, read whole now.
   *
   * @throws ConfigurationException if the file cannot be read or a line is not a recorded exchange
   */
  public static ReplayHttpClient from(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalid("cannot read the recording " + file + ": " + e, e);
    }
    Map<String, Deque<JsonNode>> answers = new HashMap<>();
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode exchange;
      try {
        exchange = Exchanges.JSON.readTree(line);
      } catch (IOException e) {
        throw invalid("line " + number + " of the recording " + file + " is not JSON", e);
      }
      JsonNode operation = exchange.get("operation");
      JsonNode request = exchange.get("request");
      if (operation == null || request == null || exchange.get("status") == null) {
        throw invalid(
            "line " + number + " of the recording " + file + " lacks operation, request or status",
            null);
      }
      answers
          .computeIfAbsent(Exchanges.key(operation.asText(), request), k -> new ArrayDeque<>())
          .add(exchange);
    }
    return new ReplayHttpClient(file, answers);
  }

  private static ConfigurationException invalid(String message, Throwable cause) {
    return new ConfigurationException(
        ConfigurationException.Kind.INVALID_SETTING,
        message,
        ErrorContext.local(null, null),
        false,
        cause);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String operation = Exchanges.operation(request.httpRequest());
    JsonNode body = Exchanges.body(read(request));
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return answer(operation, body);
      }

      @Override
      public void abort() {}
    };
  }

  private HttpExecuteResponse answer(String operation, JsonNode body) {
    JsonNode exchange = take(Exchanges.key(operation, body));
    if (exchange == null) {
      String table = Exchanges.table(body).orElse(null);
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_SETTING,
          "replay: the recording "
              + file
              + " has no answer left for this "
              + (operation.isEmpty() ? "request" : operation)
              + (table == null ? "" : " on table '" + table + "'")
              + " (no recorded request of that operation has the same body, or all were used)",
          ErrorContext.local(operation.isEmpty() ? null : operation, table),
          false,
          null);
    }
    byte[] bytes = Exchanges.bytes(exchange.get("response"));
    SdkHttpResponse.Builder response =
        SdkHttpResponse.builder().statusCode(exchange.get("status").asInt());
    JsonNode headers = exchange.get("headers");
    if (headers != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> header = it.next();
        response.putHeader(header.getKey(), header.getValue().asText());
      }
      if (headers.has("x-amz-crc32")) {
        // The body is written anew (the recording may have been edited): checksum what is sent.
        CRC32 crc = new CRC32();
        crc.update(bytes);
        response.putHeader("x-amz-crc32", Long.toString(crc.getValue()));
      }
    }
    response.putHeader("Content-Length", Integer.toString(bytes.length));
    return HttpExecuteResponse.builder()
        .response(response.build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
        .build();
  }

  private synchronized JsonNode take(String key) {
    Deque<JsonNode> queue = answers.get(key);
    return queue == null ? null : queue.poll();
  }

  private static byte[] read(HttpExecuteRequest request) {
    if (request.contentStreamProvider().isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = request.contentStreamProvider().get().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {}

  @Override
  public String clientName() {
    return "dynakit-replay";
  }
}
