package dev.dynakit.client.credentials;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * STS AssumeRole on top of the base credentials: the base keys only sign the AssumeRole call, and
 * DynamoDB requests are signed with the role's short-lived keys, fetched again before they expire.
 *
 * <pre>{@code
 * Dynakit.builder().assumeRole(AssumeRole.builder()
 *     .roleArn("arn:aws:iam::123456789012:role/orders-reader")
 *     .externalId("partner-42")
 *     .durationSeconds(900)
 *     .build());
 * }</pre>
 */
public final class AssumeRole {
  /** The shortest session STS grants, in seconds. */
  public static final int MIN_DURATION_SECONDS = 900;

  /** The longest session STS grants, in seconds. */
  public static final int MAX_DURATION_SECONDS = 43_200;

  /** The session length asked for when none is given, in seconds. */
  public static final int DEFAULT_DURATION_SECONDS = 3_600;

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  private final String roleArn;
  private final String externalId;
  private final String sessionName;
  private final int durationSeconds;

  private AssumeRole(String roleArn, String externalId, String sessionName, int durationSeconds) {
    this.roleArn = roleArn;
    this.externalId = externalId;
    this.sessionName = sessionName;
    this.durationSeconds = durationSeconds;
  }

  /** Starts describing the role to assume. */
  public static Builder builder() {
    return new Builder();
  }

  /** The role's ARN. */
  public String roleArn() {
    return roleArn;
  }

  /** The external id the role's trust policy asks for, if any. */
  public Optional<String> externalId() {
    return Optional.ofNullable(externalId);
  }

  /** The session name given, if any. */
  public Optional<String> sessionName() {
    return Optional.ofNullable(sessionName);
  }

  /** The session name to use: the one given, or {@code dynakit-<epoch seconds of the clock>}. */
  public String sessionName(Clock clock) {
    return sessionName != null ? sessionName : "dynakit-" + clock.instant().getEpochSecond();
  }

  /** How long each session lasts, 900 to 43200 seconds. */
  public int durationSeconds() {
    return durationSeconds;
  }

  /** Names the role, never the external id's value. */
  @Override
  public String toString() {
    return "AssumeRole[" + roleArn + (externalId == null ? "" : ", with external id") + "]";
  }

  /**
   * Checks and builds.
   *
   * @param names the settings the four values came from, for error messages: role ARN, external id,
   *     session name, duration
   */
  static AssumeRole of(
      String[] names, String roleArn, String externalId, String sessionName, Integer duration) {
    checkRoleArn(names[0], roleArn);
    if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
      throw Invalid.setting(
          names[1],
          "must be 2 to 1224 letters, digits or +=,.@:/- (length " + externalId.length() + ")");
    }
    if (sessionName != null) {
      checkSessionName(names[2], sessionName);
    }
    int seconds = duration == null ? DEFAULT_DURATION_SECONDS : duration;
    checkDuration(names[3], seconds);
    return new AssumeRole(roleArn, externalId, sessionName, seconds);
  }

  static void checkRoleArn(String setting, String roleArn) {
    if (roleArn == null || roleArn.isBlank()) {
      throw Invalid.setting(setting, "a role ARN is required");
    }
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw Invalid.setting(
          setting, "not an IAM role ARN (arn:aws:iam::<account>:role/<name>): '" + roleArn + "'");
    }
  }

  static void checkSessionName(String setting, String sessionName) {
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw Invalid.setting(
          setting, "must be 2 to 64 letters, digits or +=,.@-: '" + sessionName + "'");
    }
  }

  static void checkDuration(String setting, int seconds) {
    if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
      throw Invalid.setting(
          setting,
          "must be "
              + MIN_DURATION_SECONDS
              + " to "
              + MAX_DURATION_SECONDS
              + " seconds: "
              + seconds);
    }
  }

  /** Describes an {@link AssumeRole}; {@link #build()} checks every value. */
  public static final class Builder {
    private String roleArn;
    private String externalId;
    private String sessionName;
    private Integer durationSeconds;

    private Builder() {}

    /** The role to assume, such as {@code arn:aws:iam::123456789012:role/reader} (required). */
    public Builder roleArn(String roleArn) {
      this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
      return this;
    }

    /** The external id the role's trust policy requires (cross-account access). */
    public Builder externalId(String externalId) {
      this.externalId = Objects.requireNonNull(externalId, "externalId");
      return this;
    }

    /** The role session name (default {@code dynakit-<epoch seconds>}). */
    public Builder sessionName(String sessionName) {
      this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
      return this;
    }

    /** How long each session lasts: 900 to 43200 seconds (default 3600). */
    public Builder durationSeconds(int durationSeconds) {
      this.durationSeconds = durationSeconds;
      return this;
    }

    /**
     * Checks the values and builds.
     *
     * @throws dev.dynakit.client.errors.ConfigurationException naming the wrong value
     */
    public AssumeRole build() {
      return of(
          new String[] {
            "assumeRole.roleArn",
            "assumeRole.externalId",
            "assumeRole.sessionName",
            "assumeRole.durationSeconds"
          },
          roleArn,
          externalId,
          sessionName,
          durationSeconds);
    }
  }
}
