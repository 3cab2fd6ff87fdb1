package dev.dynakit.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An {@link SdkHttpClient} in front of the engine's that makes BatchWriteItem and BatchGetItem
 * leave work unprocessed as DynamoDB does under load: it takes the last {@code n} writes or keys
 * out of the request (n chosen per batch request by a function of the request's number and size),
 * sends the rest to the engine, which applies or reads them, and returns the ones taken out in the
 * response's {@code UnprocessedItems} or {@code UnprocessedKeys}. Every other call passes through.
 * It records the number of writes or keys of each batch request it sees.
 */
public final class Unprocessing implements SdkHttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How many of a request's writes or keys to leave: given request number (from 0) and size. */
  public interface Policy {
    int leave(int request, int size);
  }

  private final SdkHttpClient engine;
  private final Policy policy;
  private final List<Integer> sizes = new ArrayList<>();
  private final List<String> operations = new ArrayList<>();

  public Unprocessing(SdkHttpClient engine, Policy policy) {
    this.engine = engine;
    this.policy = policy;
  }

  /** Leaves everything unprocessed, as DynamoDB may when throttled. */
  public static Unprocessing all(SdkHttpClient engine) {
    return new Unprocessing(engine, (request, size) -> size);
  }

  /** Leaves nothing unprocessed. */
  public static Unprocessing none(SdkHttpClient engine) {
    return new Unprocessing(engine, (request, size) -> 0);
  }

  /** Leaves {@code leave.applyAsInt(request)} items (at most all) of each batch request. */
  public static Unprocessing leaving(SdkHttpClient engine, IntUnaryOperator leave) {
    return new Unprocessing(engine, (request, size) -> Math.min(size, leave.applyAsInt(request)));
  }

  /** The number of writes or keys of each batch request seen, in order. */
  public synchronized List<Integer> batchSizes() {
    return List.copyOf(sizes);
  }

  /** Every operation seen, in order. */
  public synchronized List<String> operations() {
    return List.copyOf(operations);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
    String operation = target.substring(target.indexOf('.') + 1);
    synchronized (this) {
      operations.add(operation);
    }
    boolean write = operation.equals("BatchWriteItem");
    if (!write && !operation.equals("BatchGetItem")) {
      return engine.prepareRequest(request);
    }
    ObjectNode body = (ObjectNode) read(request);
    ObjectNode items = (ObjectNode) body.get("RequestItems");
    List<JsonNode[]> all = new ArrayList<>(); // {table, entry}
    items
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode list = write ? e.getValue() : e.getValue().get("Keys");
              list.forEach(
                  entry ->
                      all.add(new JsonNode[] {JSON.getNodeFactory().textNode(e.getKey()), entry}));
            });
    int leave;
    synchronized (this) {
      leave = policy.leave(sizes.size(), all.size());
      sizes.add(all.size());
    }
    List<JsonNode[]> left = all.subList(all.size() - leave, all.size());
    ObjectNode unprocessed = JSON.createObjectNode();
    for (JsonNode[] taken : left) {
      String table = taken[0].asText();
      remove(
          write ? (ArrayNode) items.get(table) : (ArrayNode) items.get(table).get("Keys"),
          taken[1]);
      if (write) {
        unprocessed.withArray(table).add(taken[1]);
      } else {
        if (!unprocessed.has(table)) {
          ObjectNode again = items.get(table).deepCopy();
          again.putArray("Keys");
          unprocessed.set(table, again);
        }
        ((ArrayNode) unprocessed.get(table).get("Keys")).add(taken[1]);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
      JsonNode rest = it.next().getValue();
      if ((write ? rest : rest.get("Keys")).isEmpty()) {
        it.remove();
      }
    }
    ObjectNode answer;
    if (items.isEmpty()) {
      answer = JSON.createObjectNode();
      if (!write) {
        answer.putObject("Responses");
      }
    } else {
      answer = (ObjectNode) send(request, body);
    }
    String field = write ? "UnprocessedItems" : "UnprocessedKeys";
    if (answer.has(field) && !answer.get(field).isEmpty()) {
      throw new IllegalStateException(
          "the engine itself left work unprocessed: " + answer.get(field));
    }
    answer.set(field, unprocessed);
    String text = answer.toString();
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        return FaultInjectingHttpClient.Fault.raw(200, text).answer("unprocessing", null);
      }

      @Override
      public void abort() {}
    };
  }

  private static void remove(ArrayNode list, JsonNode entry) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == entry) {
        list.remove(i);
        return;
      }
    }
  }

  private JsonNode send(HttpExecuteRequest original, JsonNode body) {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    HttpExecuteRequest reduced =
        HttpExecuteRequest.builder()
            .request(
                original.httpRequest().toBuilder()
                    .putHeader("Content-Length", String.valueOf(bytes.length))
                    .build())
            .contentStreamProvider(() -> new ByteArrayInputStream(bytes))
            .build();
    try {
      HttpExecuteResponse response = engine.prepareRequest(reduced).call();
      try (InputStream in = response.responseBody().orElseThrow()) {
        return JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(HttpExecuteRequest request) {
    try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
