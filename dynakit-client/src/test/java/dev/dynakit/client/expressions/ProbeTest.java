package dev.dynakit.client.expressions;

import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import dev.dynakit.engine.DynakitEngine;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProbeTest {
  @Test
  void probe() {
    try (DynamoDbLocalServer local = DynamoDbLocalServer.start();
        DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient l =
          DynamoDbClient.builder()
              .endpointOverride(URI.create(local.endpoint()))
              .region(Region.EU_WEST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
              .build();
      for (DynamoDbClient sdk : List.of(l, engine.client())) {
        Adapters.createTable(sdk, "ttt", "pk");
        sdk.putItem(
            b ->
                b.tableName("ttt")
                    .item(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("x"),
                            "m",
                            AttributeValue.fromM(Map.of()),
                            "n",
                            AttributeValue.fromN("1"))));
        for (String f :
            List.of(
                "a <> b",
                "a <> b.c",
                "a.c <> b.c",
                "a <> a.c",
                "a[0] <> b",
                "m.x <> m.y",
                "m.x <> b",
                "n.x <> b",
                "n <> a.c",
                "a.c <> :v",
                "a <> :v",
                "size(a) <> :v",
                "size(a.c) <> :v",
                "NOT (a.c = :v)")) {
          int count =
              sdk.scan(
                      b -> {
                        b.tableName("ttt").filterExpression(f);
                        if (f.contains(":v"))
                          b.expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")));
                      })
                  .count();
          System.out.println(
              "PROBE " + (sdk == l ? "local " : "engine") + " " + f + " -> " + count);
        }
      }
    }
  }
}
