package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Faults the engine injects: errors as DynamoDB answers them, and delays, by chance. */
class FaultsTest {
  private final List<Duration> slept = new ArrayList<>();
  private final DynakitEngine engine =
      DynakitEngine.builder().faults(new SplittableRandom(7), slept::add).build();
  private final DynamoDbClient db = engine.client();

  FaultsTest() {
    for (String table : List.of("orders", "others")) {
      db.createTable(
          b ->
              b.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  @Test
  void anErrorFaultAnswersMatchingRequestsOnly() {
    engine.faults().add(Faults.Fault.error("GetItem", "orders", 1.0, "ThrottlingException"));
    assertThatThrownBy(() -> db.getItem(b -> b.tableName("orders").key(key("a"))))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              assertThat(e.statusCode()).isEqualTo(400);
            })
        .hasMessageStartingWith("Rate of requests exceeds the allowed throughput.");
    db.getItem(b -> b.tableName("others").key(key("a")));
    db.putItem(b -> b.tableName("orders").item(key("a")));
    engine.faults().clear();
    db.getItem(b -> b.tableName("orders").key(key("a")));
  }

  @Test
  void aProbabilityHitsAboutThatShareOfRequests() {
    engine.faults().add(Faults.Fault.error("*", "*", 0.25, "InternalServerError"));
    int failed = 0;
    for (int i = 0; i < 2_000; i++) {
      try {
        db.getItem(b -> b.tableName("orders").key(key("a")));
      } catch (DynamoDbException e) {
        assertThat(e.statusCode()).isEqualTo(500);
        failed++;
      }
    }
    assertThat(failed).isBetween(400, 600);
  }

  @Test
  void aDelayIsWaitedBeforeTheAnswerAndTheFirstMatchingFaultApplies() {
    engine.faults().add(Faults.Fault.delay("PutItem", "*", 1.0, Duration.ofMillis(40)));
    engine.faults().add(Faults.Fault.error("PutItem", "*", 1.0, "InternalServerError"));
    db.putItem(b -> b.tableName("orders").item(key("a")));
    assertThat(slept).containsExactly(Duration.ofMillis(40));
    engine
        .faults()
        .add(new Faults.Fault("Scan", "*", 1.0, "ServiceUnavailable", Duration.ofMillis(5)));
    assertThatThrownBy(() -> db.scan(b -> b.tableName("orders")))
        .isInstanceOfSatisfying(
            DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    assertThat(slept).containsExactly(Duration.ofMillis(40), Duration.ofMillis(5));
  }

  @Test
  void overHttpTheSdkSeesDynamoDbsErrorsAndRetriesThem() {
    engine.faults().add(Faults.Fault.error("GetItem", "orders", 1.0, "ServiceUnavailable"));
    // Retried at once: the SDK's own backoff would wait for real.
    DynamoDbClient http =
        DynamoDbClient.builder()
            .httpClient(engine.httpClient())
            .endpointOverride(java.net.URI.create("http://localhost:8000"))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("k", "s")))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        software
                            .amazon
                            .awssdk
                            .awscore
                            .retry
                            .AwsRetryStrategy
                            .standardRetryStrategy()
                            .toBuilder()
                            .backoffStrategy(
                                software.amazon.awssdk.retries.api.BackoffStrategy
                                    .retryImmediately())
                            .throttlingBackoffStrategy(
                                software.amazon.awssdk.retries.api.BackoffStrategy
                                    .retryImmediately())
                            .maxAttempts(3)
                            .build()))
            .build();
    assertThatThrownBy(() -> http.getItem(b -> b.tableName("orders").key(key("a"))))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
              assertThat(e.numAttempts()).isEqualTo(3);
            });
  }

  @Test
  void faultsAreReadFromAFileAndCheckedAsTheyAreMade(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("faults.json");
    Files.writeString(
        file,
        "[{\"operation\": \"GetItem\", \"table\": \"orders\", \"probability\": 0.5,"
            + " \"error\": \"ThrottlingException\"}, {\"delay_ms\": 20}]");
    assertThat(Faults.read(file))
        .containsExactly(
            Faults.Fault.error("GetItem", "orders", 0.5, "ThrottlingException"),
            Faults.Fault.delay("*", "*", 1.0, Duration.ofMillis(20)));
    Files.writeString(file, "[{\"chance\": 1}]");
    assertThatThrownBy(() -> Faults.read(file))
        .hasMessage(file + ": a fault has no member 'chance'");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> Faults.read(file))
        .hasMessage(file + ": expected a JSON array of faults");
    Files.writeString(file, "[{\"error\": \"Oops\"}]");
    assertThatThrownBy(() -> Faults.read(file))
        .hasMessageStartingWith(file + ": a fault's error must be one of");
    assertThatThrownBy(() -> Faults.Fault.error("*", "*", 1.5, "ThrottlingException"))
        .hasMessage("a fault's probability must be between 0 and 1");
    assertThatThrownBy(() -> new Faults.Fault("*", "*", 1.0, null, Duration.ZERO))
        .hasMessage("a fault needs an error, a delay or both");
    assertThatThrownBy(() -> Faults.Fault.delay("*", "*", 1.0, Duration.ofMillis(-1)))
        .hasMessage("a fault's delay must not be negative");
  }
}
