package dev.dynakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.PolicyViolationException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
  @DynakitTest
  @DynakitTable(name = "orders", pk = "id:S")
  class OverHttp {
    @Test
    void theEndpointServesTheSameEngineToAClientBuiltFromAUrl(URI endpoint, DynamoDbClient client) {
      client.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1"))));
      try (DynamoDbClient overHttp =
          DynamoDbClient.builder()
              .endpointOverride(endpoint)
              .region(Region.US_EAST_1)
              .httpClient(UrlConnectionHttpClient.create())
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
              .build()) {
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(overHttp.scan(b -> b.tableName("orders")).items())
            .containsExactly(Map.of("id", AttributeValue.fromS("o-1")));
      }
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
