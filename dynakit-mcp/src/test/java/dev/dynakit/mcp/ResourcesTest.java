package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.policy.Policy;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The table list and table descriptions as MCP resources, behind the same gates. */
class ResourcesTest {
  private HttpFixture fixture;
  private McpSyncClient client;

  @BeforeEach
  void start() {
    fixture = new HttpFixture(Policy.builder().allowTables("orders").build(), McpOptions.builder());
    client = fixture.client(HttpFixture.TOKEN);
  }

  @AfterEach
  void stop() {
    client.closeGracefully();
    fixture.close();
  }

  private String read(String uri) {
    return ((TextResourceContents)
            client.readResource(ReadResourceRequest.builder(uri).build()).contents().get(0))
        .text();
  }

  @Test
  void listsAndReadsTheTablesAndTheirDescriptions() {
    assertThat(
            client.listResources().resources().stream()
                .map(Resource::uri)
                .collect(Collectors.toList()))
        .containsExactly("dynakit://tables");
    assertThat(client.listResourceTemplates().resourceTemplates().get(0).uriTemplate())
        .isEqualTo("dynakit://tables/{table}");
    assertThat(Json.readObject(read("dynakit://tables")))
        .isEqualTo(Map.of("table_names", List.of("events", "orders", "secrets")));
    assertThat(read("dynakit://tables/orders")).contains("\"TableName\":\"orders\"");
    assertThatThrownBy(() -> read("dynakit://tables/secrets"))
        .hasMessageContaining("not on the allow-list");
  }
}
