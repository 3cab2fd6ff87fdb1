package dev.dynakit.client.credentials;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/**
 * Which credentials the adapter signs with, chosen when it is built: the credentials given in code,
 * else static keys from the environment, else web identity from the environment, else the named
 * profile, else the SDK's default chain; an AssumeRole (given in code or by {@code
 * AWS_ASSUME_ROLE_ARN}) on top. {@link #open} makes the provider, which fails with an {@link
 * dev.dynakit.client.errors.AuthenticationException} naming what was tried when credentials are
 * first needed.
 */
public final class CredentialsPlan {
  /** How long before expiry role credentials are fetched again. */
  static final Duration PREFETCH = Duration.ofMinutes(5);

  /** How long before expiry role credentials are no longer used at all. */
  static final Duration STALE = Duration.ofMinutes(1);

  private final Credentials base;
  private final String origin;
  private final List<String> triedBefore;
  private final ProfileLocation profile;
  private final AssumeRole role;
  private final String roleOrigin;

  private CredentialsPlan(
      Credentials base,
      String origin,
      List<String> triedBefore,
      ProfileLocation profile,
      AssumeRole role,
      String roleOrigin) {
    this.base = base;
    this.origin = origin;
    this.triedBefore = triedBefore;
    this.profile = profile;
    this.role = role;
    this.roleOrigin = roleOrigin;
  }

  /**
   * Chooses the credentials.
   *
   * @param given credentials given in code, or null
   * @param givenRole a role given in code, or null
   * @param environment the environment variables
   * @param profile the AWS profile the configuration names
   * @param embedded whether the endpoint is an embedded engine (then requests are not signed unless
   *     credentials are given in code)
   * @param processEnvironment whether the environment is this process's own (then the fallback is
   *     the SDK's whole default chain, which reads it directly)
   * @throws dev.dynakit.client.errors.ConfigurationException if a credential setting is wrong or
   *     half given
   */
  public static CredentialsPlan choose(
      Credentials given,
      AssumeRole givenRole,
      Map<String, String> environment,
      ProfileLocation profile,
      boolean embedded,
      boolean processEnvironment) {
    AssumeRole role = givenRole;
    String roleOrigin = givenRole == null ? null : "builder";
    if (given != null) {
      return new CredentialsPlan(given, "builder", List.of(), profile, role, roleOrigin);
    }
    if (embedded) {
      // Nothing to sign for: the environment's credentials and a role are not used.
      return new CredentialsPlan(
          Credentials.anonymous(), "embedded endpoint", List.of(), profile, null, null);
    }
    if (role == null) {
      role = roleFromEnvironment(environment);
      roleOrigin = role == null ? null : "AWS_ASSUME_ROLE_ARN";
    }
    String id = get(environment, "AWS_ACCESS_KEY_ID");
    String secret = get(environment, "AWS_SECRET_ACCESS_KEY");
    if (id != null || secret != null) {
      if (id == null) {
        throw Invalid.setting("AWS_ACCESS_KEY_ID", "missing while AWS_SECRET_ACCESS_KEY is set");
      }
      if (secret == null) {
        throw Invalid.setting("AWS_SECRET_ACCESS_KEY", "missing while AWS_ACCESS_KEY_ID is set");
      }
      String token = get(environment, "AWS_SESSION_TOKEN");
      Credentials keys =
          Credentials.staticKeys(id, Secret.of(secret), token == null ? null : Secret.of(token));
      return new CredentialsPlan(keys, "environment", List.of(), profile, role, roleOrigin);
    }
    String tokenFile = get(environment, "AWS_WEB_IDENTITY_TOKEN_FILE");
    String roleArn = get(environment, "AWS_ROLE_ARN");
    if (tokenFile != null || roleArn != null) {
      if (tokenFile == null) {
        throw Invalid.setting("AWS_WEB_IDENTITY_TOKEN_FILE", "missing while AWS_ROLE_ARN is set");
      }
      AssumeRole.checkRoleArn("AWS_ROLE_ARN", roleArn);
      String sessionName = get(environment, "AWS_ROLE_SESSION_NAME");
      if (sessionName != null) {
        AssumeRole.checkSessionName("AWS_ROLE_SESSION_NAME", sessionName);
      }
      Credentials web = Credentials.webIdentity(roleArn, Path.of(tokenFile), sessionName);
      return new CredentialsPlan(web, "environment", List.of(), profile, role, roleOrigin);
    }
    if (profile.named()) {
      return new CredentialsPlan(
          Credentials.profile(profile.name()),
          "configuration",
          List.of(),
          profile,
          role,
          roleOrigin);
    }
    if (processEnvironment) {
      return new CredentialsPlan(
          Credentials.defaultChain(), "default", List.of(), profile, role, roleOrigin);
    }
    return new CredentialsPlan(
        Credentials.profile(profile.name()),
        "default",
        List.of(
            "static keys from environment (AWS_ACCESS_KEY_ID missing)",
            "web identity from environment (AWS_WEB_IDENTITY_TOKEN_FILE missing)"),
        profile,
        role,
        roleOrigin);
  }

  private static AssumeRole roleFromEnvironment(Map<String, String> environment) {
    String arn = get(environment, "AWS_ASSUME_ROLE_ARN");
    String externalId = get(environment, "AWS_ASSUME_ROLE_EXTERNAL_ID");
    String sessionName = get(environment, "AWS_ASSUME_ROLE_SESSION_NAME");
    String duration = get(environment, "AWS_ASSUME_ROLE_DURATION_SECONDS");
    if (arn == null) {
      for (String name :
          List.of(
              "AWS_ASSUME_ROLE_EXTERNAL_ID",
              "AWS_ASSUME_ROLE_SESSION_NAME",
              "AWS_ASSUME_ROLE_DURATION_SECONDS")) {
        if (get(environment, name) != null) {
          throw Invalid.setting(name, "set without AWS_ASSUME_ROLE_ARN");
        }
      }
      return null;
    }
    Integer seconds = null;
    if (duration != null) {
      try {
        seconds = Integer.valueOf(duration);
      } catch (NumberFormatException e) {
        throw Invalid.setting(
            "AWS_ASSUME_ROLE_DURATION_SECONDS",
            "not a whole number of seconds: '" + duration + "'");
      }
    }
    return AssumeRole.of(
        new String[] {
          "AWS_ASSUME_ROLE_ARN",
          "AWS_ASSUME_ROLE_EXTERNAL_ID",
          "AWS_ASSUME_ROLE_SESSION_NAME",
          "AWS_ASSUME_ROLE_DURATION_SECONDS"
        },
        arn,
        externalId,
        sessionName,
        seconds);
  }

  private static String get(Map<String, String> environment, String name) {
    return ProfileLocation.nonEmpty(environment.get(name));
  }

  /** The role assumed on top of the base credentials, if any. */
  public Optional<AssumeRole> assumeRole() {
    return Optional.ofNullable(role);
  }

  /**
   * Where the base credentials were configured: {@code builder}, {@code environment}, {@code
   * configuration} (a named profile), {@code default} or {@code embedded endpoint}.
   */
  public String origin() {
    return origin;
  }

  /** Names the chosen source and where it was configured: never a secret. */
  public String describe() {
    String described = describeBase() + " (from " + origin + ")";
    return role == null
        ? described
        : "assume role " + role.roleArn() + " (from " + roleOrigin + ") with " + described;
  }

  private String describeBase() {
    if (base.kind == Credentials.Kind.PROFILE) {
      return profile.withName(base.profileName).describe();
    }
    return base.describe();
  }

  /**
   * Makes the credentials provider.
   *
   * @param region the region STS is called in
   * @param stsEndpoint the STS endpoint, or null for the SDK's
   * @param stsHttpClient the HTTP client STS calls go through, or null for a URL-connection client
   * @param clock gives the default role session name ({@code dynakit-<epoch seconds>})
   * @param owned collects what the adapter must close (STS clients)
   */
  public AwsCredentialsProvider open(
      String region,
      URI stsEndpoint,
      SdkHttpClient stsHttpClient,
      Clock clock,
      List<AutoCloseable> owned) {
    Sts sts = new Sts(region, stsEndpoint, stsHttpClient, profile);
    owned.add(sts);
    AwsCredentialsProvider baseProvider = openBase(sts, clock, owned);
    if (role == null) {
      return baseProvider;
    }
    String sessionName = role.sessionName(clock);
    Guarded assumed =
        new Guarded(
            "assume role " + role.roleArn() + " with " + describeBase(),
            List.of(),
            role.roleArn(),
            () ->
                StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts.client(baseProvider))
                    .refreshRequest(
                        r -> {
                          r.roleArn(role.roleArn())
                              .roleSessionName(sessionName)
                              .durationSeconds(role.durationSeconds());
                          role.externalId().ifPresent(r::externalId);
                        })
                    .asyncCredentialUpdateEnabled(false)
                    .prefetchTime(PREFETCH)
                    .staleTime(STALE)
                    .build());
    owned.add(assumed);
    return assumed;
  }

  private AwsCredentialsProvider openBase(Sts sts, Clock clock, List<AutoCloseable> owned) {
    switch (base.kind) {
      case ANONYMOUS:
        return AnonymousCredentialsProvider.create();
      case STATIC:
        return StaticCredentialsProvider.create(
            base.sessionToken == null
                ? AwsBasicCredentials.create(base.accessKeyId, base.secretKey.reveal())
                : AwsSessionCredentials.create(
                    base.accessKeyId, base.secretKey.reveal(), base.sessionToken.reveal()));
      case PROVIDER:
        // Given in code: the caller closes it, not the adapter.
        return new Guarded(base.describe(), triedBefore, null, () -> base.provider);
      case PROFILE:
        ProfileLocation location = profile.withName(base.profileName);
        return guard(location.describe(), null, () -> profileProvider(location), owned);
      case WEB_IDENTITY:
        String sessionName =
            base.sessionName != null
                ? base.sessionName
                : "dynakit-" + clock.instant().getEpochSecond();
        return guard(
            base.describe(),
            base.roleArn,
            () ->
                StsWebIdentityTokenFileCredentialsProvider.builder()
                    .stsClient(sts.client(AnonymousCredentialsProvider.create()))
                    .roleArn(base.roleArn)
                    .roleSessionName(sessionName)
                    .webIdentityTokenFile(base.tokenFile)
                    .asyncCredentialUpdateEnabled(false)
                    .prefetchTime(PREFETCH)
                    .staleTime(STALE)
                    .build(),
            owned);
      default:
        return guard(
            base.describe(), null, () -> DefaultCredentialsProvider.builder().build(), owned);
    }
  }

  private Guarded guard(
      String source,
      String roleArn,
      Supplier<AwsCredentialsProvider> factory,
      List<AutoCloseable> owned) {
    Guarded guarded = new Guarded(source, triedBefore, roleArn, factory);
    owned.add(guarded);
    return guarded;
  }

  private static AwsCredentialsProvider profileProvider(ProfileLocation location) {
    if (!Files.isRegularFile(location.configFile())
        && !Files.isRegularFile(location.credentialsFile())) {
      throw SdkClientException.create("neither file exists");
    }
    if (location.profile().isEmpty()) {
      throw SdkClientException.create("no such profile");
    }
    return ProfileCredentialsProvider.builder()
        .profileFile(location.file())
        .profileName(location.name())
        .build();
  }

  @Override
  public String toString() {
    return "CredentialsPlan[" + describe() + "]";
  }

  /** Makes the STS clients, each closed with the adapter. */
  private static final class Sts implements AutoCloseable {
    private final String region;
    private final URI endpoint;
    private final SdkHttpClient httpClient;
    private final ProfileLocation profile;
    private final List<StsClient> made = new ArrayList<>();

    Sts(String region, URI endpoint, SdkHttpClient httpClient, ProfileLocation profile) {
      this.region = region;
      this.endpoint = endpoint;
      this.httpClient = httpClient;
      this.profile = profile;
    }

    StsClient client(AwsCredentialsProvider credentials) {
      StsClientBuilder builder =
          StsClient.builder()
              .region(Region.of(region))
              .credentialsProvider(credentials)
              .overrideConfiguration(
                  o -> o.defaultProfileFile(profile.file()).defaultProfileName(profile.name()));
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      if (httpClient != null) {
        builder.httpClient(httpClient);
      } else {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
      }
      StsClient client = builder.build();
      synchronized (made) {
        made.add(client);
      }
      return client;
    }

    /** Closes the STS clients made so far (they are made when credentials are first needed). */
    @Override
    public void close() {
      synchronized (made) {
        made.forEach(StsClient::close);
        made.clear();
      }
    }
  }
}
