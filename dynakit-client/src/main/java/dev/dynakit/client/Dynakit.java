package dev.dynakit.client;

import dev.dynakit.client.errors.ErrorMappingClient;
import dev.dynakit.client.observability.Observability;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.client.policy.SecurityProfile;
import dev.dynakit.client.replay.Simulation;
import dev.dynakit.client.replay.SimulationMode;
import dev.dynakit.client.resilience.CircuitBreakerInterceptor;
import dev.dynakit.client.resilience.CircuitBreakerSettings;
import dev.dynakit.client.resilience.DynakitRetryStrategy;
import dev.dynakit.client.resilience.RetrySettings;
import dev.dynakit.client.verbs.Verbs;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
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
  // policy and verbs
  private final Policy policy;
  private final Verbs verbs;

  // Resilience: the circuit breaker every call goes through.
  private CircuitBreaker circuitBreaker;

  private Dynakit(DynamoDbClient sdk, List<AutoCloseable> owned, Policy policy, Verbs verbs) {
    this.sdk = sdk;
    this.owned = owned;
    this.policy = policy;
    this.verbs = verbs;
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

  // policy and verbs
  /** The policy every call is checked against ({@code allow_write}, table allow-list). */
  public Policy policy() {
    return policy;
  }

  /** The verbs, callable by name; {@link #call} and {@link #callJson} go through them. */
  public Verbs verbs() {
    return verbs;
  }

  /**
   * Runs a verb ({@code get}, {@code put}, {@code query}, ...) with snake_case arguments and plain
   * JSON values, and answers its normalized result. See {@link Verbs#call}.
   */
  public Map<String, Object> call(String verb, Map<String, Object> args) {
    return verbs.call(verb, args);
  }

  /** Runs a verb from JSON arguments and answers JSON. See {@link Verbs#callJson}. */
  public String callJson(String verb, String jsonArgs) {
    return verbs.callJson(verb, jsonArgs);
  }

  // Resilience: the circuit breaker's state for observability.
  /**
   * The circuit breaker every call goes through: its state, metrics and events (state transitions,
   * rejected calls). Disabled, and letting every call through, if the settings turned it off.
   */
  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
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
    // policy and verbs
    private Policy policy;
    private SecurityProfile securityProfile;
    private boolean consistentReadDefault;

    // Resilience: retries, circuit breaker, record/replay settings.
    private RetrySettings retry;
    private CircuitBreakerSettings circuitBreakerSettings;
    private SimulationMode simulationMode;
    private Path recording;

    // observability: where metrics and spans go (none by default)
    private MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry;

    private Builder() {}

    // policy and verbs
    /**
     * The policy (default: from {@code DYNAKIT_ALLOW_WRITE} and {@code DYNAKIT_ALLOW_TABLES}, else
     * read-only on every table).
     */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    // Resilience: builder settings.
    /**
     * The retry schedule per failure class (default {@link RetrySettings#defaults()}); {@code
     * DYNAKIT_MAX_ATTEMPTS} caps every class unless these settings have a cap of their own.
     */
    public Builder retry(RetrySettings retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * The security profile (default: from {@code DYNAKIT_SECURITY_PROFILE}, else {@code
     * unrestricted}); {@code sandbox_compute_and_store} makes {@link #build()} fail.
     */
    public Builder securityProfile(SecurityProfile securityProfile) {
      this.securityProfile = Objects.requireNonNull(securityProfile, "securityProfile");
      return this;
    }

    /** Whether verb reads are strongly consistent when a call does not say (default false). */
    public Builder consistentReadDefault(boolean consistentReadDefault) {
      this.consistentReadDefault = consistentReadDefault;
      return this;
    }

    /**
     * The circuit breaker's thresholds, instead of {@link CircuitBreakerSettings#defaults()} with
     * {@code DYNAKIT_CIRCUIT_BREAKER} (which turns it off with {@code false}).
     */
    public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
      this.circuitBreakerSettings = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
      return this;
    }

    /** Records every request and response to {@code file} (JSON lines), as {@code record} mode. */
    public Builder record(Path file) {
      this.simulationMode = SimulationMode.RECORD;
      this.recording = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Answers every request from {@code file}, a recording, with no network: {@code replay}. */
    public Builder replay(Path file) {
      this.simulationMode = SimulationMode.REPLAY;
      this.recording = Objects.requireNonNull(file, "file");
      return this;
    }

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
      // policy and verbs: the profile is checked first, the policy gate runs before everything
      (securityProfile != null ? securityProfile : SecurityProfile.fromEnvironment(environment))
          .checkAdapterAllowed();
      Policy resolvedPolicy = policy != null ? policy : Policy.fromEnvironment(environment);
      override.addExecutionInterceptor(resolvedPolicy.interceptor());
      // Resilience: the circuit breaker and the retry strategy.
      CircuitBreakerInterceptor breaker =
          CircuitBreakerInterceptor.create(
              "dynakit",
              circuitBreakerSettings == null
                  ? CircuitBreakerSettings.defaults().withEnvironment(environment)
                  : circuitBreakerSettings,
              clock);
      Simulation simulation = Simulation.resolve(simulationMode, recording, environment);
      override.addExecutionInterceptor(breaker);
      override.retryStrategy(
          new DynakitRetryStrategy(
              (retry == null ? RetrySettings.defaults() : retry).withEnvironment(environment)));
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
      // Resilience: record/replay wraps (or replaces) the HTTP client.
      if (simulation.mode() == SimulationMode.REPLAY && credentials == null) {
        sdk.credentialsProvider(AnonymousCredentialsProvider.create());
      }
      SdkHttpClient simulated = simulation.httpClient(httpClient, owned);
      if (simulated != null) {
        sdk.httpClient(simulated);
      }
      // Resilience: callers get DynakitExceptions; expose the breaker.
      DynamoDbClient client = ErrorMappingClient.wrap(sdk.build());
      Dynakit dynakit =
          new Dynakit(client, owned, resolvedPolicy, new Verbs(client, consistentReadDefault));
      dynakit.circuitBreaker = breaker.circuitBreaker();
      return dynakit;
    }
  }
}
