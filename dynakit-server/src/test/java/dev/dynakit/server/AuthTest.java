package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.secretscan.ScanForSecrets;
import dev.dynakit.secretscan.SecretScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Signature Version 4 verification ({@code --auth}): the SDK's signatures pass, and each way a
 * request can fail is refused as DynamoDB refuses it, with the SDK seeing DynamoDB's error codes.
 */
@ScanForSecrets("s3cr3t-k3y")
class AuthTest {
  private static final Map<String, String> KEYS = Map.of("AKIDEXAMPLE", "s3cr3t-k3y");
  private static SecretScan scan;

  @BeforeAll
  static void keepScan(SecretScan secretScan) {
    scan = secretScan;
  }

  private static DynamoDbClient client(DynakitServer server, String id, String secret) {
    return DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(server.endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Scans what a client process printed, line by line. */
  private static void printed(Processes.Result result) {
    (result.out() + result.err()).lines().forEach(line -> scan.text("output line", line));
  }

  private static DynamoDbException refusal(DynamoDbClient ddb) {
    try {
      ddb.listTables();
    } catch (DynamoDbException e) {
      scan.throwable(e);
      return e;
    }
    throw new AssertionError("the request was served");
  }

  @Test
  void theSdksSignaturesPassAndWrongOnesAreRefusedWithDynamoDbsCodes() {
    try (DynakitServer server = DynakitServer.builder().port(0).auth(KEYS).build().start()) {
      try (DynamoDbClient good = client(server, "AKIDEXAMPLE", "s3cr3t-k3y")) {
        assertThat(good.listTables().tableNames()).isEmpty();
        good.createTable(
            b ->
                b.tableName("signed")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .billingMode("PAY_PER_REQUEST"));
        assertThat(good.listTables().tableNames()).containsExactly("signed");
      }
      try (DynamoDbClient wrongSecret = client(server, "AKIDEXAMPLE", "guessed")) {
        DynamoDbException e = refusal(wrongSecret);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(e.awsErrorDetails().errorMessage())
            .startsWith("The request signature we calculated does not match")
            .doesNotContain("s3cr3t-k3y", "guessed");
      }
      try (DynamoDbClient unknown = client(server, "AKIDOTHER", "s3cr3t-k3y")) {
        DynamoDbException e = refusal(unknown);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The security token included in the request is invalid.");
      }
    }
  }

  @Test
  void theAsyncSdksSignaturesPassAndWrongOnesAreRefused() {
    try (DynakitServer server = DynakitServer.builder().port(0).auth(KEYS).build().start()) {
      for (String secret : List.of("s3cr3t-k3y", "guessed")) {
        try (DynamoDbAsyncClient ddb =
            DynamoDbAsyncClient.builder()
                .httpClient(NettyNioAsyncHttpClient.create())
                .endpointOverride(server.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
          if (secret.equals("guessed")) {
            assertThatThrownBy(() -> ddb.listTables().join())
                .hasCauseInstanceOf(DynamoDbException.class)
                .cause()
                .satisfies(
                    e ->
                        assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                            .isEqualTo("InvalidSignatureException"));
          } else {
            assertThat(ddb.listTables().join().tableNames()).isEmpty();
          }
        }
      }
    }
  }

  @Test
  void boto3sSignaturesPassAndWrongOnesAreRefused(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Processes.works(List.of("python3", "-c", "import boto3")),
        "python3 with boto3 is not installed");
    String script =
        "import sys, boto3, botocore.exceptions\n"
            + "ddb = boto3.client('dynamodb', endpoint_url=sys.argv[1], region_name='eu-west-1',"
            + " aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])\n"
            + "try:\n"
            + "    print('tables', ddb.list_tables()['TableNames'])\n"
            + "except botocore.exceptions.ClientError as e:\n"
            + "    print('refused', e.response['Error']['Code'], e.response['Error']['Message'])\n";
    try (DynakitServer server = DynakitServer.builder().port(0).auth(KEYS).build().start()) {
      String endpoint = server.endpoint().toString();
      Map<String, String> environment = Processes.clientEnvironment(dir);
      Processes.Result good =
          Processes.run(
              List.of("python3", "-c", script, endpoint, "AKIDEXAMPLE", "s3cr3t-k3y"), environment);
      assertThat(good.out()).as(good.err()).isEqualTo("tables []\n");
      Processes.Result wrong =
          Processes.run(
              List.of("python3", "-c", script, endpoint, "AKIDEXAMPLE", "guessed"), environment);
      assertThat(wrong.out())
          .as(wrong.err())
          .startsWith("refused InvalidSignatureException The request signature we calculated");
      Processes.Result unknown =
          Processes.run(
              List.of("python3", "-c", script, endpoint, "AKIDNOBODY", "s3cr3t-k3y"), environment);
      List.of(good, wrong, unknown).forEach(AuthTest::printed);
      assertThat(unknown.out())
          .isEqualTo(
              "refused UnrecognizedClientException The security token included in the request is"
                  + " invalid.\n");
    }
  }

  @Test
  void aRequestSignedMoreThan15MinutesFromTheServersClockIsRefused() {
    Instant now = Instant.now();
    for (long minutes : new long[] {16, -16}) {
      Clock skewed = Clock.fixed(now.plus(Duration.ofMinutes(minutes)), ZoneOffset.UTC);
      try (DynakitServer server =
              DynakitServer.builder().port(0).auth(KEYS).clock(skewed).build().start();
          DynamoDbClient ddb = client(server, "AKIDEXAMPLE", "s3cr3t-k3y")) {
        DynamoDbException e = refusal(ddb);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(e.awsErrorDetails().errorMessage())
            .matches(
                minutes > 0
                    ? "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z"
                        + " \\(\\d{8}T\\d{6}Z - 15 min\\.\\)"
                    : "Signature not yet current: \\d{8}T\\d{6}Z is still later than"
                        + " \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ 15 min\\.\\)");
      }
    }
    Clock within = Clock.fixed(now.plus(Duration.ofMinutes(14)), ZoneOffset.UTC);
    try (DynakitServer server =
            DynakitServer.builder().port(0).auth(KEYS).clock(within).build().start();
        DynamoDbClient ddb = client(server, "AKIDEXAMPLE", "s3cr3t-k3y")) {
      assertThat(ddb.listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void unsignedAndHalfSignedRequestsAreRefused() throws IOException {
    try (DynakitServer server = DynakitServer.builder().port(0).auth(KEYS).build().start()) {
      String[][] cases = {
        {"", "MissingAuthenticationTokenException", "Request is missing Authentication Token"},
        {
          "Authorization: AWS4-HMAC-SHA256 Signature=abc\r\n",
          "IncompleteSignatureException",
          "Authorization header requires 'Credential' parameter. Authorization header requires"
              + " 'SignedHeaders' parameter. Authorization header requires existence of either a"
              + " 'X-Amz-Date' or a 'Date' header."
        },
        {
          "Authorization: AWS4-HMAC-SHA1 Credential=a\r\n",
          "IncompleteSignatureException",
          "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now)."
        },
        {
          "Authorization: AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=c\r\n"
              + "X-Amz-Date: 2026-01-01\r\n",
          "IncompleteSignatureException",
          "Date must be in ISO-8601 'basic format'. Got '2026-01-01'."
        },
      };
      for (String[] c : cases) {
        try (RawHttp http = new RawHttp(server.port())) {
          RawHttp.Response response =
              http.send(RawHttp.post("DynamoDB_20120810.ListTables", 2, c[0]) + "{}").read();
          scan.text("response", response.headers() + " " + response.text());
          assertThat(response.status()).as(c[0]).isEqualTo(400);
          assertThat(response.text()).as(c[0]).contains("#" + c[1], c[2]);
        }
      }
    }
  }

  @Test
  void theAwsCliWorksWithAKeyOfTheAuthFileAndIsRefusedWithAnother(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(
        Processes.works(List.of("aws", "--version")), "the AWS CLI is not installed");
    Path file =
        Files.writeString(dir.resolve("keys"), "# id secret\nx x\n\nAKIDEXAMPLE s3cr3t-k3y\n");
    try (DynakitServer server = DynakitServer.builder().port(0).auth(file).build().start()) {
      List<String> list =
          List.of(
              "aws",
              "dynamodb",
              "list-tables",
              "--endpoint-url",
              server.endpoint().toString(),
              "--output",
              "json");
      Processes.Result ok = Processes.run(list, Processes.clientEnvironment(dir));
      printed(ok);
      assertThat(ok.exitCode()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("\"TableNames\": []");
      Map<String, String> other = new java.util.HashMap<>(Processes.clientEnvironment(dir));
      other.put("AWS_ACCESS_KEY_ID", "nobody");
      Processes.Result refused = Processes.run(list, other);
      printed(refused);
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err())
          .contains(
              "UnrecognizedClientException",
              "The security token included in the request is invalid");
    }
  }

  @Test
  void theCommandLineStartsWithAnAuthFileAndPrintsNoSecret(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("keys"), "AKIDEXAMPLE s3cr3t-k3y\n");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"--port", "0", "--auth", file.toString()},
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    // The shutdown hook registered by run() closes this server when the test JVM exits.
    assertThat(status).isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("listening on ");
    Path bad = Files.writeString(dir.resolve("bad"), "AKIDEXAMPLE s3cr3t-k3y trailing\n");
    int refused =
        Main.run(
            new String[] {"--port", "0", "--auth", bad.toString()},
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(refused).isNotZero();
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("line 1 is not 'ACCESS_KEY_ID SECRET_ACCESS_KEY'");
    out.toString(java.nio.charset.StandardCharsets.UTF_8)
        .lines()
        .forEach(line -> scan.text("output line", line));
    err.toString(java.nio.charset.StandardCharsets.UTF_8)
        .lines()
        .forEach(line -> scan.text("output line", line));
  }

  @Test
  void aBadAuthFileIsRefusedNamingTheLineButNoSecret(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("keys"), "AKID s3cr3t extra\n");
    assertThatThrownBy(() -> DynakitServer.builder().auth(file))
        .hasMessage("the auth file " + file + " line 1 is not 'ACCESS_KEY_ID SECRET_ACCESS_KEY'")
        .message()
        .doesNotContain("s3cr3t");
    assertThatThrownBy(() -> DynakitServer.builder().auth(dir.resolve("none")))
        .hasMessageStartingWith("cannot read the auth file " + dir.resolve("none"));
    assertThatThrownBy(() -> DynakitServer.builder().auth(Map.of()))
        .hasMessage("auth needs at least one access key");
    assertThat(Main.parse("--auth", "keys").auth()).isEqualTo(Path.of("keys"));
  }
}
