package dev.dynakit.client;

import dev.dynakit.client.observability.Observability;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The dynakit adapter: one thread-safe object that talks to any DynamoDB endpoint (AWS, DynamoDB
 * Local, ScyllaDB Alternator, the embedded engine) through one SDK client kept for its lifetime.
 *
 * <pre>{@code
 * try (Dynakit dynakit = Dynakit.fromEnvironment()) {
 *   dynakit.sdk().listTables();
 * }
 * }</pre>
 */
public final class Dynakit implements AutoCloseable {
  private final DynamoDbClient sdk;
  private final List<AutoCloseable> owned;

  private Dynakit(DynamoDbClient sdk, List<AutoCloseable> owned) {
    this.sdk = sdk;
    this.owned = owned;
  }

  /** An adapter configured from the environment, the AWS profile and the defaults. */
  public static Dynakit fromEnvironment() {
    return builder().build();
  }

  /** Starts configuring an adapter: settings given here win over the environment and profile. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The SDK client every call goes through, with the adapter's behaviour installed as SDK
   * extensions (policy, retries, circuit breaker, metrics, tracing, record/replay).
   */
  public DynamoDbClient sdk() {
    return sdk;
  }

  /** Closes the SDK client and whatever the adapter started for it (an embedded engine). */
  @Override
  public void close() {
    sdk.close();
    for (AutoCloseable closeable : owned) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort: one part failing to close must not keep the others open.
      }
    }
  }

  /** Configures a {@link Dynakit}; {@link #build()} checks every setting and fails fast. */
  public static final class Builder {
    private String endpoint;
    private String region;
    private AwsCredentialsProvider credentials;
    private SdkHttpClient httpClient;
    private Map<String, String> environment = System.getenv();
    private Clock clock = Clock.systemUTC();
    private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
    // observability: where metrics and spans go (none by default)
    private MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry;

    private Builder() {}

    /**
     * The endpoint: an {@code http(s)://} URL, {@code embedded:} for an in-memory engine or {@code
     * embedded:<dir>} for a durable one (needs an engine provider on the class path).
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** The AWS region, such as {@code eu-west-1}. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Credentials to sign with, instead of those the configuration names. */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The HTTP client requests go through, instead of the SDK's default. */
    public Builder httpClient(SdkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** The environment variables to read (default: this process's). */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** The clock for everything time-dependent (backoff, breaker, credentials refresh). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds an SDK interceptor, run after the adapter's own. */
    public Builder addInterceptor(ExecutionInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    // observability: metrics and tracing settings
    /**
     * Records the observability meters ({@code dynamodb_operations_total} and the others) on this
     * registry. Default: no registry, no metrics, no cost.
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * Traces every call as a CLIENT span ({@code dynamodb.get_item}, ...) on this OpenTelemetry.
     * Default: none, no spans.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    Map<String, String> environment() {
      return environment;
    }

    Clock clock() {
      return clock;
    }

    /** Builds the adapter. */
    public Dynakit build() {
      List<AutoCloseable> owned = new ArrayList<>();
      ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
      // observability: metrics, spans and logs; first, so its span is current for the others
      override.addExecutionInterceptor(
          Observability.interceptor(meterRegistry, openTelemetry, clock));
      interceptors.forEach(override::addExecutionInterceptor);
      DynamoDbClientBuilder sdk =
          DynamoDbClient.builder()
              .region(Region.of(region == null ? "us-east-1" : region))
              .overrideConfiguration(override.build());
      if (endpoint != null) {
        sdk.endpointOverride(URI.create(endpoint));
      }
      if (credentials != null) {
        sdk.credentialsProvider(credentials);
      }
      if (httpClient != null) {
        sdk.httpClient(httpClient);
      }
      return new Dynakit(sdk.build(), owned);
    }
  }
}
