package dev.dynakit.client.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.verbs.Verbs;
import dev.dynakit.engine.DynakitEngine;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AdapterManifestTest {
  @Test
  void theApiAnswersWhatTheResourceSays() throws Exception {
    JsonNode json;
    try (InputStream in = AdapterManifest.class.getResourceAsStream(AdapterManifest.RESOURCE)) {
      json = new ObjectMapper().readTree(in);
    }
    AdapterManifest manifest = AdapterManifest.load();
    assertThat(manifest.name()).isEqualTo(json.get("name").asText()).isEqualTo("dynamodb");
    assertThat(manifest.privilegeTier())
        .isEqualTo(json.get("privilege_tier").asText())
        .isEqualTo("network");
    assertThat(manifest.destructive()).isEqualTo(json.get("destructive").asBoolean()).isTrue();
    assertThat(manifest.networkFacing()).isEqualTo(json.get("network_facing").asBoolean()).isTrue();
    assertThat(manifest.sandboxSafe()).isEqualTo(json.get("sandbox_safe").asBoolean()).isFalse();
    assertThat(manifest.verbs()).isEqualTo(texts(json.get("verbs")));
    assertThat(manifest.reservedVerbs()).isEqualTo(texts(json.get("reserved_verbs")));
    assertThat(manifest.writeVerbs()).isEqualTo(texts(json.get("write_verbs")));
    assertThat(manifest.toString()).startsWith("AdapterManifest[dynamodb, privilege_tier=network");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  @Test
  void theVerbListIsTheVerbsImplemented() {
    try (DynamoDbClient sdk = DynamoDbClient.builder().region(Region.EU_WEST_1).build()) {
      Verbs verbs = new Verbs(sdk, false);
      assertThat(AdapterManifest.load().verbs()).isEqualTo(verbs.names());
      assertThat(AdapterManifest.load().reservedVerbs()).isEqualTo(Verbs.RESERVED);
    }
  }

  @Test
  void theWriteVerbsAreExactlyThoseRefusedWithoutAllowWrite() {
    CountingHttpClient network;
    List<String> refused = new ArrayList<>();
    Map<String, Map<String, Object>> sample =
        Map.ofEntries(
            Map.entry("get", Map.of("table", "things", "key", Map.of("id", "1"))),
            Map.entry("put", Map.of("table", "things", "item", Map.of("id", "1"))),
            Map.entry(
                "update",
                Map.of(
                    "table",
                    "things",
                    "key",
                    Map.of("id", "1"),
                    "update",
                    "SET a = :a",
                    "values",
                    Map.of(":a", 1))),
            Map.entry("delete", Map.of("table", "things", "key", Map.of("id", "1"))),
            Map.entry(
                "query",
                Map.of("table", "things", "key_condition", "id = :i", "values", Map.of(":i", "1"))),
            Map.entry("scan", Map.of("table", "things")),
            Map.entry(
                "batch_get",
                Map.of("requests", Map.of("things", Map.of("keys", List.of(Map.of("id", "1")))))),
            Map.entry(
                "batch_write",
                Map.of("requests", Map.of("things", List.of(Map.of("delete", Map.of("id", "1")))))),
            Map.entry(
                "transact_get",
                Map.of("items", List.of(Map.of("table", "things", "key", Map.of("id", "1"))))),
            Map.entry(
                "transact_write",
                Map.of(
                    "items",
                    List.of(
                        Map.of("delete", Map.of("table", "things", "key", Map.of("id", "1")))))),
            Map.entry("describe_table", Map.of("table", "things")),
            Map.entry("list_tables", Map.of()));
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      engine
          .client()
          .createTable(
              b ->
                  b.tableName("things")
                      .billingMode("PAY_PER_REQUEST")
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH")));
      network = new CountingHttpClient(engine.httpClient());
      try (dev.dynakit.client.Dynakit dynakit =
          dev.dynakit.client.Dynakit.builder()
              .endpoint("http://localhost:8000")
              .region("eu-west-1")
              .environment(Map.of())
              .credentials(
                  software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                      software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")))
              .httpClient(network)
              .build()) {
        for (String verb : AdapterManifest.load().verbs()) {
          try {
            // The control-plane verbs go without arguments: a read is sent (and refused by the
            // engine), a write is refused before it is sent.
            dynakit.call(verb, sample.getOrDefault(verb, Map.of()));
          } catch (PolicyViolationException e) {
            assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.WRITE_NOT_ALLOWED);
            refused.add(verb);
          } catch (dev.dynakit.client.errors.DynakitException e) {
            assertThat(sample).doesNotContainKey(verb);
          }
        }
      }
    }
    assertThat(refused).isEqualTo(AdapterManifest.load().writeVerbs());
    assertThat(network.requests())
        .isEqualTo(AdapterManifest.load().verbs().size() - refused.size());
  }
}
