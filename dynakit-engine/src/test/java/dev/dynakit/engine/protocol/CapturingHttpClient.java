package dev.dynakit.engine.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Records the last request the SDK sends and answers it with a canned 200 or error body. */
final class CapturingHttpClient implements SdkHttpClient {
  SdkHttpRequest request;
  byte[] body;
  byte[] answer = "{}".getBytes();
  int status = 200;

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest execute) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        request = execute.httpRequest();
        try {
          body =
              execute.contentStreamProvider().isPresent()
                  ? execute.contentStreamProvider().get().newStream().readAllBytes()
                  : new byte[0];
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        SdkHttpFullResponse response =
            SdkHttpFullResponse.builder()
                .statusCode(status)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", String.valueOf(answer.length))
                .build();
        return HttpExecuteResponse.builder()
            .response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void close() {}
}
