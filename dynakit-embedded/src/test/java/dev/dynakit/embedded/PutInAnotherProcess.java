package dev.dynakit.embedded;

import dev.dynakit.client.Dynakit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Run in a process of its own by {@link DurableEndpointTest}: opens the endpoint given, creates the
 * {@code orders} table unless it exists, puts one order, and exits, as a command-line put would.
 */
public final class PutInAnotherProcess {
  private PutInAnotherProcess() {}

  public static void main(String[] args) {
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
            .endpoint(args[0])
            .build()) {
      DynamoDbClient sdk = dynakit.sdk();
      if (!sdk.listTables().tableNames().contains("orders")) {
        sdk.createTable(
            b ->
                b.tableName("orders")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
      }
      sdk.putItem(
          b ->
              b.tableName("orders")
                  .item(
                      Map.of(
                          "id",
                          AttributeValue.fromS(args[1]),
                          "total",
                          AttributeValue.fromN(args[2]))));
    }
  }
}
