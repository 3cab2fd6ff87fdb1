package dev.dynakit.testkit;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.server.DynakitServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * One engine for a test (or a class), with its tables and fixtures loaded and the clients tests ask
 * for; closed by JUnit when the test (or class) is done, as a value in its store.
 */
final class TestEngine implements AutoCloseable {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final boolean allowWrite;
  private DynamoDbEnhancedClient enhanced;
  private Dynakit dynakit;
  private DynakitServer server;

  TestEngine(
      boolean allowWrite, List<DynakitTable> tables, List<String> fixtures, Class<?> testClass) {
    this.allowWrite = allowWrite;
    try {
      for (DynakitTable table : tables) {
        engine.client().createTable(TableSpecs.request(table));
      }
      for (String fixture : fixtures) {
        Fixtures.load(fixture, testClass, engine.httpClient());
      }
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  DynakitEngine engine() {
    return engine;
  }

  synchronized DynamoDbEnhancedClient enhanced() {
    if (enhanced == null) {
      enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(engine.client()).build();
    }
    return enhanced;
  }

  synchronized Dynakit dynakit() {
    if (dynakit == null) {
      dynakit =
          Dynakit.builder()
              .endpoint("http://localhost")
              .httpClient(engine.httpClient())
              .environment(Map.of())
              .credentials(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              .policy(Policy.builder().allowWrite(allowWrite).build())
              .build();
    }
    return dynakit;
  }

  /**
   * The engine served over HTTP on a free loopback port, for code that needs a URL (another
   * process, a non-Java client, an SDK configured by endpoint): started on first use.
   */
  synchronized URI endpoint() {
    if (server == null) {
      server = DynakitServer.builder().port(0).engine(engine).build().start();
    }
    return server.endpoint();
  }

  @Override
  public synchronized void close() {
    if (dynakit != null) {
      dynakit.close();
    }
    if (server != null) {
      server.close();
    }
    engine.close();
  }
}
