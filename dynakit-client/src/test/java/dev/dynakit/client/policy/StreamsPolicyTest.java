package dev.dynakit.client.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.engine.DynakitEngine;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The same interceptor guards a DynamoDB Streams client: stream ARNs map to their table. */
class StreamsPolicyTest {
  private static final String STREAM =
      "arn:aws:dynamodb:eu-west-1:000000000000:table/%s/stream/2026-01-01T00:00:00.000";

  @Test
  void aStreamOfATableOffTheAllowListIsNeverAskedFor() {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      CountingHttpClient network = new CountingHttpClient(engine.httpClient());
      try (DynamoDbStreamsClient streams =
          DynamoDbStreamsClient.builder()
              .endpointOverride(URI.create("http://localhost:8000"))
              .region(Region.EU_WEST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
              .httpClient(network)
              .overrideConfiguration(
                  o ->
                      o.addExecutionInterceptor(
                          Policy.builder().allowTables("orders").build().interceptor()))
              .build()) {
        assertThatThrownBy(
                () -> streams.describeStream(b -> b.streamArn(String.format(STREAM, "secrets"))))
            .isInstanceOfSatisfying(
                PolicyViolationException.class,
                e -> assertThat(e.context().table()).isEqualTo("secrets"))
            .hasMessageStartingWith("DescribeStream on table 'secrets' refused");
        assertThatThrownBy(
                () ->
                    streams.getShardIterator(
                        b ->
                            b.streamArn(String.format(STREAM, "secrets"))
                                .shardId("s")
                                .shardIteratorType("LATEST")))
            .isInstanceOf(PolicyViolationException.class);
        assertThatThrownBy(() -> streams.listStreams(b -> b.tableName("secrets")))
            .isInstanceOf(PolicyViolationException.class);
        assertThat(network.requests()).isZero();
      }
    }
  }
}
