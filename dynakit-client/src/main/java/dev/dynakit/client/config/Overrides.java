package dev.dynakit.client.config;

import dev.dynakit.client.credentials.AssumeRole;
import dev.dynakit.client.credentials.Credentials;
import java.time.Duration;

/**
 * The settings given in code, which win over the environment and the profile. {@code
 * Dynakit.Builder} fills one in; {@link ConfigResolver} resolves it. Not thread-safe.
 */
public final class Overrides {
  String endpoint;
  String region;
  Duration callTimeout;
  Duration attemptTimeout;
  Duration connectTimeout;
  Boolean consistentRead;
  String tablePrefix;
  String profile;
  Credentials credentials;
  AssumeRole assumeRole;
  String stsEndpoint;

  /** The endpoint: an {@code http(s)://} URL, {@code embedded:} or {@code embedded:<dir>}. */
  public Overrides endpoint(String endpoint) {
    this.endpoint = endpoint;
    return this;
  }

  /** The AWS region. */
  public Overrides region(String region) {
    this.region = region;
    return this;
  }

  /** The time a whole call may take, retries included. */
  public Overrides callTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
    return this;
  }

  /** The time one attempt of a call may take. */
  public Overrides attemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = attemptTimeout;
    return this;
  }

  /** The time opening a connection may take (the default HTTP client only). */
  public Overrides connectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
    return this;
  }

  /** Whether reads are strongly consistent unless a call says otherwise. */
  public Overrides consistentRead(Boolean consistentRead) {
    this.consistentRead = consistentRead;
    return this;
  }

  /** The prefix put before every table name. */
  public Overrides tablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
    return this;
  }

  /** The AWS profile to read region and credentials from. */
  public Overrides profile(String profile) {
    this.profile = profile;
    return this;
  }

  /** The credentials to sign with. */
  public Overrides credentials(Credentials credentials) {
    this.credentials = credentials;
    return this;
  }

  /** The role to assume on top of the credentials. */
  public Overrides assumeRole(AssumeRole assumeRole) {
    this.assumeRole = assumeRole;
    return this;
  }

  /** The STS endpoint for AssumeRole and web identity. */
  public Overrides stsEndpoint(String stsEndpoint) {
    this.stsEndpoint = stsEndpoint;
    return this;
  }
}
