package dev.dynakit.engine;

import dev.dynakit.engine.internal.RandomIds;
import dev.dynakit.engine.protocol.ErrorResponse;
import dev.dynakit.engine.protocol.JsonCodec;
import dev.dynakit.engine.protocol.Operations;
import dev.dynakit.engine.protocol.WireResponse;
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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbStreamsRequest;

/**
 * An {@link SdkHttpClient} that answers DynamoDB's JSON 1.0 protocol in-process: the request body
 * is decoded with the engine's generic codec, run by the engine, and the response (or DynamoDB's
 * error body) encoded back. A normal SDK client built on it runs its whole pipeline (marshalling,
 * signing, retries, interceptors) against the engine.
 */
final class EngineHttpClient implements SdkHttpClient {
  private static final String TARGET = "X-Amz-Target";

  private final DynakitEngine engine;

  EngineHttpClient(DynakitEngine engine) {
    this.engine = engine;
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
    String target = request.httpRequest().firstMatchingHeader(TARGET).orElse(null);
    WireResponse answer = engine.handle(target, body(request));
    return respond(answer.status(), answer.body());
  }

  /**
   * Runs one JSON 1.0 request: decodes {@code body} as the request of the operation {@code target}
   * names, runs it on the engine and encodes its response, or DynamoDB's error.
   */
  static WireResponse answer(EngineClient client, String target, byte[] body) {
    SdkPojo streamsRequest = Operations.streamsRequestBuilder(target);
    if (streamsRequest != null) {
      return answerStreams(client, streamsRequest, body);
    }
    Operations.Operation operation = Operations.byTarget(target);
    if (operation == null) {
      return WireResponse.of(ErrorResponse.unknownOperation());
    }
    DynamoDbRequest decoded;
    try {
      decoded = (DynamoDbRequest) JsonCodec.read(body, operation.requestBuilder());
    } catch (JsonCodec.MalformedException e) {
      return WireResponse.of(ErrorResponse.of(e));
    }
    try {
      Object response = client.execute(decoded);
      return new WireResponse(200, JsonCodec.write((SdkPojo) response));
    } catch (AwsServiceException e) {
      return new WireResponse(e.statusCode(), errorBody(e));
    }
  }

  /** Runs one request of the DynamoDB Streams API, decoded into {@code builder}. */
  private static WireResponse answerStreams(EngineClient client, SdkPojo builder, byte[] body) {
    DynamoDbStreamsRequest decoded;
    try {
      decoded = (DynamoDbStreamsRequest) JsonCodec.read(body, () -> builder);
    } catch (JsonCodec.MalformedException e) {
      return WireResponse.of(ErrorResponse.of(e));
    }
    try {
      return new WireResponse(200, JsonCodec.write((SdkPojo) client.executeStreams(decoded)));
    } catch (AwsServiceException e) {
      return new WireResponse(e.statusCode(), errorBody(e));
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
