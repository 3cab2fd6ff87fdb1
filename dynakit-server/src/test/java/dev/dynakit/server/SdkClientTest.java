package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PolicyNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The AWS SDK for Java's own checks pass on what the server sends: its CRC32 validation (of plain
 * and of gzip bodies, where the SDK checks the checksum against the compressed bytes and then
 * inflates them), its error unmarshalling, and its handling of a 413.
 */
class SdkClientTest {
  private static DynakitServer server;

  @BeforeAll
  static void start() {
    server = DynakitServer.builder().port(0).maxRequestBytes(64 * 1024).build().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Asks for gzip on every request and keeps the Content-Encoding of every response. */
  static final class Gzip implements ExecutionInterceptor {
    final List<String> encodings = new CopyOnWriteArrayList<>();

    @Override
    public SdkHttpRequest modifyHttpRequest(
        Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      return context.httpRequest().toBuilder().putHeader("Accept-Encoding", "gzip").build();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
      encodings.add(context.httpResponse().firstMatchingHeader("Content-Encoding").orElse("none"));
    }
  }

  private static DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors)))
        .build();
  }

  @Test
  void plainAndGzipBodiesPassTheSdksCrc32Check() {
    Gzip gzip = new Gzip();
    try (DynamoDbClient plain = client();
        DynamoDbClient zipped = client(gzip)) {
      plain.createTable(
          b ->
              b.tableName("crc")
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH"))
                  .billingMode("PAY_PER_REQUEST"));
      Map<String, AttributeValue> item =
          Map.of(
              "id", AttributeValue.fromS("1"),
              "text", AttributeValue.fromS("ünïcødé ".repeat(500)));
      zipped.putItem(b -> b.tableName("crc").item(item));
      assertThat(zipped.getItem(b -> b.tableName("crc").key(Map.of("id", item.get("id")))).item())
          .isEqualTo(item);
      assertThat(plain.getItem(b -> b.tableName("crc").key(Map.of("id", item.get("id")))).item())
          .isEqualTo(item);
      assertThat(gzip.encodings).containsOnly("gzip").hasSize(2);
      assertThatThrownBy(() -> zipped.describeTable(b -> b.tableName("missing")))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessageContaining("Status Code: 400");
    }
  }

  @Test
  void policiesContributorInsightsAndLimitsAreServedOverHttp() {
    try (DynamoDbClient ddb = client()) {
      ddb.createTable(
          b ->
              b.tableName("governed")
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH"))
                  .billingMode("PAY_PER_REQUEST"));
      String arn = ddb.describeTable(b -> b.tableName("governed")).table().tableArn();
      String policy =
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
              + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"dynamodb:GetItem\","
              + "\"Resource\":\"*\"}]}";
      String revision = ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(policy)).revisionId();
      assertThat(ddb.getResourcePolicy(b -> b.resourceArn(arn)).revisionId()).isEqualTo(revision);
      assertThat(ddb.deleteResourcePolicy(b -> b.resourceArn(arn)).revisionId())
          .isEqualTo(revision);
      assertThatThrownBy(() -> ddb.getResourcePolicy(b -> b.resourceArn(arn)))
          .isInstanceOf(PolicyNotFoundException.class);
      assertThat(
              ddb.updateContributorInsights(
                      b -> b.tableName("governed").contributorInsightsAction("ENABLE"))
                  .contributorInsightsStatusAsString())
          .isEqualTo("ENABLING");
      assertThat(
              ddb.describeContributorInsights(b -> b.tableName("governed"))
                  .contributorInsightsStatusAsString())
          .isEqualTo("ENABLED");
      assertThat(ddb.describeLimits().tableMaxReadCapacityUnits()).isEqualTo(40_000L);
      assertThat(ddb.describeEndpoints().endpoints().get(0).address())
          .isEqualTo("dynamodb.us-east-1.amazonaws.com");
    }
  }

  @Test
  void aRequestOverTheLimitIsA413DynamoDbException() {
    try (DynamoDbClient ddb = client()) {
      assertThatThrownBy(
              () ->
                  ddb.putItem(
                      b ->
                          b.tableName("crc")
                              .item(Map.of("id", AttributeValue.fromS("x".repeat(70_000))))))
          .isInstanceOfSatisfying(
              DynamoDbException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(413);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLarge");
                assertThat(e.awsErrorDetails().errorMessage())
                    .endsWith("exceeds the server's limit of 65536 bytes");
              });
    }
  }
}
