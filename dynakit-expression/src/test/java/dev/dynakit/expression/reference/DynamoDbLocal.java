package dev.dynakit.expression.reference;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Amazon DynamoDB Local, embedded in the test JVM: the reference that expression behaviour is
 * compared with. One in-memory instance is shared by every test of the JVM and shut down when the
 * JVM exits.
 *
 * <p>Tables it holds, all on-demand:
 *
 * <ul>
 *   <li>{@value #HASH_TABLE}: partition key {@code pk} (S)
 *   <li>{@value #STRING_RANGE_TABLE}: partition key {@code pk} (S), sort key {@code sk} (S)
 *   <li>{@value #NUMBER_RANGE_TABLE}: partition key {@code pk} (S), sort key {@code sk} (N)
 *   <li>{@value #BINARY_RANGE_TABLE}: partition key {@code pk} (S), sort key {@code sk} (B)
 * </ul>
 */
public final class DynamoDbLocal {
  public static final String HASH_TABLE = "hash";
  public static final String STRING_RANGE_TABLE = "range_s";
  public static final String NUMBER_RANGE_TABLE = "range_n";
  public static final String BINARY_RANGE_TABLE = "range_b";

  private DynamoDbLocal() {}

  /** The shared client, started on first use. */
  public static DynamoDbClient client() {
    return Holder.CLIENT;
  }

  private static final class Holder {
    static final DynamoDbClient CLIENT = start();

    private static DynamoDbClient start() {
      // The flag turns telemetry off; with it on, start-up waits on a network call.
      AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
      Runtime.getRuntime().addShutdownHook(new Thread(local::shutdownNow, "dynamodb-local-stop"));
      DynamoDbClient client = local.dynamoDbClient();
      createTable(client, HASH_TABLE, null);
      createTable(client, STRING_RANGE_TABLE, ScalarAttributeType.S);
      createTable(client, NUMBER_RANGE_TABLE, ScalarAttributeType.N);
      createTable(client, BINARY_RANGE_TABLE, ScalarAttributeType.B);
      return client;
    }

    private static void createTable(
        DynamoDbClient client, String name, ScalarAttributeType sortKeyType) {
      var definitions =
          sortKeyType == null
              ? List.of(attribute("pk", ScalarAttributeType.S))
              : List.of(attribute("pk", ScalarAttributeType.S), attribute("sk", sortKeyType));
      var keys =
          sortKeyType == null
              ? List.of(key("pk", KeyType.HASH))
              : List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
      client.createTable(
          b ->
              b.tableName(name)
                  .attributeDefinitions(definitions)
                  .keySchema(keys)
                  .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
      return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
      return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
  }
}
