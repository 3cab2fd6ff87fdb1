package dev.dynakit.client.config;

import dev.dynakit.client.credentials.CredentialsPlan;
import dev.dynakit.client.credentials.ProfileLocation;
import dev.dynakit.client.spi.EmbeddedEngines;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter's resolved configuration: every setting's value and where it came from (the builder,
 * an environment variable, the AWS profile or the default). Immutable; {@link #toString()} shows
 * values and sources and never a secret.
 */
public final class DynakitConfig {
  /** The name of the endpoint setting in {@link #sources()}. */
  public static final String ENDPOINT = "endpoint";

  /** The name of the region setting in {@link #sources()}. */
  public static final String REGION = "region";

  /** The name of the call timeout setting in {@link #sources()}. */
  public static final String CALL_TIMEOUT = "callTimeout";

  /** The name of the attempt timeout setting in {@link #sources()}. */
  public static final String ATTEMPT_TIMEOUT = "attemptTimeout";

  /** The name of the connect timeout setting in {@link #sources()}. */
  public static final String CONNECT_TIMEOUT = "connectTimeout";

  /** The name of the consistent-read setting in {@link #sources()}. */
  public static final String CONSISTENT_READ = "consistentRead";

  /** The name of the table prefix setting in {@link #sources()}. */
  public static final String TABLE_PREFIX = "tablePrefix";

  /** The name of the credentials setting in {@link #sources()}. */
  public static final String CREDENTIALS = "credentials";

  /** The name of the AWS profile setting in {@link #sources()}. */
  public static final String PROFILE = "profile";

  /** The name of the STS endpoint setting in {@link #sources()}. */
  public static final String STS_ENDPOINT = "stsEndpoint";

  private final String endpoint;
  private final String region;
  private final Duration callTimeout;
  private final Duration attemptTimeout;
  private final Duration connectTimeout;
  private final boolean consistentRead;
  private final String tablePrefix;
  private final URI stsEndpoint;
  private final CredentialsPlan credentials;
  private final ProfileLocation profile;
  private final Map<String, String> sources;

  DynakitConfig(
      String endpoint,
      String region,
      Duration callTimeout,
      Duration attemptTimeout,
      Duration connectTimeout,
      boolean consistentRead,
      String tablePrefix,
      URI stsEndpoint,
      CredentialsPlan credentials,
      ProfileLocation profile,
      Map<String, String> sources) {
    this.endpoint = endpoint;
    this.region = region;
    this.callTimeout = callTimeout;
    this.attemptTimeout = attemptTimeout;
    this.connectTimeout = connectTimeout;
    this.consistentRead = consistentRead;
    this.tablePrefix = tablePrefix;
    this.stsEndpoint = stsEndpoint;
    this.credentials = credentials;
    this.profile = profile;
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** The endpoint, if one is set (else the SDK's endpoint for the region, that is AWS). */
  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /** Whether the endpoint is an embedded engine ({@code embedded:} or {@code embedded:<dir>}). */
  public boolean embedded() {
    return EmbeddedEngines.isEmbedded(endpoint);
  }

  /** The AWS region, such as {@code us-east-1}. */
  public String region() {
    return region;
  }

  /** The time a whole call may take, retries included, if limited. */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(callTimeout);
  }

  /** The time one attempt may take, if limited. */
  public Optional<Duration> attemptTimeout() {
    return Optional.ofNullable(attemptTimeout);
  }

  /** The time opening a connection may take (applied to the adapter's default HTTP client). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Whether reads are strongly consistent when a call does not say (default false). */
  public boolean consistentRead() {
    return consistentRead;
  }

  /** The prefix put before every table name, if any. */
  public Optional<String> tablePrefix() {
    return Optional.ofNullable(tablePrefix);
  }

  /** The STS endpoint for AssumeRole and web identity, if not the SDK's. */
  public Optional<URI> stsEndpoint() {
    return Optional.ofNullable(stsEndpoint);
  }

  /** The credentials chosen (their source, not their values). */
  public CredentialsPlan credentials() {
    return credentials;
  }

  /** The AWS profile and the files it is read from (also handed to the SDK client). */
  public ProfileLocation profile() {
    return profile;
  }

  /**
   * Where each setting came from: {@code builder}, an environment variable's name, the AWS profile
   * or {@code default}, keyed by the setting names this class defines as constants.
   */
  public Map<String, String> sources() {
    return sources;
  }

  /** Shows each value with its source; never a secret. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("DynakitConfig[");
    append(out, ENDPOINT, endpoint);
    append(out, REGION, region);
    append(out, CALL_TIMEOUT, callTimeout);
    append(out, ATTEMPT_TIMEOUT, attemptTimeout);
    append(out, CONNECT_TIMEOUT, connectTimeout);
    append(out, CONSISTENT_READ, consistentRead);
    append(out, TABLE_PREFIX, tablePrefix);
    append(out, STS_ENDPOINT, stsEndpoint);
    append(out, PROFILE, profile.describe());
    out.append(CREDENTIALS).append('=').append(credentials.describe());
    return out.append(']').toString();
  }

  private void append(StringBuilder out, String name, Object value) {
    out.append(name).append('=').append(value == null ? "(none)" : value);
    out.append(" (").append(sources.get(name)).append("), ");
  }
}
