package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.DynakitEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting, stopping, and what the builder accepts. */
class LifecycleTest {
  private static final String LIST_TABLES = "DynamoDB_20120810.ListTables";

  @Test
  void portZeroPicksAFreePortAndTheEndpointNamesIt() throws IOException {
    try (DynakitServer server = DynakitServer.builder().port(0).build().start()) {
      assertThat(server.port()).isPositive();
      assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + server.port());
      assertThat(server.host()).isEqualTo("127.0.0.1");
      assertThat(server.toString()).contains("127.0.0.1:" + server.port());
      try (RawHttp http = new RawHttp(server.port())) {
        assertThat(http.send(RawHttp.post(LIST_TABLES, "{}")).read().status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aSecondServerOnTheSamePortFailsNamingThePort() {
    try (DynakitServer first = DynakitServer.builder().port(0).build().start()) {
      DynakitServer second = DynakitServer.builder().port(first.port()).build();
      assertThatThrownBy(second::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "cannot listen on 127.0.0.1:"
                  + first.port()
                  + ": the address is already in use or not available");
      second.close();
    }
  }

  @Test
  void anEngineGivenIsServedAndLeftOpenAnEngineMadeIsClosed() throws IOException {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      engine
          .client()
          .createTable(
              b ->
                  b.tableName("given")
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH"))
                      .billingMode("PAY_PER_REQUEST"));
      DynakitServer server = DynakitServer.builder().port(0).engine(engine).build().start();
      assertThat(server.engine()).isSameAs(engine);
      try (RawHttp http = new RawHttp(server.port())) {
        assertThat(http.send(RawHttp.post(LIST_TABLES, "{}")).read().text()).contains("given");
      }
      server.close();
      assertThat(engine.client().listTables().tableNames()).containsExactly("given");
    }
    DynakitServer owner = DynakitServer.builder().port(0).build().start();
    DynakitEngine made = owner.engine();
    owner.close();
    assertThatThrownBy(() -> made.client().listTables()).hasMessage("the engine is closed");
    DynakitEngine handed = DynakitEngine.inMemory();
    DynakitServer.builder().port(0).engine(handed, true).build().start().close();
    assertThatThrownBy(() -> handed.client().listTables()).hasMessage("the engine is closed");
  }

  @Test
  void closeFinishesTheRequestInFlightThenRefusesConnections() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService gate =
        new java.util.concurrent.ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>()) {
          @Override
          protected void beforeExecute(Thread thread, Runnable task) {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    DynakitServer server = DynakitServer.builder().port(0).engineExecutor(gate).build().start();
    int port = server.port();
    ExecutorService background = Executors.newFixedThreadPool(2);
    try (RawHttp http = new RawHttp(port)) {
      CompletableFuture<RawHttp.Response> answer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return http.send(RawHttp.post(LIST_TABLES, "{}")).read();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              background);
      assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(server.inFlight()).isEqualTo(1);
      assertThat(server.accepting()).isTrue();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, background);
      assertThat(server.stoppedAccepting().await(20, TimeUnit.SECONDS)).isTrue();
      // The listening socket is closed. (A connection attempt is no proof: once the port is free,
      // another process on the machine may bind it.)
      assertThat(server.accepting()).isFalse();
      assertThat(closing).isNotDone();
      release.countDown();
      RawHttp.Response response = answer.get(20, TimeUnit.SECONDS);
      assertThat(response.status()).isEqualTo(200);
      closing.get(20, TimeUnit.SECONDS);
      assertThat(server.inFlight()).isZero();
      assertThat(http.closedByServer()).isTrue();
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  void closeIsIdempotentAndAClosedServerCannotStartAgain() {
    DynakitServer server = DynakitServer.builder().port(0).build().start();
    assertThatThrownBy(server::start).hasMessage("the server was started before");
    server.close();
    server.close();
    assertThatThrownBy(server::start).hasMessage("the server was started before");
    DynakitServer never = DynakitServer.builder().build();
    assertThatThrownBy(never::port).hasMessage("the server is not started");
    never.close();
  }

  @Test
  void engineWorkCanRunOnEngineThreadsInRequestOrder() throws IOException {
    try (DynakitServer server = DynakitServer.builder().port(0).engineThreads(2).build().start();
        RawHttp http = new RawHttp(server.port())) {
      String get = RawHttp.post("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"nope\"}");
      http.send(RawHttp.post(LIST_TABLES, "{}") + get + RawHttp.post(LIST_TABLES, "{}"));
      assertThat(http.read().status()).isEqualTo(200);
      assertThat(http.read().status()).isEqualTo(400);
      assertThat(http.read().status()).isEqualTo(200);
    }
  }

  @Test
  void aClosedEngineIsAnsweredAsAServiceUnavailable() throws IOException {
    DynakitEngine engine = DynakitEngine.inMemory();
    try (DynakitServer server = DynakitServer.builder().port(0).engine(engine).build().start();
        RawHttp http = new RawHttp(server.port())) {
      engine.close();
      RawHttp.Response response = http.send(RawHttp.post(LIST_TABLES, "{}")).read();
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.text()).contains("#ServiceUnavailable", "shutting down");
    }
  }

  @Test
  void theBuilderRefusesBadSettingsNamingThem() {
    DynakitServer.Builder builder = DynakitServer.builder();
    assertThatThrownBy(() -> builder.port(-1)).hasMessage("port must be 0 to 65535, not -1");
    assertThatThrownBy(() -> builder.port(65_536)).hasMessage("port must be 0 to 65535, not 65536");
    assertThatThrownBy(() -> builder.host(" ")).hasMessage("host must not be blank");
    assertThatThrownBy(() -> builder.readTimeout(Duration.ZERO))
        .hasMessage("readTimeout must be positive, not PT0S");
    assertThatThrownBy(() -> builder.shutdownTimeout(Duration.ofSeconds(-1)))
        .hasMessage("shutdownTimeout must not be negative");
    assertThatThrownBy(() -> builder.maxRequestBytes(0))
        .hasMessage("maxRequestBytes must be at least 1, not 0");
    assertThatThrownBy(() -> builder.maxHeaderBytes(10))
        .hasMessage("maxHeaderBytes must be at least 1024, not 10");
    assertThatThrownBy(() -> builder.engineThreads(-2))
        .hasMessage("engineThreads must not be negative, not -2");
    assertThatThrownBy(
            () -> builder.tls(java.nio.file.Path.of("no-cert.pem"), java.nio.file.Path.of("k")))
        .hasMessage("cannot read TLS file no-cert.pem");
  }
}
