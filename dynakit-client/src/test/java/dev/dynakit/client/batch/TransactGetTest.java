package dev.dynakit.client.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.TransactionException;
import dev.dynakit.client.expressions.Projection;
import dev.dynakit.client.mapping.PartitionKey;
import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.FaultInjectingHttpClient;
import dev.dynakit.engine.DynakitEngine;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TransactGetTest {
  record Account(@PartitionKey String id, long balance, String owner) {}

  private DynakitEngine engine;
  private FaultInjectingHttpClient network;
  private Dynakit dynakit;
  private DynakitTable<Account> accounts;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    network = FaultInjectingHttpClient.around(engine.httpClient());
    dynakit = Adapters.over(network).build();
    accounts = dynakit.table("accounts", Account.class);
    accounts.createTableIfMissing();
    accounts.put(new Account("a", 10, "ada"));
    accounts.put(new Account("b", 20, "bob"));
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  @Test
  void readsEveryItemInTheOrderAskedEmptyWhereMissing() {
    List<Optional<Map<String, AttributeValue>>> read =
        new TransactGet()
            .get("accounts", key("b"))
            .get("accounts", key("missing"))
            .get("accounts", key("a"), Projection.of("balance"))
            .execute(dynakit.sdk());

    assertThat(read.get(0)).contains(accounts.schema().toItem(new Account("b", 20, "bob")));
    assertThat(read.get(1)).isEmpty();
    assertThat(read.get(2)).contains(Map.of("balance", AttributeValue.fromN("10")));
    assertThat(accounts.getTransactionally(List.of(key("a"), key("zz"))))
        .containsExactly(Optional.of(new Account("a", 10, "ada")), Optional.empty());
  }

  @Test
  void whatDynamoDbWouldRefuseIsRefusedBeforeSending() {
    int calls = network.calls();
    assertThatThrownBy(() -> new TransactGet().execute(dynakit.sdk()))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("needs at least one action");
    assertThatThrownBy(
            () ->
                new TransactGet()
                    .get("accounts", key("a"))
                    .get("accounts", key("a"))
                    .execute(dynakit.sdk()))
        .hasMessageContaining(
            "Transaction request cannot include multiple operations on one item (actions 0 and 1)");
    TransactGet hundred = new TransactGet();
    for (int i = 0; i < 100; i++) {
      hundred.get("accounts", key("k" + i));
    }
    assertThatThrownBy(() -> hundred.get("accounts", key("one more")))
        .hasMessageContaining("at most 100 actions");
    assertThat(network.calls()).isEqualTo(calls);
    assertThat(hundred.execute(dynakit.sdk())).hasSize(100).allMatch(Optional::isEmpty);
  }

  @Test
  void aCanceledReadNamesTheGetThatWasInTheWay() {
    network.next(
        1,
        "TransactGetItems",
        FaultInjectingHttpClient.Fault.raw(
            400,
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"message\":\"Transaction cancelled, please refer cancellation reasons for specific"
                + " reasons [None, TransactionConflict]\",\"CancellationReasons\":[{\"Code\":\"None\"},"
                + "{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}]}"));

    // A plain SDK client that does not retry: the adapter would retry a conflict.
    DynamoDbClient plain =
        DynamoDbClient.builder()
            .httpClient(network)
            .endpointOverride(URI.create("http://localhost:8000"))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();

    assertThatThrownBy(
            () ->
                new TransactGet()
                    .get("accounts", key("a"))
                    .get("accounts", key("b"))
                    .execute(plain))
        .isInstanceOf(TransactionException.class)
        .satisfies(
            e -> {
              List<TransactionException.Failure> failures = ((TransactionException) e).failures();
              assertThat(failures).hasSize(1);
              assertThat(failures.get(0).index()).isEqualTo(1);
              assertThat(failures.get(0).key()).isEqualTo(key("b"));
              assertThat(failures.get(0).code()).isEqualTo("TransactionConflict");
            });
  }

  @Test
  void theAdaptersShortcutsGoThroughIt() {
    assertThat(dynakit.batches().get(Map.of("accounts", List.of(key("a")))).items("accounts"))
        .hasSize(1);
    assertThat(dynakit.documents().save("notes", "n1", Map.of("x", 1)).revision()).isEqualTo(1);
  }
}
