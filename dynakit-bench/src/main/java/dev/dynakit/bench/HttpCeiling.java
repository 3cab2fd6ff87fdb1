package dev.dynakit.bench;

import dev.dynakit.engine.DynakitEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The engine's HTTP path against the SDK's own ceiling: GetItem, PutItem and Query through a stock
 * SDK {@link DynamoDbClient} built on {@code engine.httpClient()}, and through the same client
 * built on {@link Canned}, an {@link SdkHttpClient} that answers each operation with a response
 * body recorded from the engine beforehand. The canned client does nothing an HTTP client could
 * skip but read the request body, so its ops/s is what the SDK's marshalling, signing and
 * unmarshalling allow at best; the engine's share of it is the figure of merit.
 */
final class HttpCeiling {
  /** The workloads measured over HTTP. */
  static final List<String> WORKLOADS = List.of("GetItem", "PutItem", "Query");

  private HttpCeiling() {}

  /** A stock SDK client on {@code http}, configured as the engine's tests configure one. */
  static DynamoDbClient sdkClient(SdkHttpClient http) {
    return DynamoDbClient.builder()
        .httpClient(http)
        .endpointOverride(URI.create("http://localhost:8000"))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .build();
  }

  /** Measures each workload on each thread count: rows of (engine over HTTP, canned). */
  static List<SideBySide.Row> measure(SideBySide.Config config, java.io.PrintStream progress) {
    List<SideBySide.Row> rows = new ArrayList<>();
    int maxThreads = config.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
    ExecutorService pool = Executors.newFixedThreadPool(maxThreads);
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      for (Workload workload : Workload.all()) {
        if (!WORKLOADS.contains(workload.name())) {
          continue;
        }
        String table = "http_" + workload.name();
        Recording recording = new Recording(engine.httpClient());
        DynamoDbClient recorder = sdkClient(recording);
        Items.createTable(recorder, table);
        workload.setup().fill(recorder, table);
        workload.request().run(recorder, table, 0, 0);
        DynamoDbClient[] clients = {
          sdkClient(engine.httpClient()), sdkClient(new Canned(recording.bodies))
        };
        long[][] seqs = new long[clients.length][maxThreads];
        for (int threads : config.threads()) {
          progress.println("HTTP " + workload.name() + ", " + threads + " thread(s) ...");
          for (int c = 0; c < clients.length; c++) {
            SideBySide.opsPerSecond(
                pool, clients[c], table, workload, threads, config.warmupMillis(), seqs[c]);
          }
          double[][] samples = new double[clients.length][config.rounds()];
          for (int round = 0; round < config.rounds(); round++) {
            for (int i = 0; i < clients.length; i++) {
              int c = round % 2 == 0 ? i : clients.length - 1 - i;
              samples[c][round] =
                  SideBySide.opsPerSecond(
                      pool, clients[c], table, workload, threads, config.roundMillis(), seqs[c]);
            }
          }
          rows.add(
              new SideBySide.Row(
                  workload.name(),
                  threads,
                  SideBySide.median(samples[0]),
                  SideBySide.median(samples[1]),
                  samples[0],
                  samples[1]));
        }
        engine.client().deleteTable(b -> b.tableName(table));
      }
    } finally {
      pool.shutdownNow();
    }
    return rows;
  }

  /** The operation a request names: its {@code X-Amz-Target} header. */
  private static String target(HttpExecuteRequest request) {
    return request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpExecuteResponse response(SdkHttpResponse head, byte[] body) {
    return HttpExecuteResponse.builder()
        .response(head)
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
        .build();
  }

  /** Passes requests to another client and keeps the last successful response of each operation. */
  static final class Recording implements SdkHttpClient {
    final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final SdkHttpClient delegate;

    Recording(SdkHttpClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      ExecutableHttpRequest call = delegate.prepareRequest(request);
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() throws IOException {
          HttpExecuteResponse answer = call.call();
          byte[] body = answer.responseBody().map(HttpCeiling::readAll).orElse(new byte[0]);
          if (answer.httpResponse().isSuccessful()) {
            bodies.put(target(request), body);
          }
          return response(answer.httpResponse(), body);
        }

        @Override
        public void abort() {
          call.abort();
        }
      };
    }

    @Override
    public void close() {}
  }

  /**
   * Answers every request with the body recorded for its operation, after reading the request's
   * body as any HTTP client must to send it.
   */
  static final class Canned implements SdkHttpClient {
    private final Map<String, byte[]> bodies;

    Canned(Map<String, byte[]> bodies) {
      this.bodies = Map.copyOf(bodies);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          request.contentStreamProvider().ifPresent(p -> readAll(p.newStream()));
          byte[] body = bodies.get(target(request));
          if (body == null) {
            throw new IllegalStateException("nothing recorded for " + target(request));
          }
          SdkHttpResponse head =
              SdkHttpResponse.builder()
                  .statusCode(200)
                  .putHeader("Content-Type", "application/x-amz-json-1.0")
                  .putHeader("Content-Length", Integer.toString(body.length))
                  .putHeader("x-amzn-RequestId", "canned")
                  .build();
          return response(head, body);
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }
}
