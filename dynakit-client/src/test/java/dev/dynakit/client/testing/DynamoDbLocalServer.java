package dev.dynakit.client.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.ServerSocket;
import java.net.URI;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** Amazon DynamoDB Local, in memory, serving HTTP on a free local port. */
public final class DynamoDbLocalServer implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a fresh, empty server. */
  public static DynamoDbLocalServer start() {
    // Its HTTP server logs every request body at DEBUG; the suite's logs must not hold item values.
    ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
      server.start();
      return new DynamoDbLocalServer(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
  }

  /** Its endpoint, {@code http://localhost:<port>}. */
  public String endpoint() {
    return "http://localhost:" + port;
  }

  /** A plain SDK client of this server, with test credentials. */
  public DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    }
  }
}
