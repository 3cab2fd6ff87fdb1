package dev.dynakit.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dynakit.engine.DynakitEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The engine behind a DynamoDB HTTP endpoint on loopback, so a child process's adapter can reach
 * the engine this test inspects: each request is handed to the engine's own {@code httpClient()}.
 */
final class EngineProxy implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  EngineProxy(DynakitEngine engine) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> forward(engine, exchange));
    server.setExecutor(executor);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void forward(DynakitEngine engine, HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://engine/"));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      request.putHeader(header.getKey(), header.getValue());
    }
    HttpExecuteResponse response =
        engine
            .httpClient()
            .prepareRequest(
                HttpExecuteRequest.builder()
                    .request(request.build())
                    .contentStreamProvider(() -> new ByteArrayInputStream(body))
                    .build())
            .call();
    byte[] answer;
    try (InputStream in = response.responseBody().orElseThrow()) {
      answer = in.readAllBytes();
    }
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(response.httpResponse().statusCode(), answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
