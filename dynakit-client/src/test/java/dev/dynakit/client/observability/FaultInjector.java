package dev.dynakit.client.observability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client in front of the engine's: answers with queued canned responses (DynamoDB error
 * bodies, or crafted successful ones) before passing requests on, records every request body, and
 * runs a hook on every request (to move a test clock).
 */
final class FaultInjector implements SdkHttpClient {
  private final SdkHttpClient delegate;
  private final Deque<Canned> canned = new ArrayDeque<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private Runnable onRequest = () -> {};

  FaultInjector(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** The next request gets a DynamoDB error answer with this status and error code. */
  FaultInjector fail(int status, String code) {
    String body =
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + code
            + "\",\"message\":\"injected "
            + code
            + "\"}";
    canned.add(new Canned(status, body, null));
    return this;
  }

  /**
   * The next request gets an error answer that names its code only in an {@code x-amzn-ErrorType}
   * header, as some DynamoDB-compatible endpoints answer.
   */
  FaultInjector failByHeader(int status, String code) {
    canned.add(new Canned(status, "{}", code + ":http://internal.amazon.com/coral/"));
    return this;
  }

  /** The next request fails without an answer, as a reset connection does. */
  FaultInjector failWithoutAnswer() {
    canned.add(new Canned(0, null, null));
    return this;
  }

  /** The next request gets this 200 answer instead of the engine's. */
  FaultInjector answer(String body) {
    canned.add(new Canned(200, body, null));
    return this;
  }

  FaultInjector onRequest(Runnable hook) {
    this.onRequest = hook;
    return this;
  }

  /** The bodies of all requests sent, in order. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    requests.add(body(request));
    onRequest.run();
    Canned next;
    synchronized (canned) {
      next = canned.poll();
    }
    if (next == null) {
      return delegate.prepareRequest(request);
    }
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        if (next.body == null) {
          throw new IOException("connection reset (injected)");
        }
        byte[] bytes = next.body.getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse.Builder head =
            SdkHttpResponse.builder()
                .statusCode(next.status)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .putHeader("x-amzn-RequestId", "INJECTED-REQUEST-ID");
        if (next.errorType != null) {
          head.putHeader("x-amzn-ErrorType", next.errorType);
        }
        return HttpExecuteResponse.builder()
            .response(head.build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public String clientName() {
    return "fault-injector";
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static String body(HttpExecuteRequest request) {
    if (request.contentStreamProvider().isEmpty()) {
      return "";
    }
    try (InputStream in = request.contentStreamProvider().get().newStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Canned {
    final int status;
    final String body;
    final String errorType;

    Canned(int status, String body, String errorType) {
      this.status = status;
      this.body = body;
      this.errorType = errorType;
    }
  }
}
