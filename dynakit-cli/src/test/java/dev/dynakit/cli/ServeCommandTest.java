package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code dynakit serve} answers a stock SDK client over HTTP, on data kept across restarts. */
class ServeCommandTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir Path directory;

  @AfterEach
  void stop() {
    ServeCommand.stopAll();
  }

  private RunningCommand run(String... args) {
    return new RunningCommand(directory, args);
  }

  private static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .build();
  }

  /** An IPv4 address of this machine that is not loopback, if it has one. */
  private static java.util.Optional<java.net.InetAddress> otherAddress()
      throws java.net.SocketException {
    return java.net.NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (java.net.SocketException e) {
                return false;
              }
            })
        .flatMap(java.net.NetworkInterface::inetAddresses)
        .filter(
            a ->
                a instanceof java.net.Inet4Address
                    && !a.isLoopbackAddress()
                    && !a.isLinkLocalAddress())
        .findFirst();
  }

  /** Whether a connection to {@code address:port} is accepted. */
  private static boolean accepts(java.net.InetAddress address, int port)
      throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(address, port), 20_000);
      return true;
    } catch (java.net.ConnectException e) {
      return false;
    }
  }

  @Test
  void servesOnLoopbackOnlyWhenGivenNoHost() throws Exception {
    URI endpoint = run("serve", "--port", "0").address(LISTENING);
    assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
    assertThat(accepts(java.net.InetAddress.getLoopbackAddress(), endpoint.getPort())).isTrue();
    java.util.Optional<java.net.InetAddress> other = otherAddress();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        other.isPresent(), "this machine has no non-loopback IPv4 address to try the port on");
    assertThat(accepts(other.get(), endpoint.getPort()))
        .as("a connection to %s:%d", other.get().getHostAddress(), endpoint.getPort())
        .isFalse();
  }

  @Test
  void servesTheDataDirectoryAndKeepsItAcrossRestarts() throws Exception {
    RunningCommand first = run("serve", "--port", "0");
    try (DynamoDbClient ddb = client(first.address(LISTENING))) {
      ddb.createTable(
          b ->
              b.tableName("Music")
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(a -> a.attributeName("Artist").attributeType("S"))
                  .keySchema(k -> k.attributeName("Artist").keyType("HASH")));
      ddb.putItem(b -> b.tableName("Music").item(Map.of("Artist", AttributeValue.fromS("x"))));
    }
    assertThat(first.err.toString()).contains("data in " + directory.resolve(".dynakit"));

    RunningCommand second = run("serve", "--port", "0");
    assertThat(second.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.IN_USE.code());
    assertThat(second.err.toString()).contains(".dynakit").contains("pid");

    ServeCommand.stopAll();
    assertThat(first.exit.get(30, TimeUnit.SECONDS)).isZero();

    RunningCommand again = run("serve", "--port", "0");
    try (DynamoDbClient ddb = client(again.address(LISTENING))) {
      assertThat(
              ddb.getItem(
                      b -> b.tableName("Music").key(Map.of("Artist", AttributeValue.fromS("x"))))
                  .item())
          .containsEntry("Artist", AttributeValue.fromS("x"));
    }
  }

  @Test
  void inMemoryKeepsNothingOnDisk() throws Exception {
    RunningCommand serving = run("serve", "--port", "0", "--in-memory");
    try (DynamoDbClient ddb = client(serving.address(LISTENING))) {
      assertThat(ddb.listTables().tableNames()).isEmpty();
    }
    assertThat(directory.resolve(".dynakit")).doesNotExist();
    ServeCommand.stopAll();
    assertThat(serving.exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aLocalDirectoryStandsInForAnS3BucketOfExports() throws Exception {
    for (String[] durable : new String[][] {{"--in-memory"}, {"--data-dir", "data"}}) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "serve",
                  "--port",
                  "0",
                  "--s3-bucket",
                  "exports=out",
                  "--kinesis-stream",
                  "arn:aws:kinesis:us-east-1:000000000000:stream/music=music.jsonl"));
      args.addAll(java.util.List.of(durable));
      RunningCommand serving = run(args.toArray(String[]::new));
      try (DynamoDbClient ddb = client(serving.address(LISTENING))) {
        ddb.createTable(
            b ->
                b.tableName("Music")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("Artist").attributeType("S"))
                    .keySchema(k -> k.attributeName("Artist").keyType("HASH")));
        ddb.updateContinuousBackups(
            b ->
                b.tableName("Music")
                    .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        String arn = ddb.describeTable(b -> b.tableName("Music")).table().tableArn();
        ddb.enableKinesisStreamingDestination(
            b ->
                b.tableName("Music")
                    .streamArn("arn:aws:kinesis:us-east-1:000000000000:stream/music"));
        ddb.putItem(b -> b.tableName("Music").item(Map.of("Artist", AttributeValue.fromS("x"))));
        assertThat(
                ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket("exports"))
                    .exportDescription()
                    .exportStatusAsString())
            .isEqualTo("COMPLETED");
      }
      assertThat(directory.resolve("out/AWSDynamoDB")).isDirectory();
      assertThat(java.nio.file.Files.readString(directory.resolve("music.jsonl")))
          .contains("\"tableName\":\"Music\"");
      java.nio.file.Files.delete(directory.resolve("music.jsonl"));
      ServeCommand.stopAll();
      assertThat(serving.exit.get(30, TimeUnit.SECONDS)).isZero();
    }
    RunningCommand bad = run("serve", "--s3-bucket", "nothing");
    assertThat(bad.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE.code());
    assertThat(bad.err.toString()).contains("--s3-bucket 'nothing': expected NAME=DIR");
    RunningCommand badStream = run("serve", "--kinesis-stream", "arn-only");
    assertThat(badStream.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE.code());
    assertThat(badStream.err.toString()).contains("--kinesis-stream 'arn-only': expected ARN=FILE");
    RunningCommand badName = run("serve", "--s3-bucket", "Bad_Name=x");
    assertThat(badName.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE.code());
    assertThat(badName.err.toString()).contains("not an S3 bucket name: Bad_Name");
  }

  @Test
  void faultsFromAFileAreInjectedAndCapacityIsEnforcedWhenAsked() throws Exception {
    java.nio.file.Files.writeString(
        directory.resolve("faults.json"),
        "[{\"operation\": \"ListTables\", \"error\": \"ThrottlingException\"}]");
    RunningCommand serving =
        run("serve", "--port", "0", "--in-memory", "--faults", "faults.json", "--enforce-capacity");
    try (DynamoDbClient ddb =
        DynamoDbClient.builder()
            .endpointOverride(serving.address(LISTENING))
            .region(Region.US_EAST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
            .build()) {
      assertThatThrownBy(ddb::listTables)
          .isInstanceOfSatisfying(
              software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
      ddb.createTable(
          b ->
              b.tableName("Metered")
                  .billingMode("PROVISIONED")
                  .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 1_000; i++) {
                  String id = "k" + i;
                  ddb.putItem(
                      b -> b.tableName("Metered").item(Map.of("id", AttributeValue.fromS(id))));
                }
              })
          .isInstanceOfSatisfying(
              software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException
                  .class,
              e ->
                  assertThat(e.throttlingReasons())
                      .extracting(r -> r.reason())
                      .containsExactly("TableWriteProvisionedThroughputExceeded"));
    }
    ServeCommand.stopAll();
    assertThat(serving.exit.get(30, TimeUnit.SECONDS)).isZero();
    java.nio.file.Files.writeString(directory.resolve("bad.json"), "{}");
    RunningCommand bad = run("serve", "--faults", "bad.json");
    assertThat(bad.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE.code());
    assertThat(bad.err.toString()).contains("expected a JSON array of faults");
  }

  @Test
  void contradictoryOptionsAreAUsageError() throws Exception {
    RunningCommand serving = run("serve", "--in-memory", "--data-dir", "d");
    assertThat(serving.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE.code());
    assertThat(serving.err.toString())
        .contains("--in-memory and --data-dir cannot be given together");
    assertThat(ServeCommand.anyRunning()).isFalse();
  }

  @Test
  void theServersStartAsCommandsOfTheirOwnAndKeepTheirNames() {
    Run.Cli cli = new Run.Cli();
    Run help = cli.run("serve", "--help");
    assertThat(help.exitCode).isZero();
    assertThat(help.out).startsWith("Usage: dynakit serve [-hV]");
    Run version = cli.run("mcp", "-V");
    assertThat(version.out).startsWith("dynakit ");
    Run unknown = cli.run("serve", "--bogus");
    assertThat(unknown.exitCode).isEqualTo(ExitCode.USAGE.code());
    assertThat(unknown.err).contains("Unknown option: '--bogus' (see 'dynakit serve --help')");
    assertThat(cli.run("help", "serve").out).startsWith("Usage: dynakit serve [-hV]");
  }
}
