package dev.dynakit.client;

import dev.dynakit.client.batch.Batches;
import dev.dynakit.client.config.ConfigResolver;
import dev.dynakit.client.config.DynakitConfig;
import dev.dynakit.client.config.Overrides;
import dev.dynakit.client.config.Switches;
import dev.dynakit.client.config.TablePrefixInterceptor;
import dev.dynakit.client.credentials.AssumeRole;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.document.DocumentStore;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
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
import dev.dynakit.client.spi.EmbeddedEngines;
import dev.dynakit.client.spi.VerbExtension;
import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.client.verbs.Verbs;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

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
  private final StreamsClient streams;
  private final List<AutoCloseable> owned;
  // policy and verbs
  private final Policy policy;
  private final Verbs verbs;

  // Resilience: the circuit breaker every call goes through.
  private CircuitBreaker circuitBreaker;

  // config: the resolved settings
  private final DynakitConfig config;
  private final Clock clock;

  private Dynakit(
      DynamoDbClient sdk,
      Supplier<DynamoDbStreamsClient> streams,
      List<AutoCloseable> owned,
      DynakitConfig config,
      Clock clock,
      Policy policy,
      Verbs verbs) {
    this.sdk = sdk;
    this.streams = new StreamsClient(streams);
    this.owned = owned;
    this.config = config;
    this.clock = clock;
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

  /**
   * The DynamoDB Streams SDK client, made on first use with the same endpoint, region, credentials,
   * HTTP client and SDK extensions as {@link #sdk()}: the allow-list judges the table a stream ARN
   * names, and failures are {@link dev.dynakit.client.errors.DynakitException}s (an expired
   * iterator, trimmed data: {@code ServiceException} kinds {@code EXPIRED_ITERATOR}, {@code
   * TRIMMED_DATA_ACCESS}). Closed with the adapter.
   */
  public DynamoDbStreamsClient streams() {
    return streams.get();
  }

  /**
   * The clock the adapter decides time by (credential refresh, the circuit breaker, expiry of typed
   * items); what the streams consumer times its polls and leases by.
   */
  public Clock clock() {
    return clock;
  }

  /**
   * A typed table of {@code type} named {@code tableName}, through this adapter (its policy,
   * retries, metrics and tracing; its clock decides which items have expired; its consistent-read
   * default applies).
   *
   * <pre>{@code
   * DynakitTable<Order> orders = dynakit.table("orders", Order.class);
   * }</pre>
   */
  public <T> DynakitTable<T> table(String tableName, Class<T> type) {
    return DynakitTable.builder(sdk, tableName, type)
        .clock(clock)
        .consistentRead(config.consistentRead())
        .build();
  }

  /**
   * Batches through this adapter, on its clock: any number of writes or keys, chunked, with
   * unprocessed work retried (see {@link Batches}).
   */
  public Batches batches() {
    return Batches.builder(sdk).clock(clock).build();
  }

  /** A document store through this adapter (see {@link DocumentStore}). */
  public DocumentStore documents() {
    return DocumentStore.of(sdk);
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

  /**
   * The resolved configuration: each setting's value and where it came from (the verbs read their
   * defaults, such as {@link DynakitConfig#consistentRead()}, from here).
   */
  public DynakitConfig config() {
    return config;
  }

  /** Closes the SDK client and whatever the adapter started for it (an embedded engine). */
  @Override
  public void close() {
    sdk.close();
    streams.close();
    for (AutoCloseable closeable : owned) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort: one part failing to close must not keep the others open.
      }
    }
  }

  /** The streams client, made once on first use. */
  private static final class StreamsClient {
    private final Supplier<DynamoDbStreamsClient> make;
    private DynamoDbStreamsClient made;

    StreamsClient(Supplier<DynamoDbStreamsClient> make) {
      this.make = make;
    }

    synchronized DynamoDbStreamsClient get() {
      if (made == null) {
        made = make.get();
      }
      return made;
    }

    synchronized void close() {
      if (made != null) {
        made.close();
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

    // Resilience: retries, circuit breaker, record/replay settings.
    private RetrySettings retry;
    private CircuitBreakerSettings circuitBreakerSettings;
    private SimulationMode simulationMode;
    private Path recording;

    // observability: where metrics and spans go (none by default)
    private MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry;
    private Boolean requestConsumedCapacity;

    // config: settings beyond endpoint and region (docs/client/configuration.md)
    private final Overrides config = new Overrides();
    private Credentials credentialsSource;
    private SdkHttpClient stsHttpClient;

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

    /**
     * Whether calls whose caller chose no {@code ReturnConsumedCapacity} ask for {@code TOTAL}, so
     * {@code dynamodb_consumed_capacity_total} sees every call's capacity (default true, or {@code
     * DYNAKIT_REQUEST_CONSUMED_CAPACITY}); only with a meter registry. The capacity is taken off
     * the response again, so callers see what they asked for.
     */
    public Builder requestConsumedCapacity(boolean requestConsumedCapacity) {
      this.requestConsumedCapacity = requestConsumedCapacity;
      return this;
    }

    // config: builder settings (docs/client/configuration.md, docs/client/credentials.md)
    /** Where the credentials come from: static keys, a profile, web identity, the default chain. */
    public Builder credentials(Credentials credentials) {
      this.credentialsSource = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** A role to assume through STS on top of the credentials. */
    public Builder assumeRole(AssumeRole assumeRole) {
      config.assumeRole(Objects.requireNonNull(assumeRole, "assumeRole"));
      return this;
    }

    /** The AWS profile to read the region and credentials from (instead of {@code AWS_PROFILE}). */
    public Builder profile(String profile) {
      config.profile(Objects.requireNonNull(profile, "profile"));
      return this;
    }

    /** The time a whole call may take, retries included (default: no limit). */
    public Builder callTimeout(Duration timeout) {
      config.callTimeout(Objects.requireNonNull(timeout, "callTimeout"));
      return this;
    }

    /** The time one attempt of a call may take (default: no limit). */
    public Builder attemptTimeout(Duration timeout) {
      config.attemptTimeout(Objects.requireNonNull(timeout, "attemptTimeout"));
      return this;
    }

    /** The time opening a connection may take, for the default HTTP client (default 2 s). */
    public Builder connectTimeout(Duration timeout) {
      config.connectTimeout(Objects.requireNonNull(timeout, "connectTimeout"));
      return this;
    }

    /** Whether reads are strongly consistent when a call does not say (default false). */
    public Builder consistentRead(boolean consistentRead) {
      config.consistentRead(consistentRead);
      return this;
    }

    /** A prefix put before every table name in requests and taken off in responses. */
    public Builder tablePrefix(String tablePrefix) {
      config.tablePrefix(Objects.requireNonNull(tablePrefix, "tablePrefix"));
      return this;
    }

    /** The STS endpoint for AssumeRole and web identity (default: the SDK's for the region). */
    public Builder stsEndpoint(String stsEndpoint) {
      config.stsEndpoint(Objects.requireNonNull(stsEndpoint, "stsEndpoint"));
      return this;
    }

    /** The HTTP client STS calls go through (default: a URL-connection client). */
    public Builder stsHttpClient(SdkHttpClient stsHttpClient) {
      this.stsHttpClient = Objects.requireNonNull(stsHttpClient, "stsHttpClient");
      return this;
    }

    Map<String, String> environment() {
      return environment;
    }

    Clock clock() {
      return clock;
    }

    /**
     * Builds the adapter.
     *
     * @throws dev.dynakit.client.errors.ConfigurationException naming the first wrong setting and
     *     where it came from
     */
    public Dynakit build() {
      List<AutoCloseable> owned = new ArrayList<>();
      ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
      // Resilience: record/replay/mock mode, needed before the endpoint is resolved.
      Simulation simulation = Simulation.resolve(simulationMode, recording, environment);
      // config: resolve and check every setting (mock mode without an endpoint is embedded:)
      DynakitConfig resolved =
          resolveConfig(
              simulation.mode() == SimulationMode.MOCK && endpoint == null
                  ? "embedded:"
                  : endpoint);
      // policy and verbs: the profile is checked first
      (securityProfile != null ? securityProfile : SecurityProfile.fromEnvironment(environment))
          .checkAdapterAllowed();
      Policy resolvedPolicy = policy != null ? policy : Policy.fromEnvironment(environment);
      // observability: metrics, spans and logs; first, so its span is current for the others
      override.addExecutionInterceptor(
          Observability.interceptor(
              meterRegistry, openTelemetry, clock, requestConsumedCapacity(environment)));
      // policy and verbs: the gate runs on the table names the caller used
      override.addExecutionInterceptor(resolvedPolicy.interceptor());
      // Resilience: the circuit breaker and the retry strategy.
      CircuitBreakerInterceptor breaker =
          CircuitBreakerInterceptor.create(
              "dynakit",
              circuitBreakerSettings == null
                  ? CircuitBreakerSettings.defaults().withEnvironment(environment)
                  : circuitBreakerSettings,
              clock);
      override.addExecutionInterceptor(breaker);
      override.retryStrategy(
          new DynakitRetryStrategy(
              (retry == null ? RetrySettings.defaults() : retry).withEnvironment(environment)));
      // config: timeouts, profile and the table prefix (after the policy gate)
      resolved.callTimeout().ifPresent(override::apiCallTimeout);
      resolved.attemptTimeout().ifPresent(override::apiCallAttemptTimeout);
      override
          .defaultProfileFile(resolved.profile().file())
          .defaultProfileName(resolved.profile().name());
      resolved
          .tablePrefix()
          .map(TablePrefixInterceptor::new)
          .ifPresent(override::addExecutionInterceptor);
      interceptors.forEach(override::addExecutionInterceptor);
      ClientOverrideConfiguration overrides = override.build();
      // config: credentials, endpoint and HTTP client
      Connection connection = connect(resolved, owned, simulation);
      // Resilience: callers get DynakitExceptions; expose the breaker.
      DynamoDbClient client =
          ErrorMappingClient.wrap(
              connection.apply(DynamoDbClient.builder().overrideConfiguration(overrides)).build());
      Dynakit dynakit =
          new Dynakit(
              client,
              () ->
                  ErrorMappingClient.wrap(
                      connection
                          .apply(DynamoDbStreamsClient.builder().overrideConfiguration(overrides))
                          .build()),
              owned,
              resolved,
              clock,
              resolvedPolicy,
              new Verbs(client, resolved.consistentRead()));
      dynakit.circuitBreaker = breaker.circuitBreaker();
      // verbs from other modules on the class path (streams.subscribe, ...)
      for (VerbExtension extension : ServiceLoader.load(VerbExtension.class)) {
        extension.register(dynakit);
      }
      return dynakit;
    }

    // observability: the builder's choice, else DYNAKIT_REQUEST_CONSUMED_CAPACITY, else true
    private boolean requestConsumedCapacity(Map<String, String> environment) {
      if (requestConsumedCapacity != null) {
        return requestConsumedCapacity;
      }
      return Switches.read(environment, "DYNAKIT_REQUEST_CONSUMED_CAPACITY").orElse(true);
    }

    // config: how build() resolves the settings and connects the SDK client
    private DynakitConfig resolveConfig(String endpoint) {
      if (credentials != null && credentialsSource != null) {
        throw new ConfigurationException(
            ConfigurationException.Kind.INVALID_CREDENTIALS,
            "builder setting credentials: given twice, as a provider and as Credentials",
            ErrorContext.local(null, null),
            false,
            null);
      }
      config.endpoint(endpoint).region(region);
      config.credentials(
          credentialsSource != null
              ? credentialsSource
              : credentials == null ? null : Credentials.provider(credentials));
      return ConfigResolver.resolve(config, environment, environment.equals(System.getenv()));
    }

    /**
     * How both SDK clients reach the endpoint: the credentials provider (opened once), the endpoint
     * override, and the HTTP client they share or the builder each makes its own from.
     */
    private Connection connect(
        DynakitConfig resolved, List<AutoCloseable> owned, Simulation simulation) {
      URI sts = resolved.stsEndpoint().orElse(null);
      AwsCredentialsProvider provider;
      if (simulation.mode() == SimulationMode.REPLAY
          && credentials == null
          && credentialsSource == null) {
        // Resilience: a replay signs nothing that leaves the process.
        provider = AnonymousCredentialsProvider.create();
      } else {
        provider = resolved.credentials().open(resolved.region(), sts, stsHttpClient, clock, owned);
      }
      SdkHttpClient base = httpClient;
      URI endpointUri;
      if (resolved.embedded()) {
        String embedded = resolved.endpoint().orElseThrow();
        if (httpClient != null) {
          throw new ConfigurationException(
              ConfigurationException.Kind.INVALID_ENDPOINT,
              "builder setting httpClient: not allowed with endpoint '"
                  + embedded
                  + "', which is served in-process",
              ErrorContext.local(null, null),
              false,
              null);
        }
        SdkHttpClient engine = EmbeddedEngines.open(embedded);
        owned.add(engine);
        base = engine;
        endpointUri = URI.create("http://localhost");
      } else {
        endpointUri = resolved.endpoint().map(URI::create).orElse(null);
      }
      // Resilience: record/replay wraps (or replaces) the HTTP client.
      SdkHttpClient simulated = simulation.httpClient(base, owned);
      return new Connection(
          Region.of(resolved.region()),
          provider,
          endpointUri,
          simulated != null ? simulated : base,
          resolved.connectTimeout());
    }
  }

  /** What both SDK clients of an adapter are built with (see {@code Builder.connect}). */
  private record Connection(
      Region region,
      AwsCredentialsProvider credentials,
      URI endpoint,
      SdkHttpClient sharedHttpClient,
      Duration connectTimeout) {
    <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apply(B builder) {
      builder.region(region).credentialsProvider(credentials);
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      if (sharedHttpClient != null) {
        builder.httpClient(sharedHttpClient);
      } else {
        builder.httpClientBuilder(
            UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout));
      }
      return builder;
    }
  }
}
