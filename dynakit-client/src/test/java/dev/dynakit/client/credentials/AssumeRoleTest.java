package dev.dynakit.client.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.AuthenticationException;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.secretscan.ScanForSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ScanForSecrets({
  AssumeRoleTest.BASE_SECRET,
  AssumeRoleTest.ROLE_SECRET,
  AssumeRoleTest.ROLE_TOKEN,
  AssumeRoleTest.WEB_TOKEN
})
class AssumeRoleTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/orders-reader";
  static final String BASE_SECRET = "SECRET-MARKER-base-secret";
  static final String ROLE_SECRET = "SECRET-MARKER-role-secret";
  static final String ROLE_TOKEN = "SECRET-MARKER-role-token";
  static final String WEB_TOKEN = "SECRET-MARKER-web-identity-token";
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final CapturingHttpClient dynamo = new CapturingHttpClient(engine.httpClient());
  private final FakeSts sts = new FakeSts("ASIAROLEKEY", ROLE_SECRET, ROLE_TOKEN);

  @TempDir Path dir;

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private Dynakit.Builder adapter(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    env.putIfAbsent("HOME", dir.toString());
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("eu-west-1")
        .environment(env)
        .clock(CLOCK)
        .httpClient(dynamo)
        .stsEndpoint("https://sts.eu-west-1.amazonaws.com")
        .stsHttpClient(sts);
  }

  @Test
  void assumesTheRoleAndSignsDynamoDbRequestsWithItsKeys() {
    try (Dynakit dynakit =
        adapter(Map.of())
            .credentials(Credentials.staticKeys("AKIDBASE", Secret.of(BASE_SECRET)))
            .assumeRole(
                AssumeRole.builder()
                    .roleArn(ROLE)
                    .externalId("partner-42")
                    .sessionName("nightly-export")
                    .durationSeconds(900)
                    .build())
            .build()) {
      dynakit.sdk().listTables();
      dynakit.sdk().listTables();

      assertThat(sts.calls()).hasSize(1);
      Map<String, String> call = sts.calls().get(0);
      assertThat(call)
          .containsEntry("Action", "AssumeRole")
          .containsEntry("RoleArn", ROLE)
          .containsEntry("ExternalId", "partner-42")
          .containsEntry("RoleSessionName", "nightly-export")
          .containsEntry("DurationSeconds", "900");
      assertThat(dynamo.requests()).hasSize(2);
      assertThat(dynamo.lastAuthorization())
          .startsWith("AWS4-HMAC-SHA256 Credential=ASIAROLEKEY/")
          .contains("/eu-west-1/dynamodb/aws4_request");
      assertThat(dynamo.requests().get(0).firstMatchingHeader("X-Amz-Security-Token"))
          .contains(ROLE_TOKEN);
      assertThat(dynakit.config().credentials().describe())
          .isEqualTo(
              "assume role " + ROLE + " (from builder) with static keys AKID**** (from builder)");
      assertThat(dynakit.config().toString())
          .doesNotContain(BASE_SECRET, ROLE_SECRET, "partner-42");
    }
  }

  @Test
  void roleKeysAreFetchedAgainBeforeTheyExpire() {
    // STS answers with keys expiring in two minutes: inside the five minutes before expiry in
    // which the adapter fetches new ones, so the next call that needs credentials fetches again.
    // (The SDK's credential cache reads the system clock; nothing here waits on it.)
    sts.expiringAt(Instant.now().plus(Duration.ofMinutes(2)));
    try (Dynakit dynakit =
        adapter(Map.of())
            .credentials(Credentials.staticKeys("AKIDBASE", Secret.of(BASE_SECRET)))
            .assumeRole(AssumeRole.builder().roleArn(ROLE).build())
            .build()) {
      dynakit.sdk().listTables();
      assertThat(sts.calls()).hasSize(1);
      dynakit.sdk().listTables();
      assertThat(sts.calls()).hasSize(2);
      assertThat(dynamo.lastAuthorization()).contains("Credential=ASIAROLEKEY/");
    }
  }

  @Test
  void theSeedsEnvironmentVariablesAssumeARoleWithTheDefaultSessionName() {
    try (Dynakit dynakit =
        adapter(
                Map.of(
                    "AWS_ACCESS_KEY_ID",
                    "AKIDBASE",
                    "AWS_SECRET_ACCESS_KEY",
                    BASE_SECRET,
                    "AWS_ASSUME_ROLE_ARN",
                    ROLE,
                    "AWS_ASSUME_ROLE_EXTERNAL_ID",
                    "partner-7"))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(sts.calls().get(0))
          .containsEntry("RoleArn", ROLE)
          .containsEntry("ExternalId", "partner-7")
          .containsEntry("RoleSessionName", "dynakit-1700000000")
          .containsEntry("DurationSeconds", "3600");
      assertThat(dynakit.config().credentials().describe()).contains("(from AWS_ASSUME_ROLE_ARN)");
      assertThat(dynamo.lastAuthorization()).contains("Credential=ASIAROLEKEY/");
    }
  }

  @Test
  void sessionNameAndDurationFromTheEnvironment() {
    try (Dynakit dynakit =
        adapter(
                Map.of(
                    "AWS_ACCESS_KEY_ID", "AKIDBASE",
                    "AWS_SECRET_ACCESS_KEY", BASE_SECRET,
                    "AWS_ASSUME_ROLE_ARN", ROLE,
                    "AWS_ASSUME_ROLE_SESSION_NAME", "ci-run",
                    "AWS_ASSUME_ROLE_DURATION_SECONDS", "43200"))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(sts.calls().get(0))
          .containsEntry("RoleSessionName", "ci-run")
          .containsEntry("DurationSeconds", "43200")
          .doesNotContainKey("ExternalId");
    }
  }

  @Test
  void aRefusedAssumeRoleIsAnAuthenticationErrorNamingTheRole() {
    sts.failWith("AccessDenied");
    try (Dynakit dynakit =
        adapter(Map.of())
            .credentials(Credentials.staticKeys("AKIDBASE", Secret.of(BASE_SECRET)))
            .assumeRole(AssumeRole.builder().roleArn(ROLE).build())
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessage(
              "assuming role '"
                  + ROLE
                  + "' failed: STS answered AccessDenied: User is not authorized to perform:"
                  + " sts:AssumeRole (tried assume role "
                  + ROLE
                  + " with static keys AKID****)")
          .satisfies(
              e -> {
                AuthenticationException auth = (AuthenticationException) e;
                assertThat(auth.kind()).isEqualTo(AuthenticationException.Kind.ASSUME_ROLE_FAILED);
                assertThat(auth.context().awsErrorCode()).isEqualTo("AccessDenied");
                assertThat(auth.context().statusCode()).isEqualTo(403);
                assertThat(auth.retryable()).isFalse();
              });
      assertThat(dynamo.requests()).isEmpty();
    }
  }

  @Test
  void anUnreachableStsIsARetryableAssumeRoleFailureNotMissingCredentials() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Dynakit dynakit =
        adapter(Map.of())
            .credentials(Credentials.staticKeys("AKIDBASE", Secret.of(BASE_SECRET)))
            .assumeRole(AssumeRole.builder().roleArn(ROLE).build())
            .stsEndpoint("http://localhost:" + closedPort)
            .stsHttpClient(
                software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("assuming role '" + ROLE + "' failed: STS could not be reached: ")
          .hasMessageContaining("Connection refused")
          .hasMessageEndingWith("(tried assume role " + ROLE + " with static keys AKID****)")
          .satisfies(
              e -> {
                AuthenticationException auth = (AuthenticationException) e;
                assertThat(auth.kind()).isEqualTo(AuthenticationException.Kind.ASSUME_ROLE_FAILED);
                assertThat(auth.retryable()).isTrue();
                assertThat(auth.getMessage()).doesNotContain(BASE_SECRET);
              });
      assertThat(dynamo.requests()).isEmpty();
    }
  }

  @Test
  void missingBaseCredentialsForTheRoleAreNamed() {
    try (Dynakit dynakit =
        adapter(Map.of("AWS_PROFILE", "missing"))
            .assumeRole(AssumeRole.builder().roleArn(ROLE).build())
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("no credentials: tried profile 'missing' in ")
          .hasMessageEndingWith("(neither file exists)");
      assertThat(sts.calls()).isEmpty();
      assertThat(dynamo.requests()).isEmpty();
    }
  }

  @Test
  void theDurationMustBeWhatStsGrants() {
    assertThatThrownBy(() -> AssumeRole.builder().roleArn(ROLE).durationSeconds(899).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("assumeRole.durationSeconds: must be 900 to 43200 seconds: 899");
    assertThatThrownBy(() -> AssumeRole.builder().roleArn(ROLE).durationSeconds(43_201).build())
        .hasMessage("assumeRole.durationSeconds: must be 900 to 43200 seconds: 43201");
    assertThatThrownBy(
            () ->
                adapter(
                        Map.of(
                            "AWS_ASSUME_ROLE_ARN", ROLE, "AWS_ASSUME_ROLE_DURATION_SECONDS", "60"))
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("AWS_ASSUME_ROLE_DURATION_SECONDS: must be 900 to 43200 seconds: 60");
    assertThatThrownBy(
            () ->
                adapter(
                        Map.of(
                            "AWS_ASSUME_ROLE_ARN",
                            ROLE,
                            "AWS_ASSUME_ROLE_DURATION_SECONDS",
                            "an hour"))
                    .build())
        .hasMessage("AWS_ASSUME_ROLE_DURATION_SECONDS: not a whole number of seconds: 'an hour'");
  }

  @Test
  void roleSettingsAreChecked() {
    assertThatThrownBy(() -> AssumeRole.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("assumeRole.roleArn: a role ARN is required");
    assertThatThrownBy(() -> AssumeRole.builder().roleArn("orders-reader").build())
        .hasMessage(
            "assumeRole.roleArn: not an IAM role ARN (arn:aws:iam::<account>:role/<name>):"
                + " 'orders-reader'");
    assertThatThrownBy(() -> AssumeRole.builder().roleArn(ROLE).sessionName("a b").build())
        .hasMessage("assumeRole.sessionName: must be 2 to 64 letters, digits or +=,.@-: 'a b'");
    assertThatThrownBy(() -> AssumeRole.builder().roleArn(ROLE).externalId("x").build())
        .hasMessageStartingWith("assumeRole.externalId: must be 2 to 1224");
    assertThatThrownBy(() -> adapter(Map.of("AWS_ASSUME_ROLE_EXTERNAL_ID", "partner")).build())
        .hasMessage("AWS_ASSUME_ROLE_EXTERNAL_ID: set without AWS_ASSUME_ROLE_ARN");
    AssumeRole role = AssumeRole.builder().roleArn(ROLE).externalId("partner-42").build();
    assertThat(role.toString()).contains(ROLE).doesNotContain("partner-42");
    assertThat(role.sessionName(CLOCK)).isEqualTo("dynakit-1700000000");
    assertThat(role.durationSeconds()).isEqualTo(AssumeRole.DEFAULT_DURATION_SECONDS);
    assertThat(role.externalId()).contains("partner-42");
    assertThat(role.sessionName()).isEmpty();
  }

  @Test
  void webIdentityFromTheEnvironmentExchangesTheTokenFile() throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, WEB_TOKEN);
    try (Dynakit dynakit =
        adapter(
                Map.of(
                    "AWS_WEB_IDENTITY_TOKEN_FILE",
                    token.toString(),
                    "AWS_ROLE_ARN",
                    ROLE,
                    "AWS_ROLE_SESSION_NAME",
                    "pod-7"))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(sts.calls()).hasSize(1);
      assertThat(sts.calls().get(0))
          .containsEntry("Action", "AssumeRoleWithWebIdentity")
          .containsEntry("RoleArn", ROLE)
          .containsEntry("RoleSessionName", "pod-7")
          .containsEntry("WebIdentityToken", WEB_TOKEN);
      assertThat(dynamo.lastAuthorization()).contains("Credential=ASIAROLEKEY/");
      assertThat(dynakit.config().toString())
          .contains("web identity token " + token + " for role " + ROLE)
          .doesNotContain(WEB_TOKEN);
    }
  }

  @Test
  void webIdentityFromTheBuilderDefaultsTheSessionName() throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, WEB_TOKEN);
    try (Dynakit dynakit =
        adapter(Map.of()).credentials(Credentials.webIdentity(ROLE, token, null)).build()) {
      dynakit.sdk().listTables();
      assertThat(sts.calls().get(0)).containsEntry("RoleSessionName", "dynakit-1700000000");
    }
  }

  @Test
  void aMissingTokenFileFailsTheFirstCall() {
    Path token = dir.resolve("no-such-token");
    try (Dynakit dynakit =
        adapter(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(), "AWS_ROLE_ARN", ROLE))
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("no credentials: tried web identity token " + token);
      assertThat(dynamo.requests()).isEmpty();
    }
  }

  @Test
  void aRefusedWebIdentityIsAnAssumeRoleFailure() throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, WEB_TOKEN);
    sts.failWith("InvalidIdentityToken");
    try (Dynakit dynakit =
        adapter(Map.of()).credentials(Credentials.webIdentity(ROLE, token, "pod")).build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith(
              "assuming role '" + ROLE + "' failed: STS answered InvalidIdentityToken")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WEB_TOKEN));
    }
  }

  @Test
  void webIdentityNeedsBothVariables() {
    assertThatThrownBy(() -> adapter(Map.of("AWS_ROLE_ARN", ROLE)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("AWS_WEB_IDENTITY_TOKEN_FILE: missing while AWS_ROLE_ARN is set");
    assertThatThrownBy(
            () -> adapter(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", "/t", "AWS_ROLE_ARN", "r")).build())
        .hasMessageStartingWith("AWS_ROLE_ARN: not an IAM role ARN");
    assertThatThrownBy(
            () ->
                adapter(
                        Map.of(
                            "AWS_WEB_IDENTITY_TOKEN_FILE", "/t",
                            "AWS_ROLE_ARN", ROLE,
                            "AWS_ROLE_SESSION_NAME", "x"))
                    .build())
        .hasMessageStartingWith("AWS_ROLE_SESSION_NAME: must be 2 to 64");
  }
}
