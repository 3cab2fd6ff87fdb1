package dev.dynakit.bench;

import dev.dynakit.engine.DynakitEngine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/** The two things measured side by side: our engine and its peer, DynamoDB Local embedded. */
enum Target {
  /** {@code DynakitEngine.inMemory().client()}: in-process, no HTTP, no JSON. */
  ENGINE("dynakit-engine") {
    @Override
    Running start() {
      DynakitEngine engine = DynakitEngine.inMemory();
      return new Running(engine.client(), engine::close);
    }
  },
  /** DynamoDB Local 3.3.1 embedded, telemetry off: in-process, backed by in-memory SQLite. */
  DYNAMODB_LOCAL("DynamoDB Local") {
    @Override
    Running start() {
      AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
      return new Running(local.dynamoDbClient(), local::shutdownNow);
    }
  },
  /**
   * No database: {@link SdkOnlyClient} answers with the SDK's response objects. Measured for
   * start-up only, as the floor both targets stand on.
   */
  SDK_ONLY("SDK objects only") {
    @Override
    Running start() {
      return new Running(new SdkOnlyClient(), () -> {});
    }
  };

  private final String label;

  Target(String label) {
    this.label = label;
  }

  /** The name the report uses. */
  String label() {
    return label;
  }

  /** Starts a fresh instance. */
  abstract Running start();

  /** A started instance: its client, and how to stop it. */
  record Running(DynamoDbClient client, Runnable stop) implements AutoCloseable {
    @Override
    public void close() {
      stop.run();
    }
  }
}
