package dev.dynakit.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The ways tests reach an engine: in-process, or a stock SDK client over its HTTP protocol. */
final class Targets {
  private Targets() {}

  /**
   * A response as its modeled fields, recursively, so that responses compare by content whatever
   * client produced them (one from HTTP carries response metadata, one from the engine does not).
   */
  static Object canonical(Object value) {
    if (value instanceof SdkPojo pojo && !(value instanceof AttributeValue)) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("type", pojo.getClass().getSimpleName());
      for (SdkField<?> field : pojo.sdkFields()) {
        fields.put(field.memberName(), canonical(field.getValueOrDefault(pojo)));
      }
      return fields;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(element -> copy.add(canonical(element)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, element) -> copy.put(key, canonical(element)));
      return copy;
    }
    return value;
  }

  /**
   * The canonical response of a call, or the error it raised as its type, error code and message.
   */
  static Object outcome(DynamoDbClient client, Function<DynamoDbClient, Object> call) {
    try {
      return canonical(call.apply(client));
    } catch (DynamoDbException e) {
      return List.of(
          e.getClass().getSimpleName(),
          e.awsErrorDetails().errorCode(),
          e.awsErrorDetails().errorMessage());
    }
  }

  /** A stock SDK client whose every call goes through the engine's {@code httpClient()}. */
  static DynamoDbClient overHttp(DynakitEngine engine) {
    return DynamoDbClient.builder()
        .httpClient(engine.httpClient())
        .endpointOverride(URI.create("http://localhost:8000"))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .build();
  }
}
