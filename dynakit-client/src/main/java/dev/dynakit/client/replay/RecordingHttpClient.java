package dev.dynakit.client.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} in front of any other that writes each request and its response to a
 * JSON-lines file: the operation, the request body, the response status, the headers that matter
 * ({@code x-amzn-RequestId}, {@code x-amz-crc32}, {@code Content-Type}) and the response body. No
 * request header is written, so neither the signature nor a session token reaches the file. Each
 * exchange is one line, written whole, so concurrent calls never interleave. The file is created,
 * or emptied if it exists, when the recorder is.
 */
public final class RecordingHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;
  private final boolean ownsDelegate;
  private final Path file;
  private final Writer writer;

  private RecordingHttpClient(SdkHttpClient delegate, boolean ownsDelegate, Path file) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ownsDelegate = ownsDelegate;
    this.file = Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.writer =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_SETTING,
          "cannot write the recording " + file + ": " + e.getMessage(),
          ErrorContext.local(null, null),
          false,
          e);
    }
  }

  /** A recorder in front of {@code delegate}, which it leaves open when it closes. */
  public static RecordingHttpClient around(SdkHttpClient delegate, Path file) {
    return new RecordingHttpClient(delegate, false, file);
  }

  /** A recorder in front of {@code delegate}, which it closes when it closes. */
  public static RecordingHttpClient owning(SdkHttpClient delegate, Path file) {
    return new RecordingHttpClient(delegate, true, file);
  }

  /** The file the exchanges go to. */
  public Path file() {
    return file;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    byte[] requestBody = read(request);
    ExecutableHttpRequest call = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        HttpExecuteResponse response = call.call();
        byte[] responseBody;
        try (InputStream in = response.responseBody().orElse(null)) {
          responseBody = in == null ? new byte[0] : in.readAllBytes();
        }
        write(request, requestBody, response.httpResponse(), responseBody);
        return HttpExecuteResponse.builder()
            .response(response.httpResponse())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(responseBody)))
            .build();
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
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

  private void write(
      HttpExecuteRequest request, byte[] requestBody, SdkHttpResponse response, byte[] body)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Exchanges.KEPT_HEADERS) {
      response.firstMatchingHeader(name).ifPresent(value -> headers.put(name, value));
    }
    JsonNode line =
        Exchanges.line(
            Exchanges.operation(request.httpRequest()),
            Exchanges.body(requestBody),
            response.statusCode(),
            headers,
            Exchanges.body(body));
    String text = Exchanges.JSON.writeValueAsString(line);
    synchronized (writer) {
      writer.write(text);
      writer.write('\n');
      writer.flush();
    }
  }

  @Override
  public void close() {
    try {
      synchronized (writer) {
        writer.close();
      }
    } catch (IOException e) {
      // The lines were flushed as they were written; nothing is lost.
    }
    if (ownsDelegate) {
      delegate.close();
    }
  }

  @Override
  public String clientName() {
    return "dynakit-record";
  }
}
