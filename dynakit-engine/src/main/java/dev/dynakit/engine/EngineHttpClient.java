package dev.dynakit.engine;

import dev.dynakit.engine.internal.RandomIds;
import dev.dynakit.engine.protocol.ErrorResponse;
import dev.dynakit.engine.protocol.JsonCodec;
import dev.dynakit.engine.protocol.Operations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * An {@link SdkHttpClient} that answers DynamoDB's JSON 1.0 protocol in-process: the request body
 * is decoded with the engine's generic codec, run by the engine, and the response (or DynamoDB's
 * error body) encoded back. A normal SDK client built on it runs its whole pipeline (marshalling,
 * signing, retries, interceptors) against the engine.
 */
final class EngineHttpClient implements SdkHttpClient {
  private static final String TARGET = "X-Amz-Target";

  private final DynakitEngine engine;
  private final EngineClient client;

  EngineHttpClient(DynakitEngine engine) {
    this.engine = engine;
    this.client = (EngineClient) engine.client();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return handle(request);
      }

      @Override
      public void abort() {
        // Requests run synchronously in call(); there is nothing in flight to stop.
      }
    };
  }

  @Override
  public String clientName() {
    return "dynakit-engine";
  }

  @Override
  public void close() {
    // The engine's owner closes the engine; this client holds nothing of its own.
  }

  private HttpExecuteResponse handle(HttpExecuteRequest request) {
    engine.operations();
    Operations.Operation operation =
        Operations.byTarget(request.httpRequest().firstMatchingHeader(TARGET).orElse(null));
    if (operation == null) {
      ErrorResponse unknown = ErrorResponse.unknownOperation();
      return respond(unknown.status(), unknown.body());
    }
    byte[] body = body(request);
    DynamoDbRequest decoded;
    try {
      decoded = (DynamoDbRequest) JsonCodec.read(body, operation.requestBuilder());
    } catch (JsonCodec.MalformedException e) {
      ErrorResponse error = ErrorResponse.of(e);
      return respond(error.status(), error.body());
    }
    try {
      Object response = client.execute(decoded);
      return respond(200, JsonCodec.write((SdkPojo) response));
    } catch (AwsServiceException e) {
      return respond(e.statusCode(), errorBody(e));
    }
  }

  /** DynamoDB's error body: {@code __type}, {@code Message}, and the exception's own members. */
  private static byte[] errorBody(AwsServiceException e) {
    ErrorResponse error =
        ErrorResponse.of(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
    byte[] base = error.body();
    byte[] members = JsonCodec.write(e);
    if (members.length <= 2) {
      return base;
    }
    byte[] joined = Arrays.copyOf(base, base.length - 1 + 1 + members.length - 1);
    joined[base.length - 1] = ',';
    System.arraycopy(members, 1, joined, base.length, members.length - 1);
    return joined;
  }

  private static HttpExecuteResponse respond(int status, byte[] body) {
    SdkHttpResponse response =
        SdkHttpResponse.builder()
            .statusCode(status)
            .putHeader("Content-Type", JsonCodec.CONTENT_TYPE)
            .putHeader("Content-Length", Integer.toString(body.length))
            .putHeader("x-amzn-RequestId", RandomIds.uuid())
            .build();
    return HttpExecuteResponse.builder()
        .response(response)
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
        .build();
  }

  /** The request's body: read into an array of its Content-Length where it gives one. */
  private static byte[] body(HttpExecuteRequest request) {
    if (request.contentStreamProvider().isEmpty()) {
      return new byte[0];
    }
    int length = -1;
    String header = request.httpRequest().firstMatchingHeader("Content-Length").orElse(null);
    if (header != null) {
      try {
        length = Integer.parseInt(header.trim());
      } catch (NumberFormatException e) {
        length = -1;
      }
    }
    try (InputStream in = request.contentStreamProvider().get().newStream()) {
      if (length < 0) {
        return in.readAllBytes();
      }
      byte[] body = in.readNBytes(length);
      int next = in.read();
      if (next == -1) {
        return body;
      }
      // More than announced: take it all.
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 2);
      out.write(body);
      out.write(next);
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
