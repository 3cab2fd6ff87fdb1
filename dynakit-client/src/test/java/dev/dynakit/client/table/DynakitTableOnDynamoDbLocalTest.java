package dev.dynakit.client.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.mapping.PartitionKey;
import dev.dynakit.client.mapping.TimeToLive;
import dev.dynakit.client.mapping.Version;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The typed table against Amazon DynamoDB Local: the same behaviour as on the engine. */
class DynakitTableOnDynamoDbLocalTest {
  record Account(
      @PartitionKey String owner,
      @dev.dynakit.client.mapping.SortKey int number,
      double balance,
      Set<String> flags,
      Map<String, List<Long>> history,
      @Version long version,
      @TimeToLive Instant closes) {}

  private static DynamoDbLocalServer local;
  private static Dynakit dynakit;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    dynakit =
        Dynakit.builder()
            .endpoint(local.endpoint())
            .region("eu-west-1")
            .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
            .credentials(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        "id", "secret")))
            .build();
  }

  @AfterAll
  static void stop() {
    dynakit.close();
    local.close();
  }

  @Test
  void theTypedTableBehavesOnDynamoDbLocalAsOnTheEngine() {
    DynakitTable<Account> accounts = dynakit.table("accounts", Account.class);
    assertThat(accounts.createTableIfMissing()).isTrue();
    accounts.enableTimeToLive();
    Instant closes = Instant.parse("2030-01-01T00:00:00Z");
    IntStream.range(1, 6)
        .forEach(
            i ->
                accounts.create(
                    new Account(
                        "ada",
                        i,
                        i * 0.1,
                        Set.of("new"),
                        Map.of("d", List.of(1L, 2L)),
                        0,
                        closes)));

    Account third = accounts.getOne("ada", 3).orElseThrow();
    Account updated =
        accounts.update(
            new Account("ada", 3, 0.3 + 0.2, Set.of(), Map.of(), third.version(), closes));

    assertThat(third.balance()).isEqualTo(3 * 0.1);
    assertThat(third.flags()).containsExactly("new");
    assertThat(updated.version()).isEqualTo(2);
    assertThat(accounts.getOne("ada", 3).orElseThrow().flags()).isEmpty();
    assertThatThrownBy(() -> accounts.update(third)).isInstanceOf(ConditionalCheckException.class);
    assertThat(
            accounts
                .queryByPk("ada", SortKey.between(2, 4), QueryOptions.defaults().descending())
                .map(Account::number)
                .collect(Collectors.toList()))
        .containsExactly(4, 3, 2);
    assertThat(accounts.queryByPk("ada", null, QueryOptions.defaults().pageSize(2)).count())
        .isEqualTo(5);
    assertThat(
            dynakit
                .sdk()
                .describeTimeToLive(b -> b.tableName("accounts"))
                .timeToLiveDescription()
                .timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.ENABLED);
  }
}
