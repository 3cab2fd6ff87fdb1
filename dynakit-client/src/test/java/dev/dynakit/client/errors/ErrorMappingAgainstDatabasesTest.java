package dev.dynakit.client.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.resilience.RetrySettings;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The errors the databases themselves produce, mapped through the whole SDK pipeline: the
 * in-process engine and DynamoDB Local must map alike.
 */
class ErrorMappingAgainstDatabasesTest {
  private static DynakitEngine engine;
  private static DynamoDbLocalServer local;
  private static Dynakit onEngine;
  private static Dynakit onLocal;

  @BeforeAll
  static void start() {
    engine = DynakitEngine.inMemory();
    onEngine = Adapters.over(engine.httpClient()).retry(RetrySettings.none()).build();
    local = DynamoDbLocalServer.start();
    onLocal =
        Dynakit.builder()
            .endpoint(local.endpoint())
            .region("eu-west-1")
            .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
            .credentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .retry(RetrySettings.none())
            .build();
    for (Dynakit dynakit : new Dynakit[] {onEngine, onLocal}) {
      Adapters.createTable(dynakit.sdk(), "orders", false);
      Adapters.createTable(dynakit.sdk(), "lines", true);
    }
  }

  @AfterAll
  static void stop() {
    onEngine.close();
    onLocal.close();
    engine.close();
    local.close();
  }

  static Stream<String> targets() {
    return Stream.of("engine", "dynamodb-local");
  }

  private static DynamoDbClient client(String target) {
    return (target.equals("engine") ? onEngine : onLocal).sdk();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  @Test
  void aMissingResourcePolicyIsAResourceNotFoundOfItsTable() {
    // DynamoDB Local serves no resource-based policy: the engine only.
    ServiceException e =
        catchThrowableOfType(
            ServiceException.class,
            () ->
                onEngine
                    .sdk()
                    .getResourcePolicy(
                        b ->
                            b.resourceArn("arn:aws:dynamodb:us-east-1:000000000000:table/orders")));
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(ServiceException.Kind.RESOURCE_NOT_FOUND);
    assertThat(e.retryable()).isFalse();
    assertThat(e.context().table()).isEqualTo("orders");
    assertThat(e.context().awsErrorCode()).isEqualTo("PolicyNotFoundException");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aFailedConditionKeepsTheOldItemButNeverShowsIt(String target) {
    DynamoDbClient sdk = client(target);
    sdk.putItem(b -> b.tableName("orders").item(Map.of("pk", s("o-1"), "note", s("secret-42"))));

    ConditionalCheckException e =
        catchThrowableOfType(
            ConditionalCheckException.class,
            () ->
                sdk.putItem(
                    b ->
                        b.tableName("orders")
                            .item(Map.of("pk", s("o-1")))
                            .conditionExpression("attribute_not_exists(pk)")
                            .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)));

    assertThat(e.kind()).isEqualTo(ConditionalCheckException.Kind.CONDITION_FAILED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.context().operation()).isEqualTo("PutItem");
    assertThat(e.context().table()).isEqualTo("orders");
    assertThat(e.context().awsErrorCode()).isEqualTo("ConditionalCheckFailedException");
    assertThat(e.context().statusCode()).isEqualTo(400);
    assertThat(e.context().requestId()).isNotBlank();
    assertThat(e.item())
        .hasValueSatisfying(item -> assertThat(item.get("note")).isEqualTo(s("secret-42")));
    assertThat(e.getMessage()).contains("PutItem", "orders").doesNotContain("secret-42", "o-1");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aConditionWithoutReturnValuesHasNoItem(String target) {
    DynamoDbClient sdk = client(target);
    sdk.putItem(b -> b.tableName("orders").item(Map.of("pk", s("o-2"))));

    ConditionalCheckException e =
        catchThrowableOfType(
            ConditionalCheckException.class,
            () ->
                sdk.deleteItem(
                    b ->
                        b.tableName("orders")
                            .key(Map.of("pk", s("o-2")))
                            .conditionExpression("attribute_exists(nothing)")));

    assertThat(e.item()).isEmpty();
    assertThat(e.context().operation()).isEqualTo("DeleteItem");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aMissingTableIsAServiceErrorThatIsNotRetried(String target) {
    ServiceException e =
        catchThrowableOfType(
            ServiceException.class,
            () -> client(target).getItem(b -> b.tableName("nowhere").key(Map.of("pk", s("x")))));

    assertThat(e.kind()).as(e.getMessage()).isEqualTo(ServiceException.Kind.RESOURCE_NOT_FOUND);
    assertThat(e.retryable()).isFalse();
    assertThat(e.context().table()).isEqualTo("nowhere");
    assertThat(e.context().operation()).isEqualTo("GetItem");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aKeyOfTheWrongTypeIsAnInvalidKey(String target) {
    RequestValidationException e =
        catchThrowableOfType(
            RequestValidationException.class,
            () ->
                client(target)
                    .getItem(
                        b -> b.tableName("orders").key(Map.of("pk", AttributeValue.fromN("7")))));

    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_KEY);
    assertThat(e.retryable()).isFalse();
    assertThat(e.context().awsErrorCode()).isEqualTo("ValidationException");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aKeyMissingItsSortKeyIsAnInvalidKey(String target) {
    RequestValidationException e =
        catchThrowableOfType(
            RequestValidationException.class,
            () -> client(target).getItem(b -> b.tableName("lines").key(Map.of("pk", s("a")))));

    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_KEY);
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aBrokenExpressionIsAnInvalidExpression(String target) {
    RequestValidationException e =
        catchThrowableOfType(
            RequestValidationException.class,
            () ->
                client(target)
                    .updateItem(
                        b ->
                            b.tableName("orders")
                                .key(Map.of("pk", s("o-3")))
                                .updateExpression("SET = :v")
                                .expressionAttributeValues(Map.of(":v", s("x")))));

    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_EXPRESSION);
    assertThat(e.context().operation()).isEqualTo("UpdateItem");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void anItemOverFourHundredKilobytesIsTooLarge(String target) {
    String big = "x".repeat(410 * 1024);
    ItemException e =
        catchThrowableOfType(
            ItemException.class,
            () ->
                client(target)
                    .putItem(b -> b.tableName("orders").item(Map.of("pk", s("big"), "v", s(big)))));

    assertThat(e.kind()).isEqualTo(ItemException.Kind.ITEM_TOO_LARGE);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).doesNotContain("xxxxxxxx");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aCanceledTransactionKeepsItsReasonsAndIsNotRetriedForAFailedCondition(String target) {
    DynamoDbClient sdk = client(target);
    sdk.putItem(b -> b.tableName("orders").item(Map.of("pk", s("t-1"))));

    TransactionException e =
        catchThrowableOfType(
            TransactionException.class,
            () ->
                sdk.transactWriteItems(
                    b ->
                        b.transactItems(
                            t -> t.put(p -> p.tableName("orders").item(Map.of("pk", s("t-2")))),
                            t ->
                                t.conditionCheck(
                                    c ->
                                        c.tableName("orders")
                                            .key(Map.of("pk", s("t-1")))
                                            .conditionExpression("attribute_not_exists(pk)")))));

    assertThat(e.kind()).isEqualTo(TransactionException.Kind.TRANSACTION_CANCELED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.context().operation()).isEqualTo("TransactWriteItems");
    assertThat(e.context().table()).isEqualTo("orders");
    assertThat(e.cancellationReasons())
        .extracting(r -> r.code())
        .containsExactly("None", "ConditionalCheckFailed");
  }
}
