package dev.dynakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class DynakitTest {
  @Test
  void talksToTheEngineThroughTheWholeSdkPipeline() {
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit dynakit =
            Dynakit.builder()
                .endpoint("http://localhost:8000")
                .region("eu-west-1")
                // policy: the test creates a table, so writes must be allowed
                .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
                .credentials(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClient(engine.httpClient())
                .build()) {
      dynakit
          .sdk()
          .createTable(
              b ->
                  b.tableName("things")
                      .billingMode("PAY_PER_REQUEST")
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH")));
      assertThat(dynakit.sdk().listTables().tableNames()).containsExactly("things");
    }
  }
}
