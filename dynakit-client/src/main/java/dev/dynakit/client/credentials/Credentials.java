package dev.dynakit.client.credentials;

import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where the adapter's credentials come from. Give one to {@code Dynakit.builder().credentials(..)};
 * without one, the adapter takes them from the environment, the AWS profile or the SDK's default
 * chain (see {@code docs/client/credentials.md}).
 *
 * <pre>{@code
 * Dynakit.builder().credentials(Credentials.staticKeys("AKIA...", Secret.of(secretKey)));
 * Dynakit.builder().credentials(Credentials.profile("dev"));
 * }</pre>
 *
 * <p>{@link #toString()} names the source and never a secret.
 */
public final class Credentials {
  enum Kind {
    DEFAULT_CHAIN,
    PROFILE,
    STATIC,
    WEB_IDENTITY,
    PROVIDER,
    ANONYMOUS
  }

  final Kind kind;
  final String profileName;
  final String accessKeyId;
  final Secret secretKey;
  final Secret sessionToken;
  final String roleArn;
  final Path tokenFile;
  final String sessionName;
  final AwsCredentialsProvider provider;

  private Credentials(
      Kind kind,
      String profileName,
      String accessKeyId,
      Secret secretKey,
      Secret sessionToken,
      String roleArn,
      Path tokenFile,
      String sessionName,
      AwsCredentialsProvider provider) {
    this.kind = kind;
    this.profileName = profileName;
    this.accessKeyId = accessKeyId;
    this.secretKey = secretKey;
    this.sessionToken = sessionToken;
    this.roleArn = roleArn;
    this.tokenFile = tokenFile;
    this.sessionName = sessionName;
    this.provider = provider;
  }

  /**
   * The AWS SDK's default chain: system properties, environment, web identity, profile, container
   * and instance credentials.
   */
  public static Credentials defaultChain() {
    return new Credentials(Kind.DEFAULT_CHAIN, null, null, null, null, null, null, null, null);
  }

  /** A named profile from the AWS profile files. */
  public static Credentials profile(String name) {
    if (Objects.requireNonNull(name, "profile name").isBlank()) {
      throw Invalid.setting("credentials profile", "the profile name is empty");
    }
    return new Credentials(Kind.PROFILE, name.trim(), null, null, null, null, null, null, null);
  }

  /** Long-lived access keys. */
  public static Credentials staticKeys(String accessKeyId, Secret secretAccessKey) {
    return staticKeys(accessKeyId, secretAccessKey, null);
  }

  /**
   * Temporary access keys with their session token.
   *
   * @param sessionToken the session token, or null for long-lived keys
   */
  public static Credentials staticKeys(
      String accessKeyId, Secret secretAccessKey, Secret sessionToken) {
    if (Objects.requireNonNull(accessKeyId, "access key id").isBlank()) {
      throw Invalid.setting("credentials accessKeyId", "the access key id is empty");
    }
    Objects.requireNonNull(secretAccessKey, "secret access key");
    return new Credentials(
        Kind.STATIC,
        null,
        accessKeyId.trim(),
        secretAccessKey,
        sessionToken,
        null,
        null,
        null,
        null);
  }

  /**
   * Web identity (such as EKS's IRSA): a token file exchanged for a role's credentials with STS.
   *
   * @param sessionName the role session name, or null for {@code dynakit-<epoch seconds>}
   */
  public static Credentials webIdentity(String roleArn, Path tokenFile, String sessionName) {
    AssumeRole.checkRoleArn("credentials webIdentity roleArn", roleArn);
    Objects.requireNonNull(tokenFile, "token file");
    if (sessionName != null) {
      AssumeRole.checkSessionName("credentials webIdentity sessionName", sessionName);
    }
    return new Credentials(
        Kind.WEB_IDENTITY, null, null, null, null, roleArn, tokenFile, sessionName, null);
  }

  /** Any SDK credentials provider. */
  public static Credentials provider(AwsCredentialsProvider provider) {
    return new Credentials(
        Kind.PROVIDER,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Objects.requireNonNull(provider, "credentials provider"));
  }

  /** No credentials: requests are not signed (for endpoints that do not check, such as tests). */
  public static Credentials anonymous() {
    return new Credentials(Kind.ANONYMOUS, null, null, null, null, null, null, null, null);
  }

  /** Names the source, for messages: never a secret. */
  String describe() {
    switch (kind) {
      case DEFAULT_CHAIN:
        return "the AWS SDK default chain";
      case PROFILE:
        return "profile '" + profileName + "'";
      case STATIC:
        return (sessionToken == null ? "static keys " : "static keys with session token ")
            + maskedKeyId(accessKeyId);
      case WEB_IDENTITY:
        return "web identity token " + tokenFile + " for role " + roleArn;
      case PROVIDER:
        return "credentials provider " + provider.getClass().getSimpleName();
      default:
        return "anonymous (unsigned requests)";
    }
  }

  /** The first four characters of an access key id: enough to tell keys apart. */
  static String maskedKeyId(String accessKeyId) {
    return accessKeyId.length() <= 4 ? "****" : accessKeyId.substring(0, 4) + "****";
  }

  @Override
  public String toString() {
    return "Credentials[" + describe() + "]";
  }
}
