package dev.dynakit.client.observability;

import dev.dynakit.client.Dynakit;
import dev.dynakit.engine.DynakitEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An engine with the test tables, and the ways these tests talk to it. */
final class Fixture implements AutoCloseable {
  /** Key values carry this marker so the suite's log scan can prove they never reach a log. */
  static final String KEY = "KEY-MARKER-";

  /** Secrets carry this marker so the suite's log scan can prove they never reach a log. */
  static final String SECRET = "SECRET-MARKER-";

  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDOBSERVE", SECRET + "observability-secret-key"));

  final DynakitEngine engine = DynakitEngine.inMemory();
  final FaultInjector http = new FaultInjector(engine.httpClient());

  Fixture() {
    DynamoDbClient setup = engine.client();
    setup.createTable(
        b ->
            b.tableName("things")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    setup.createTable(
        b ->
            b.tableName("orders")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    a -> a.attributeName("customer").attributeType("S"),
                    a -> a.attributeName("number").attributeType("N"),
                    a -> a.attributeName("status").attributeType("S"))
                .keySchema(
                    k -> k.attributeName("customer").keyType("HASH"),
                    k -> k.attributeName("number").keyType("RANGE"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_status")
                            .keySchema(
                                k -> k.attributeName("status").keyType("HASH"),
                                k -> k.attributeName("number").keyType("RANGE"))
                            .projection(p -> p.projectionType("ALL"))));
  }

  /** An adapter on the engine through the whole SDK pipeline. */
  Dynakit dynakit(MeterRegistry registry, OpenTelemetry openTelemetry) {
    Dynakit.Builder builder =
        Dynakit.builder()
            .endpoint("http://localhost:8000")
            .region("eu-west-1")
            .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
            .credentials(CREDENTIALS)
            .httpClient(http);
    if (registry != null) {
      builder.meterRegistry(registry);
    }
    if (openTelemetry != null) {
      builder.openTelemetry(openTelemetry);
    }
    return builder.build();
  }

  /**
   * A plain SDK client with the observability interceptor (after {@code first}, if given) and the
   * SDK's standard retries without delays, so retried calls run without waiting.
   */
  DynamoDbClient retryingClient(
      MeterRegistry registry,
      OpenTelemetry openTelemetry,
      int maxAttempts,
      ExecutionInterceptor first) {
    return retryingClient(registry, openTelemetry, maxAttempts, first, null);
  }

  /** As above, with {@code last} (if given) installed after the observability interceptor. */
  DynamoDbClient retryingClient(
      MeterRegistry registry,
      OpenTelemetry openTelemetry,
      int maxAttempts,
      ExecutionInterceptor first,
      ExecutionInterceptor last) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create("http://localhost:8000"))
        .region(Region.EU_WEST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(http)
        .overrideConfiguration(
            c -> {
              if (first != null) {
                c.addExecutionInterceptor(first);
              }
              c.addExecutionInterceptor(
                  Observability.interceptor(registry, openTelemetry, Clock.systemUTC()));
              if (last != null) {
                c.addExecutionInterceptor(last);
              }
              c.retryStrategy(
                  StandardRetryStrategy.builder()
                      .maxAttempts(maxAttempts)
                      .backoffStrategy(BackoffStrategy.retryImmediately())
                      .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                      .circuitBreakerEnabled(false)
                      .useClientDefaults(false)
                      .retryOnException(Fixture::retryable)
                      .build());
            })
        .build();
  }

  private static boolean retryable(Throwable error) {
    if (error instanceof SdkClientException && error.getCause() instanceof java.io.IOException) {
      return true;
    }
    if (!(error instanceof AwsServiceException)) {
      return false;
    }
    AwsServiceException service = (AwsServiceException) error;
    return service.isThrottlingException() || service.statusCode() >= 500;
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  @Override
  public void close() {
    engine.close();
  }
}
