package dev.dynakit.client.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.TransactionException;
import dev.dynakit.client.expressions.Conditions;
import dev.dynakit.client.expressions.Path;
import dev.dynakit.client.expressions.Update;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import dev.dynakit.engine.DynakitEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * {@link Transaction} on the engine in-process, on the engine through the adapter ({@code
 * Dynakit.sdk()}, whose errors are already mapped) and on Amazon DynamoDB Local: the same
 * transactions commit, and the same cancellations name the same failed actions.
 */
class TransactionTest {
  private static DynakitEngine engine;
  private static Dynakit adapter;
  private static DynamoDbLocalServer local;
  private static DynamoDbClient onLocal;
  private static int run;

  @BeforeAll
  static void start() {
    engine = DynakitEngine.inMemory();
    adapter = Adapters.over(engine.httpClient()).build();
    local = DynamoDbLocalServer.start();
    onLocal = local.client();
    for (DynamoDbClient sdk : List.of(engine.client(), onLocal)) {
      Adapters.createTable(sdk, "accounts", "id");
      Adapters.createTable(sdk, "ledger", true);
    }
  }

  @AfterAll
  static void stop() {
    adapter.close();
    engine.close();
    onLocal.close();
    local.close();
  }

  static Stream<String> targets() {
    return Stream.of("engine", "adapter", "dynamodb-local");
  }

  private static DynamoDbClient client(String target) {
    switch (target) {
      case "engine":
        return engine.client();
      case "adapter":
        return adapter.sdk();
      default:
        return onLocal;
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  /** Fresh account ids for each test and target (targets share their databases). */
  private static String id(String name) {
    return name + "-" + (++run);
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aTransferCommitsEveryActionOrNone(String target) {
    DynamoDbClient sdk = client(target);
    String from = id("from");
    String to = id("to");
    sdk.putItem(b -> b.tableName("accounts").item(Map.of("id", s(from), "balance", n("100"))));
    sdk.putItem(
        b ->
            b.tableName("accounts")
                .item(
                    Map.of(
                        "id", s(to), "balance", n("5"), "closed", AttributeValue.fromBool(false))));
    Path balance = Path.of("balance");
    new Transaction()
        .update(
            "accounts",
            Map.of("id", s(from)),
            Update.builder().decrement(balance, 30).build(),
            Conditions.ge(balance, n("30")))
        .update("accounts", Map.of("id", s(to)), Update.builder().increment(balance, 30).build())
        .put(
            "ledger",
            Map.of("pk", s(from), "sk", s("t1"), "amount", n("30")),
            Conditions.attributeNotExists(Path.of("pk")))
        .conditionCheck(
            "accounts", Map.of("id", s("nobody")), Conditions.attributeNotExists(Path.of("id")))
        .execute(sdk);
    assertThat(balance(sdk, from)).isEqualTo("70");
    assertThat(balance(sdk, to)).isEqualTo("35");

    new Transaction()
        .delete(
            "ledger",
            Map.of("pk", s(from), "sk", s("t1")),
            Conditions.eq(Path.of("amount"), n("30")))
        .delete("accounts", Map.of("id", s("nobody")))
        .execute(sdk);
    assertThat(
            sdk.getItem(b -> b.tableName("ledger").key(Map.of("pk", s(from), "sk", s("t1"))))
                .hasItem())
        .isFalse();
  }

  private static String balance(DynamoDbClient sdk, String id) {
    return sdk.getItem(b -> b.tableName("accounts").key(Map.of("id", s(id))).consistentRead(true))
        .item()
        .get("balance")
        .n();
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aCancellationNamesEachFailedActionWithItsKeyReasonAndOldItem(String target) {
    DynamoDbClient sdk = client(target);
    String from = id("from");
    String to = id("to");
    Map<String, AttributeValue> fromItem =
        Map.of("id", s(from), "balance", n("10"), "note", s("secret-77"));
    sdk.putItem(b -> b.tableName("accounts").item(fromItem));
    sdk.putItem(b -> b.tableName("accounts").item(Map.of("id", s(to), "balance", n("0"))));
    Path balance = Path.of("balance");
    Transaction transaction =
        new Transaction()
            .returnValuesOnConditionCheckFailure()
            .update(
                "accounts", Map.of("id", s(to)), Update.builder().increment(balance, 30).build())
            .update(
                "accounts",
                Map.of("id", s(from)),
                Update.builder().decrement(balance, 30).build(),
                Conditions.ge(balance, n("30")))
            .put("ledger", Map.of("pk", s(from), "sk", s("t9"), "amount", n("30")))
            .conditionCheck(
                "accounts",
                Map.of("id", s("missing-" + from)),
                Conditions.attributeExists(Path.of("id")));

    TransactionException e =
        catchThrowableOfType(TransactionException.class, () -> transaction.execute(sdk));

    assertThat(e.kind()).isEqualTo(TransactionException.Kind.TRANSACTION_CANCELED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.context().operation()).isEqualTo("TransactWriteItems");
    assertThat(e.cancellationReasons())
        .extracting(r -> r.code())
        .containsExactly("None", "ConditionalCheckFailed", "None", "ConditionalCheckFailed");
    assertThat(e.failures()).hasSize(2);
    TransactionException.Failure update = e.failures().get(0);
    assertThat(update.index()).isEqualTo(1);
    assertThat(update.action()).isEqualTo("Update");
    assertThat(update.table()).isEqualTo("accounts");
    assertThat(update.key()).isEqualTo(Map.of("id", s(from)));
    assertThat(update.code()).isEqualTo("ConditionalCheckFailed");
    // DynamoDB Local's words, without a full stop for an update and with one for a check.
    assertThat(update.message()).isEqualTo("The conditional request failed");
    assertThat(update.item()).isEqualTo(fromItem);
    TransactionException.Failure check = e.failures().get(1);
    assertThat(check.index()).isEqualTo(3);
    assertThat(check.action()).isEqualTo("ConditionCheck");
    assertThat(check.key()).isEqualTo(Map.of("id", s("missing-" + from)));
    assertThat(check.item()).isNull();
    assertThat(e.getMessage())
        .contains(
            "failed actions: [[1] Update on 'accounts': ConditionalCheckFailed (The conditional"
                + " request failed), [3] ConditionCheck on 'accounts': ConditionalCheckFailed (The"
                + " conditional request failed.)]")
        .doesNotContain(from)
        .doesNotContain("secret-77");
    assertThat(update.toString()).doesNotContain(from).doesNotContain("secret");
    assertThat(balance(sdk, to)).isEqualTo("0");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void theSameTransactionSentTwiceAppliesOnce(String target) {
    DynamoDbClient sdk = client(target);
    String account = id("acc");
    sdk.putItem(b -> b.tableName("accounts").item(Map.of("id", s(account), "balance", n("1"))));
    Transaction transaction =
        new Transaction()
            .update(
                "accounts",
                Map.of("id", s(account)),
                Update.builder().add(Path.of("balance"), n("1")).build());
    transaction.execute(sdk);
    transaction.execute(sdk);
    assertThat(balance(sdk, account)).isEqualTo("2");
    assertThat(UUID.fromString(transaction.clientRequestToken())).isNotNull();
    assertThat(new Transaction().clientRequestToken())
        .isNotEqualTo(transaction.clientRequestToken());
  }

  @Test
  void twoActionsOnOneItemAreRefusedBeforeSending() {
    DynamoDbClient sdk = engine.client();
    Transaction twice =
        new Transaction()
            .put("accounts", Map.of("id", s("same"), "balance", n("1")))
            .put("ledger", Map.of("pk", s("same"), "sk", s("x")))
            .update(
                "accounts",
                Map.of("id", s("same")),
                Update.builder().remove(Path.of("balance")).build());
    RequestValidationException e =
        catchThrowableOfType(RequestValidationException.class, () -> twice.execute(sdk));
    assertThat(e)
        .hasMessage(
            "TransactWriteItems on table 'accounts' failed: Transaction request cannot include"
                + " multiple operations on one item (actions 0 and 2)");
    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_ARGUMENT);
    assertThat(sdk.getItem(b -> b.tableName("accounts").key(Map.of("id", s("same")))).hasItem())
        .isFalse();

    // One number spelled two ways, the key's attributes in another order: still one item.
    Transaction numbers =
        new Transaction()
            .keyAttributes("ledger", "pk", "sk")
            .delete("ledger", Map.of("pk", s("p"), "sk", n("1")))
            .conditionCheck(
                "ledger",
                Map.of("sk", n("1.0"), "pk", s("p")),
                Conditions.attributeExists(Path.of("pk")));
    assertThatThrownBy(() -> numbers.execute(sdk)).hasMessageEndingWith("(actions 0 and 1)");
  }

  @Test
  void aPutWithoutItsKeyBesideAnotherActionIsRefusedBeforeSending() {
    Transaction transaction =
        new Transaction()
            .put("ledger", Map.of("pk", s("p"), "amount", n("1")))
            .delete("ledger", Map.of("pk", s("p"), "sk", s("x")));
    RequestValidationException e =
        catchThrowableOfType(
            RequestValidationException.class, () -> transaction.execute(engine.client()));
    assertThat(e)
        .hasMessage(
            "TransactWriteItems on table 'ledger' failed: One of the required keys was not given a"
                + " value (the item has no 'sk')");
    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.MISSING_REQUIRED_KEY);
  }

  @Test
  void moreThanAHundredActionsOrNoneAreRefused() {
    Transaction full = new Transaction();
    for (int i = 0; i < 100; i++) {
      full.delete("accounts", Map.of("id", s("a" + i)));
    }
    assertThatThrownBy(() -> full.delete("accounts", Map.of("id", s("one-more"))))
        .isInstanceOf(RequestValidationException.class)
        .hasMessage(
            "TransactWriteItems on table 'accounts' failed: a transaction holds at most 100 actions")
        .satisfies(
            e ->
                assertThat(((RequestValidationException) e).kind())
                    .isEqualTo(RequestValidationException.Kind.LIMIT_EXCEEDED));
    full.execute(engine.client());
    assertThatThrownBy(() -> new Transaction().execute(engine.client()))
        .isInstanceOf(RequestValidationException.class)
        .hasMessage("TransactWriteItems failed: a transaction needs at least one action");
  }

  @Test
  void eachActionHasPlaceholdersOfItsOwn() {
    TransactWriteItemsRequest request =
        new Transaction()
            .clientRequestToken("token-1")
            .returnValuesOnConditionCheckFailure()
            .put("accounts", Map.of("id", s("a")))
            .put("accounts", Map.of("id", s("b")), Conditions.attributeNotExists(Path.of("id")))
            .update(
                "accounts",
                Map.of("id", s("c")),
                Update.builder().set(Path.of("status"), s("x")).build(),
                Conditions.eq(Path.of("status"), s("y")))
            .delete("accounts", Map.of("id", s("d")), Conditions.attributeExists(Path.of("size")))
            .request();
    assertThat(request.clientRequestToken()).isEqualTo("token-1");
    assertThat(request.transactItems().get(0).put().conditionExpression()).isNull();
    assertThat(request.transactItems().get(0).put().hasExpressionAttributeNames()).isFalse();
    assertThat(request.transactItems().get(0).put().returnValuesOnConditionCheckFailureAsString())
        .isNull();
    assertThat(request.transactItems().get(1).put().conditionExpression())
        .isEqualTo("attribute_not_exists(#n0)");
    assertThat(request.transactItems().get(1).put().returnValuesOnConditionCheckFailureAsString())
        .isEqualTo("ALL_OLD");
    var update = request.transactItems().get(2).update();
    assertThat(update.updateExpression()).isEqualTo("SET #n0 = :v0");
    assertThat(update.conditionExpression()).isEqualTo("#n0 = :v1");
    assertThat(update.expressionAttributeNames()).isEqualTo(Map.of("#n0", "status"));
    assertThat(request.transactItems().get(3).delete().expressionAttributeNames())
        .isEqualTo(Map.of("#n0", "size"));
    assertThat(request.transactItems().get(3).delete().hasExpressionAttributeValues()).isFalse();
  }

  @Test
  void tokensAndKeysAreChecked() {
    assertThatThrownBy(() -> new Transaction().clientRequestToken(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A client request token has 1 to 36 characters, not 0");
    assertThatThrownBy(() -> new Transaction().clientRequestToken("x".repeat(37)))
        .hasMessage("A client request token has 1 to 36 characters, not 37");
    assertThatThrownBy(() -> new Transaction().keyAttributes("t"))
        .hasMessage("A key has at least one attribute (table 't')");
    assertThatThrownBy(() -> new Transaction().conditionCheck("t", Map.of(), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void otherFailuresOfAPlainClientPassUnchanged() {
    Transaction transaction = new Transaction().delete("no-such-table", Map.of("id", s("a")));
    assertThatThrownBy(() -> transaction.execute(engine.client()))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
