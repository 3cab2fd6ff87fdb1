package dev.dynakit.client.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} in front of another (usually the engine's) that answers chosen calls
 * with scripted faults: DynamoDB JSON error responses with their status and request id, or I/O
 * failures. Every call is counted per operation (from {@code X-Amz-Target}), including the faulted
 * ones and none of those it never receives.
 *
 * <pre>{@code
 * FaultInjectingHttpClient faults = FaultInjectingHttpClient.around(engine.httpClient());
 * faults.next(2, Fault.error(400, "ThrottlingException", "Rate exceeded"));
 * }</pre>
 */
public final class FaultInjectingHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;
  private final Deque<Scripted> script = new ArrayDeque<>();
  private final List<String> calls = new ArrayList<>();
  private final AtomicInteger requestIds = new AtomicInteger();

  private FaultInjectingHttpClient(SdkHttpClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** A fault injector that passes every call it has no fault for to {@code delegate}. */
  public static FaultInjectingHttpClient around(SdkHttpClient delegate) {
    return new FaultInjectingHttpClient(delegate);
  }

  /** Answers the next {@code times} calls (of any operation) with {@code fault}. */
  public synchronized FaultInjectingHttpClient next(int times, Fault fault) {
    return next(times, operation -> true, fault);
  }

  /** Answers the next {@code times} calls of {@code operation} with {@code fault}. */
  public synchronized FaultInjectingHttpClient next(int times, String operation, Fault fault) {
    return next(times, operation::equals, fault);
  }

  private FaultInjectingHttpClient next(int times, Predicate<String> operations, Fault fault) {
    for (int i = 0; i < times; i++) {
      script.add(new Scripted(operations, fault));
    }
    return this;
  }

  /** Answers every call with {@code fault} from now on, until {@link #heal()}. */
  public synchronized FaultInjectingHttpClient always(Fault fault) {
    script.clear();
    script.add(new Scripted(operation -> true, fault, true));
    return this;
  }

  /** Drops every scripted fault: calls reach the delegate again. */
  public synchronized FaultInjectingHttpClient heal() {
    script.clear();
    return this;
  }

  /** How many calls arrived here, of any operation. */
  public synchronized int calls() {
    return calls.size();
  }

  /** How many calls of {@code operation} (such as {@code PutItem}) arrived here. */
  public synchronized int calls(String operation) {
    return (int) calls.stream().filter(operation::equals).count();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String operation =
        request
            .httpRequest()
            .firstMatchingHeader("X-Amz-Target")
            .map(target -> target.substring(target.indexOf('.') + 1))
            .orElse("");
    Fault fault = take(operation);
    if (fault == null) {
      return delegate.prepareRequest(request);
    }
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        return fault.answer(
            "fault-" + requestIds.incrementAndGet(), () -> delegate.prepareRequest(request).call());
      }

      @Override
      public void abort() {}
    };
  }

  private synchronized Fault take(String operation) {
    calls.add(operation);
    Scripted head = script.peek();
    if (head == null || !head.operations.test(operation)) {
      return null;
    }
    if (!head.sticky) {
      script.poll();
    }
    return head.fault;
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static final class Scripted {
    final Predicate<String> operations;
    final Fault fault;
    final boolean sticky;

    Scripted(Predicate<String> operations, Fault fault) {
      this(operations, fault, false);
    }

    Scripted(Predicate<String> operations, Fault fault, boolean sticky) {
      this.operations = operations;
      this.fault = fault;
      this.sticky = sticky;
    }
  }

  /** One scripted answer. */
  public interface Fault {
    /**
     * The answer, or the I/O failure, for a call given {@code requestId}; {@code delegate} sends
     * the call on, for faults that happen after the server has acted.
     */
    HttpExecuteResponse answer(String requestId, Delegate delegate) throws IOException;

    /** Sends the faulted call on to the delegate. */
    interface Delegate {
      HttpExecuteResponse send() throws IOException;
    }

    /**
     * The call reaches the delegate, which acts on it, but its answer is lost and {@code fault}
     * answers instead: a retry then repeats a request that was already applied.
     */
    static Fault afterDelivery(Fault fault) {
      return (requestId, delegate) -> {
        HttpExecuteResponse lost = delegate.send();
        if (lost.responseBody().isPresent()) {
          lost.responseBody().get().close();
        }
        return fault.answer(requestId, delegate);
      };
    }

    /**
     * DynamoDB's JSON error response: {@code {"__type":"com.amazonaws.dynamodb.v20120810#<code>",
     * "message":...}} with {@code status} and an {@code x-amzn-RequestId}.
     */
    static Fault error(int status, String code, String message) {
      String body =
          "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
              + code
              + "\",\"message\":\""
              + message.replace("\"", "\\\"")
              + "\"}";
      return raw(status, body);
    }

    /** A response with {@code status} and {@code body} as DynamoDB would send it. */
    static Fault raw(int status, String body) {
      return (requestId, delegate) -> {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse response =
            SdkHttpResponse.builder()
                .statusCode(status)
                .putHeader("x-amzn-RequestId", requestId)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", String.valueOf(bytes.length))
                .build();
        return HttpExecuteResponse.builder()
            .response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
            .build();
      };
    }

    /** The connection fails with an {@link IOException}. */
    static Fault ioError() {
      return (requestId, delegate) -> {
        throw new IOException("connection reset (injected)");
      };
    }

    /** The read times out ({@link SocketTimeoutException}), as a hung server would. */
    static Fault readTimeout() {
      return (requestId, delegate) -> {
        throw new SocketTimeoutException("read timed out (injected)");
      };
    }
  }
}
