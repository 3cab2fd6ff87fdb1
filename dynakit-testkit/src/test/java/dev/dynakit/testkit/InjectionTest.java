package dev.dynakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.PolicyViolationException;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class InjectionTest {
  @Nested
  @DynakitTest
  @DynakitTable(name = "orders", pk = "id:S")
  class WithTheAnnotation {
    @Test
    void theAdapterWritesByDefaultAndSeesTheSameEngine(Dynakit dynakit, DynamoDbClient client) {
      dynakit.call("put", Map.of("table", "orders", "item", Map.of("id", "o-1", "total", 12)));
      assertThat(client.scan(b -> b.tableName("orders")).count()).isEqualTo(1);
      assertThat(dynakit.call("get", Map.of("table", "orders", "key", Map.of("id", "o-1"))))
          .isEqualTo(Map.of("item", Map.of("id", "o-1", "total", 12L)));
    }
  }

  @Nested
  @DynakitTest(allowWrite = false)
  @DynakitTable(name = "orders", pk = "id:S")
  class ReadOnly {
    @Test
    void theAdaptersWritesAreRefused(Dynakit dynakit, DynamoDbClient client) {
      assertThatThrownBy(
              () -> dynakit.call("put", Map.of("table", "orders", "item", Map.of("id", "o-1"))))
          .isInstanceOf(PolicyViolationException.class);
      assertThat(client.scan(b -> b.tableName("orders")).count()).isZero();
    }
  }

  @Nested
  @ExtendWith(DynakitExtension.class)
  class WithTheExtensionAlone {
    @Test
    void anEmptyEngineIsInjected(DynamoDbClient client) {
      assertThat(client.listTables().tableNames()).isEmpty();
    }
  }
}
