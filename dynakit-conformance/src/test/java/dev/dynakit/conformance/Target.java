package dev.dynakit.conformance;

import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.server.DynakitServer;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/** Where a scenario runs: each target opens a fresh, empty database and a client for it. */
enum Target {
  /** The engine's own {@code DynamoDbClient}: no HTTP, no JSON. */
  ENGINE {
    @Override
    Endpoint open() {
      DynakitEngine engine = DynakitEngine.inMemory();
      return new Endpoint(this, engine.client(), engine::close);
    }
  },
  /** A stock SDK client whose every call goes through the engine's JSON protocol. */
  ENGINE_HTTP {
    @Override
    Endpoint open() {
      DynakitEngine engine = DynakitEngine.inMemory();
      DynamoDbClient client =
          DynamoDbClient.builder()
              .httpClient(engine.httpClient())
              .endpointOverride(URI.create("http://localhost:8000"))
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
              .build();
      return new Endpoint(
          this,
          client,
          () -> {
            client.close();
            engine.close();
          });
    }
  },
  /**
   * A durable engine in a temporary directory, closed and reopened every {@value
   * ReopeningEngine#EVERY} calls.
   */
  ENGINE_DURABLE {
    @Override
    Endpoint open() {
      ReopeningEngine engine = new ReopeningEngine();
      return new Endpoint(this, engine.client(), engine::close);
    }
  },
  /**
   * The engine behind a {@code DynakitServer} on a loopback port, through a stock SDK client on the
   * SDK's URL-connection HTTP client: real sockets, real HTTP.
   */
  ENGINE_SERVER {
    @Override
    Endpoint open() {
      DynakitServer server = DynakitServer.builder().port(0).build().start();
      DynamoDbClient client =
          DynamoDbClient.builder()
              .httpClient(UrlConnectionHttpClient.create())
              .endpointOverride(server.endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
              .build();
      return new Endpoint(
          this,
          client,
          () -> {
            client.close();
            server.close();
          });
    }
  },
  /** Amazon DynamoDB Local 3.3.1, embedded, telemetry off: the reference. */
  DYNAMODB_LOCAL {
    @Override
    Endpoint open() {
      AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
      return new Endpoint(this, local.dynamoDbClient(), local::shutdownNow);
    }
  };

  /** The target every other one is compared with. */
  static final Target REFERENCE = DYNAMODB_LOCAL;

  /** The targets that must answer as the reference does. */
  static List<Target> engines() {
    return List.of(ENGINE, ENGINE_HTTP, ENGINE_DURABLE, ENGINE_SERVER);
  }

  /** A fresh, empty database of this kind, and a client for it. */
  abstract Endpoint open();

  /** An open target: its client, and what closes it. */
  record Endpoint(Target target, DynamoDbClient client, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }
}
