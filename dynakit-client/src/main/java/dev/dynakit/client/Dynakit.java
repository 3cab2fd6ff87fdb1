package dev.dynakit.client;

import dev.dynakit.client.config.ConfigResolver;
import dev.dynakit.client.config.DynakitConfig;
import dev.dynakit.client.config.Overrides;
import dev.dynakit.client.config.TablePrefixInterceptor;
import dev.dynakit.client.credentials.AssumeRole;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.spi.EmbeddedEngines;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
  private final DynakitConfig config;

  private Dynakit(DynamoDbClient sdk, List<AutoCloseable> owned, DynakitConfig config) {
    this.sdk = sdk;
    this.owned = owned;
    this.config = config;
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
    // config: settings beyond endpoint and region (docs/client/configuration.md)
    private final Overrides config = new Overrides();
    private Credentials credentialsSource;
    private SdkHttpClient stsHttpClient;

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
      // config: resolve and check every setting; timeouts and the table prefix
      DynakitConfig resolved = resolveConfig();
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
      DynamoDbClientBuilder sdk =
          DynamoDbClient.builder()
              .region(Region.of(resolved.region()))
              .overrideConfiguration(override.build());
      // config: credentials, endpoint and HTTP client
      connect(sdk, resolved, owned);
      return new Dynakit(sdk.build(), owned, resolved);
    }

    // config: how build() resolves the settings and connects the SDK client
    private DynakitConfig resolveConfig() {
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

    private void connect(
        DynamoDbClientBuilder sdk, DynakitConfig resolved, List<AutoCloseable> owned) {
      URI sts = resolved.stsEndpoint().orElse(null);
      sdk.credentialsProvider(
          resolved.credentials().open(resolved.region(), sts, stsHttpClient, clock, owned));
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
        sdk.httpClient(engine).endpointOverride(URI.create("http://localhost"));
        return;
      }
      resolved.endpoint().map(URI::create).ifPresent(sdk::endpointOverride);
      if (httpClient != null) {
        sdk.httpClient(httpClient);
      } else {
        sdk.httpClientBuilder(
            UrlConnectionHttpClient.builder().connectionTimeout(resolved.connectTimeout()));
      }
    }
  }
}
