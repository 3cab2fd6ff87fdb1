package dev.dynakit.client.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.engine.DynakitEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The policy, end to end: a refused call throws and never reaches the network. */
class PolicyEnforcementTest {
  private DynakitEngine engine;
  private CountingHttpClient network;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    Adapters.createTable(engine.client(), "orders", "id");
    engine
        .client()
        .putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("o1"))));
    network = new CountingHttpClient(engine.httpClient());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private Dynakit.Builder adapter(Map<String, String> environment) {
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("eu-west-1")
        .environment(environment)
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .httpClient(network);
  }

  @Test
  void byDefaultWritesAreRefusedBeforeAnythingIsSent() {
    try (Dynakit dynakit = adapter(Map.of()).build()) {
      assertThat(dynakit.policy()).isEqualTo(Policy.defaults());
      assertThatThrownBy(
              () -> dynakit.call("put", Map.of("table", "orders", "item", Map.of("id", "o2"))))
          .isInstanceOfSatisfying(
              PolicyViolationException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.WRITE_NOT_ALLOWED);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "PutItem on table 'orders' refused: writes are not allowed"
                            + " (allow_write=false)");
                assertThat(e.context().table()).isEqualTo("orders");
                assertThat(e.retryable()).isFalse();
              });
      assertThatThrownBy(() -> dynakit.sdk().deleteTable(b -> b.tableName("orders")))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessage(
              "DeleteTable on table 'orders' refused: writes are not allowed (allow_write=false)");
      assertThatThrownBy(
              () ->
                  dynakit
                      .sdk()
                      .executeStatement(
                          b -> b.statement("UPDATE \"orders\" SET n = 1 WHERE id = 'o1'")))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageStartingWith("ExecuteStatement on table 'orders' refused: writes");
      assertThat(network.requests()).isZero();

      assertThat(dynakit.call("get", Map.of("table", "orders", "key", Map.of("id", "o1"))))
          .isEqualTo(Map.of("item", Map.of("id", "o1")));
      assertThat(network.requests()).isEqualTo(1);
    }
    assertThat(engine.client().scan(b -> b.tableName("orders")).count()).isEqualTo(1);
  }

  @Test
  void allowWriteLetsWritesThrough() {
    try (Dynakit dynakit =
        adapter(Map.of()).policy(Policy.builder().allowWrite(true).build()).build()) {
      dynakit.call("put", Map.of("table", "orders", "item", Map.of("id", "o2")));
      dynakit.sdk().executeStatement(b -> b.statement("INSERT INTO \"orders\" VALUE {'id': 'o3'}"));
      assertThat(network.requests()).isEqualTo(2);
      assertThat(
              engine
                  .client()
                  .getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("o3"))))
                  .hasItem())
          .isTrue();
    }
    assertThat(engine.client().scan(b -> b.tableName("orders")).count()).isEqualTo(3);
  }

  @Test
  void tablesOffTheAllowListAreRefusedOnEveryPath() {
    engine
        .client()
        .createTable(
            b ->
                b.tableName("secrets")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
    Policy policy = Policy.builder().allowWrite(true).allowTables("orders", "app_*").build();
    try (Dynakit dynakit = adapter(Map.of()).policy(policy).build()) {
      List<Runnable> refused =
          List.of(
              () -> dynakit.call("get", Map.of("table", "secrets", "key", Map.of("id", "s1"))),
              () -> dynakit.call("describe_table", Map.of("table", "secrets")),
              () ->
                  dynakit.call(
                      "batch_get",
                      Map.of(
                          "requests",
                          Map.of(
                              "orders", Map.of("keys", List.of(Map.of("id", "o1"))),
                              "secrets", Map.of("keys", List.of(Map.of("id", "s1")))))),
              () ->
                  dynakit.call(
                      "transact_write",
                      Map.of(
                          "items",
                          List.of(
                              Map.of("put", Map.of("table", "orders", "item", Map.of("id", "x"))),
                              Map.of(
                                  "delete",
                                  Map.of("table", "secrets", "key", Map.of("id", "s1")))))),
              () -> dynakit.sdk().executeStatement(b -> b.statement("SELECT * FROM \"secrets\"")),
              () ->
                  dynakit
                      .sdk()
                      .listTagsOfResource(
                          b ->
                              b.resourceArn(
                                  "arn:aws:dynamodb:eu-west-1:000000000000:table/secrets")));
      for (Runnable call : refused) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                PolicyViolationException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED);
                  assertThat(e.context().table()).isEqualTo("secrets");
                });
      }
      assertThat(network.requests()).isZero();
      dynakit.call("list_tables", Map.of());
      assertThat(network.requests()).isEqualTo(1);
    }
  }

  @Test
  void thePolicyComesFromTheEnvironmentWhenTheBuilderGivesNone() {
    Map<String, String> environment =
        Map.of(Policy.ENV_ALLOW_WRITE, "true", Policy.ENV_ALLOW_TABLES, "app_*, orders");
    try (Dynakit dynakit = adapter(environment).build()) {
      assertThat(dynakit.policy().allowWrite()).isTrue();
      assertThat(dynakit.policy().allowedTables()).containsExactly("app_*", "orders");
      dynakit.call("put", Map.of("table", "orders", "item", Map.of("id", "o9")));
      assertThat(network.requests()).isEqualTo(1);
    }
    try (Dynakit dynakit =
        adapter(environment).policy(Policy.builder().allowTables("x").build()).build()) {
      assertThat(dynakit.policy().allowWrite()).isFalse();
    }
  }

  @Test
  void aComputeAndStoreSandboxForbidsTheAdapter() {
    assertThatThrownBy(
            () ->
                adapter(Map.of())
                    .securityProfile(SecurityProfile.SANDBOX_COMPUTE_AND_STORE)
                    .build())
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e ->
                assertThat(e.kind())
                    .isEqualTo(PolicyViolationException.Kind.PROFILE_FORBIDS_ADAPTER))
        .hasMessageContaining("'sandbox_compute_and_store'");
    assertThatThrownBy(
            () -> adapter(Map.of(SecurityProfile.ENV, "sandbox_compute_and_store")).build())
        .isInstanceOf(PolicyViolationException.class);
    try (Dynakit dynakit =
        adapter(Map.of(SecurityProfile.ENV, "sandbox_network_restricted")).build()) {
      dynakit.call("list_tables", Map.of());
    }
    try (Dynakit dynakit =
        adapter(Map.of(SecurityProfile.ENV, "sandbox_compute_and_store"))
            .securityProfile(SecurityProfile.SANDBOX_NETWORK_RESTRICTED)
            .build()) {
      assertThat(dynakit.call("list_tables", Map.of()).get("table_names"))
          .isEqualTo(List.of("orders"));
    }
  }
}
