package dev.dynakit.client.testing;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Adapters for tests: the whole SDK pipeline over a given HTTP client, no outside environment. */
public final class Adapters {
  private Adapters() {}

  /**
   * A builder sending every call through {@code http}, with test credentials and writes allowed
   * (the tests using it create tables and write; policy has tests of its own).
   */
  public static Dynakit.Builder over(SdkHttpClient http) {
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("eu-west-1")
        .environment(Map.of())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .httpClient(http)
        .policy(Policy.builder().allowWrite(true).build());
  }

  /** Creates an on-demand table keyed by the string attribute {@code key} alone. */
  public static void createTable(DynamoDbClient client, String table, String key) {
    client.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName(key).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(key).keyType(KeyType.HASH)));
  }

  /** Creates an on-demand table keyed by the string {@code pk} (and {@code sk} if asked). */
  public static void createTable(DynamoDbClient client, String table, boolean sortKey) {
    client.createTable(
        b -> {
          b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST);
          if (sortKey) {
            b.attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE));
          } else {
            b.attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH));
          }
        });
  }
}
