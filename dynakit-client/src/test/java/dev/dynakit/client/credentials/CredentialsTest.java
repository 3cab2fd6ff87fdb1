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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@ScanForSecrets({CredentialsTest.SECRET, CredentialsTest.TOKEN})
class CredentialsTest {
  static final String SECRET = "SECRET-MARKER-static-secret";
  static final String TOKEN = "SECRET-MARKER-static-token";

  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final CapturingHttpClient http = new CapturingHttpClient(engine.httpClient());

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
        .httpClient(http);
  }

  @Test
  void secretNeverShowsItsValue() {
    Secret secret = Secret.of(SECRET);
    assertThat(secret.toString()).doesNotContain(SECRET).isEqualTo("****");
    assertThat(secret.reveal()).isEqualTo(SECRET);
    assertThat(secret).isNotEqualTo(Secret.of(SECRET)).isEqualTo(secret);
    assertThatThrownBy(() -> Secret.of("")).hasMessageContaining("empty");
  }

  @Test
  void credentialsNameTheirSourceButNoSecret() {
    Credentials keys = Credentials.staticKeys("AKIDEXAMPLE", Secret.of(SECRET), Secret.of(TOKEN));
    assertThat(keys.toString())
        .contains("static keys with session token AKID****")
        .doesNotContain(SECRET, TOKEN, "AKIDEXAMPLE");
    assertThat(Credentials.profile("dev")).hasToString("Credentials[profile 'dev']");
    assertThat(Credentials.defaultChain().toString()).contains("default chain");
    assertThat(Credentials.anonymous().toString()).contains("anonymous");
    assertThatThrownBy(() -> Credentials.profile(" "))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("credentials profile: the profile name is empty");
    assertThatThrownBy(() -> Credentials.staticKeys("", Secret.of(SECRET)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("accessKeyId");
  }

  @Test
  void staticKeysFromTheBuilderSignRequests() {
    try (Dynakit dynakit =
        adapter(Map.of())
            .credentials(Credentials.staticKeys("AKIDBUILDER", Secret.of(SECRET)))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(http.lastAuthorization())
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDBUILDER/")
          .contains("/eu-west-1/dynamodb/aws4_request")
          .doesNotContain(SECRET);
      assertThat(dynakit.config().credentials().describe())
          .isEqualTo("static keys AKID**** (from builder)");
      assertThat(dynakit.config().toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void aProviderFromTheBuilderIsUsedAsItIs() {
    try (Dynakit dynakit =
        adapter(Map.of())
            .credentials(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDPROVIDER", SECRET)))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(http.lastAuthorization()).contains("Credential=AKIDPROVIDER/");
    }
  }

  @Test
  void keysFromTheEnvironmentSignRequestsWithTheirSessionToken() {
    try (Dynakit dynakit =
        adapter(
                Map.of(
                    "AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT",
                    "AWS_SECRET_ACCESS_KEY", SECRET,
                    "AWS_SESSION_TOKEN", TOKEN))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(http.lastAuthorization()).contains("Credential=AKIDENVIRONMENT/");
      assertThat(http.requests().get(0).firstMatchingHeader("X-Amz-Security-Token"))
          .contains(TOKEN);
      assertThat(dynakit.config().credentials().describe())
          .isEqualTo("static keys with session token AKID**** (from environment)");
      assertThat(dynakit.config().sources()).containsEntry("credentials", "environment");
    }
  }

  @Test
  void halfAKeyPairInTheEnvironmentFailsTheBuild() {
    assertThatThrownBy(() -> adapter(Map.of("AWS_ACCESS_KEY_ID", "AKIDONLY")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("AWS_SECRET_ACCESS_KEY: missing while AWS_ACCESS_KEY_ID is set");
    assertThatThrownBy(() -> adapter(Map.of("AWS_SECRET_ACCESS_KEY", SECRET)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("AWS_ACCESS_KEY_ID: missing while AWS_SECRET_ACCESS_KEY is set")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void noCredentialsAnywhereFailsTheFirstCallNamingEverySourceTried() {
    Path config = dir.resolve("config");
    try (Dynakit dynakit =
        adapter(
                Map.of(
                    "AWS_CONFIG_FILE", config.toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString()))
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessage(
              "no credentials: tried static keys from environment (AWS_ACCESS_KEY_ID missing), "
                  + "web identity from environment (AWS_WEB_IDENTITY_TOKEN_FILE missing), "
                  + "profile 'default' in "
                  + config
                  + ", "
                  + dir.resolve("credentials")
                  + " (neither file exists)")
          .satisfies(
              e ->
                  assertThat(((AuthenticationException) e).kind())
                      .isEqualTo(AuthenticationException.Kind.CREDENTIALS_NOT_FOUND));
      assertThat(http.requests()).isEmpty();
    }
  }

  @Test
  void aNamedProfileSignsWithItsKeys() throws IOException {
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = "
            + SECRET
            + "\n[dev]\naws_access_key_id = AKIDDEVPROFILE\naws_secret_access_key = "
            + SECRET
            + "\n");
    try (Dynakit dynakit =
        adapter(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), "AWS_PROFILE", "dev"))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(http.lastAuthorization()).contains("Credential=AKIDDEVPROFILE/");
      assertThat(dynakit.config().credentials().describe())
          .startsWith("profile 'dev' in ")
          .endsWith("(from configuration)");
      assertThat(dynakit.config().credentials().origin()).isEqualTo("configuration");
    }
    try (Dynakit dynakit =
        adapter(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()))
            .credentials(Credentials.profile("default"))
            .build()) {
      dynakit.sdk().listTables();
      assertThat(http.lastAuthorization()).contains("Credential=AKIDDEFAULT/");
    }
  }

  @Test
  void aMissingNamedProfileFailsTheFirstCall() throws IOException {
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials, "[default]\naws_access_key_id = A\naws_secret_access_key = " + SECRET + "\n");
    try (Dynakit dynakit =
        adapter(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()))
            .profile("prod")
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("no credentials: tried profile 'prod' in ")
          .hasMessageEndingWith(credentials + " (no such profile)");
      assertThat(http.requests()).isEmpty();
    }
  }

  @Test
  void aProfileWithoutKeysFailsWithTheSdksReason() throws IOException {
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile dev]\nregion = eu-west-1\n");
    try (Dynakit dynakit =
        adapter(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "dev")).build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("no credentials: tried profile 'dev' in " + config);
    }
  }

  @Test
  void aBrokenProfileIsReportedWithoutItsSecret() throws IOException {
    Path credentials = dir.resolve("credentials");
    Files.writeString(credentials, "[dev]\naws_secret_access_key = " + SECRET + "\n");
    try (Dynakit dynakit =
        adapter(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), "AWS_PROFILE", "dev"))
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("no credentials: tried profile 'dev' in ")
          .satisfies(
              e -> {
                assertThat(e.getMessage()).doesNotContain(SECRET);
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                  assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
                }
              });
    }
  }

  @Test
  void aFailingProviderIsReportedAsAnAuthenticationError() {
    try (Dynakit dynakit =
        adapter(Map.of())
            .credentials(
                Credentials.provider(
                    () -> {
                      throw new IllegalStateException("vault unreachable");
                    }))
            .build()) {
      assertThatThrownBy(() -> dynakit.sdk().listTables())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("no credentials: tried credentials provider")
          .hasMessageEndingWith("(vault unreachable)");
    }
  }

  @Test
  void credentialsGivenTwiceFailTheBuild() {
    assertThatThrownBy(
            () ->
                adapter(Map.of())
                    .credentials(Credentials.anonymous())
                    .credentials(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("given twice");
  }

  @Test
  void anonymousCredentialsSendUnsignedRequests() {
    try (Dynakit dynakit = adapter(Map.of()).credentials(Credentials.anonymous()).build()) {
      dynakit.sdk().listTables();
      assertThat(http.lastAuthorization()).isNull();
    }
  }
}
