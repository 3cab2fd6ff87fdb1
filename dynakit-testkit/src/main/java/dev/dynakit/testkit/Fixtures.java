package dev.dynakit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Loads JSON fixtures into an engine. A fixture is written in DynamoDB's own JSON, the request
 * bodies of its API, so it is sent to the engine as such (through its JSON protocol client), not
 * translated: {@code {"CreateTable": {...}, "Items": [...]}} or an array of those.
 */
final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  static void load(String resource, Class<?> testClass, SdkHttpClient engine) {
    JsonNode root = read(resource, testClass);
    List<JsonNode> tables = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(tables::add);
    } else {
      tables.add(root);
    }
    for (JsonNode table : tables) {
      JsonNode create = table.get("CreateTable");
      if (create == null || !create.isObject() || create.path("TableName").asText("").isEmpty()) {
        throw new ExtensionConfigurationException(
            "fixture '"
                + resource
                + "': each table needs \"CreateTable\": {\"TableName\": ..., ...} (a CreateTable"
                + " request in DynamoDB JSON)");
      }
      String name = create.get("TableName").asText();
      send(resource, engine, "CreateTable", create);
      int index = 0;
      for (JsonNode item : table.path("Items")) {
        ObjectNode put = JSON.createObjectNode();
        put.put("TableName", name);
        put.set("Item", item);
        try {
          send(resource, engine, "PutItem", put);
        } catch (ExtensionConfigurationException e) {
          throw new ExtensionConfigurationException(
              e.getMessage() + " (Items[" + index + "] of table '" + name + "')");
        }
        index++;
      }
    }
  }

  private static JsonNode read(String resource, Class<?> testClass) {
    String path = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = testClass.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new ExtensionConfigurationException(
            "fixture '" + resource + "' is not on the test class path");
      }
      return JSON.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ExtensionConfigurationException(
          "fixture '"
              + resource
              + "': not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture '" + resource + "'", e);
    }
  }

  private static void send(String resource, SdkHttpClient engine, String operation, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://localhost/"))
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
            .putHeader("Content-Length", Integer.toString(bytes.length))
            .build();
    try {
      HttpExecuteResponse response =
          engine
              .prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(request)
                      .contentStreamProvider(() -> new ByteArrayInputStream(bytes))
                      .build())
              .call();
      if (response.httpResponse().statusCode() != 200) {
        JsonNode error = JSON.readTree(response.responseBody().orElseThrow());
        String type = error.path("__type").asText("error");
        String message =
            error.has("Message") ? error.get("Message").asText() : error.path("message").asText();
        throw new ExtensionConfigurationException(
            "fixture '"
                + resource
                + "': "
                + operation
                + " failed: "
                + type.substring(type.indexOf('#') + 1)
                + ": "
                + message);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
