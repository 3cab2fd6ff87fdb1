package dev.dynakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EngineScopeTest {
  private static DynakitEngine previous;

  static void put(DynamoDbClient client, String id) {
    client.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS(id))));
  }

  static int count(DynamoDbClient client) {
    return client.scan(b -> b.tableName("things")).count();
  }

  @Nested
  @DynakitTest
  @DynakitTable(name = "things", pk = "id:S")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerTest {
    @Test
    @Order(1)
    void theFirstTestWrites(DynamoDbClient client, DynakitEngine engine) {
      put(client, "a");
      assertThat(count(client)).isEqualTo(1);
      previous = engine;
    }

    @Test
    @Order(2)
    void theSecondTestGetsAFreshEngineWithTheSameTables(
        DynamoDbClient client, DynakitEngine engine) {
      assertThat(engine).isNotSameAs(previous);
      assertThat(count(client)).isZero();
      assertThat(client.listTables().tableNames()).containsExactly("things");
    }

    @Test
    @Order(3)
    @DynakitTable(name = "extra", pk = "k:N")
    void aTestMayAddTablesOfItsOwn(DynamoDbClient client) {
      assertThat(client.listTables().tableNames()).containsExactly("extra", "things");
    }
  }

  @Nested
  @DynakitTest(engine = EngineScope.PER_CLASS)
  @DynakitTable(name = "things", pk = "id:S")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerClass {
    @Test
    @Order(1)
    void theFirstTestWrites(DynamoDbClient client, DynakitEngine engine) {
      put(client, "a");
      previous = engine;
    }

    @Test
    @Order(2)
    void theSecondTestSeesItsWrites(DynamoDbClient client, DynakitEngine engine) {
      assertThat(engine).isSameAs(previous);
      assertThat(count(client)).isEqualTo(1);
    }
  }
}
