package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.protocol.WireResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link DynakitEngine#handle}: one JSON 1.0 request in, its status and JSON body out. */
class HandleTest {
  private static String text(WireResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void answersAnOperationWithItsJsonResponse() {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      WireResponse created =
          engine.handle(
              "DynamoDB_20120810.CreateTable",
              json(
                  "{\"TableName\":\"tab\",\"BillingMode\":\"PAY_PER_REQUEST\","
                      + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
                      + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}"));
      assertThat(created.status()).isEqualTo(200);
      assertThat(text(created)).contains("\"TableName\":\"tab\"");
      WireResponse listed = engine.handle("DynamoDB_20120810.ListTables", new byte[0]);
      assertThat(text(listed)).isEqualTo("{\"TableNames\":[\"tab\"]}");
    }
  }

  @Test
  void answersDynamoDbsErrorsWithTheirStatus() {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      WireResponse unknown = engine.handle("DynamoDB_20120810.Nope", json("{}"));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(text(unknown)).contains("#UnknownOperationException");
      assertThat(engine.handle(null, json("{}")).status()).isEqualTo(400);
      WireResponse malformed = engine.handle("DynamoDB_20120810.ListTables", json("{"));
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(text(malformed)).contains("com.amazon.coral.service#SerializationException");
      WireResponse missing =
          engine.handle("DynamoDB_20120810.DescribeTable", json("{\"TableName\":\"missing\"}"));
      assertThat(missing.status()).isEqualTo(400);
      assertThat(text(missing)).contains("#ResourceNotFoundException");
    }
  }

  @Test
  void aBodyOfZeroBytesAndJsonIsASerializationException() {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      WireResponse response =
          engine.handle(
              "DynamoDB_20120810.UpdateItem", json("{\0\0\0\0\0\0\0\0\"TableName\":\"tab\"}"));
      assertThat(response.status()).isEqualTo(400);
      assertThat(text(response))
          .startsWith(
              "{\"__type\":\"com.amazon.coral.service#SerializationException\","
                  + "\"Message\":\"Invalid UTF-32 character");
    }
  }

  /**
   * Found by fuzzing: a key or attribute without its name failed with a NullPointerException; it is
   * refused as DynamoDB Local refuses it (IndexTablesTest compares the same cases with it).
   */
  @Test
  void createTableWithoutAnAttributeNameIsRefused() {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      String key = "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]";
      String noKeyName = "\"KeySchema\":[{\"KeyType\":\"HASH\"}]";
      String definition =
          "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]";
      String noDefinitionName = "\"AttributeDefinitions\":[{\"AttributeType\":\"S\"}]";
      for (String[] body :
          new String[][] {
            {noKeyName, definition}, {key, noDefinitionName}, {noKeyName, noDefinitionName}
          }) {
        WireResponse response =
            engine.handle(
                "DynamoDB_20120810.CreateTable",
                json(
                    "{\"TableName\":\"tab\",\"BillingMode\":\"PAY_PER_REQUEST\","
                        + body[0]
                        + ","
                        + body[1]
                        + "}"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response))
            .contains("ValidationException")
            .contains("Attribute name must be specified.");
      }
      assertThat(engine.client().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void aClosedEngineRefuses() {
    DynakitEngine engine = DynakitEngine.inMemory();
    engine.close();
    assertThatThrownBy(() -> engine.handle("DynamoDB_20120810.ListTables", json("{}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the engine is closed");
  }

  @Test
  void anOperationFoundByNameIsTheOneTheClientScanFinds() {
    for (dev.dynakit.engine.protocol.Operations.Operation operation :
        dev.dynakit.engine.protocol.Operations.all().values()) {
      assertThat(dev.dynakit.engine.protocol.Operations.byName(operation.name()))
          .isEqualTo(operation);
    }
    for (String name :
        new String[] {"Put", "Delete", "AttributeValue", "DynamoDb", "putItem", ""}) {
      assertThat(dev.dynakit.engine.protocol.Operations.byName(name)).as(name).isNull();
    }
  }
}
