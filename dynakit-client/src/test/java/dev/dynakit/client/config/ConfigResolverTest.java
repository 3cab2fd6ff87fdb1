package dev.dynakit.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
  @TempDir Path home;

  private DynakitConfig resolve(Overrides given, Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    env.putIfAbsent("HOME", home.toString());
    return ConfigResolver.resolve(given, env, false);
  }

  private DynakitConfig resolve(Map<String, String> environment) {
    return resolve(new Overrides(), environment);
  }

  private static ConfigurationException.Kind kind(Throwable e) {
    return ((ConfigurationException) e).kind();
  }

  @Test
  void defaultsWhenNothingIsSet() {
    DynakitConfig config = resolve(Map.of());
    assertThat(config.endpoint()).isEmpty();
    assertThat(config.embedded()).isFalse();
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.callTimeout()).isEmpty();
    assertThat(config.attemptTimeout()).isEmpty();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.consistentRead()).isFalse();
    assertThat(config.tablePrefix()).isEmpty();
    assertThat(config.stsEndpoint()).isEmpty();
    assertThat(config.sources())
        .containsEntry("endpoint", "default")
        .containsEntry("region", "default")
        .containsEntry("consistentRead", "default");
  }

  @Test
  void theBuilderWinsOverTheEnvironment() {
    DynakitConfig config =
        resolve(
            new Overrides()
                .endpoint("http://builder:8000")
                .region("eu-west-1")
                .callTimeout(Duration.ofSeconds(9))
                .consistentRead(false)
                .tablePrefix("builder_"),
            Map.of(
                "DYNAKIT_ENDPOINT", "http://environment:8000",
                "DYNAKIT_REGION", "eu-central-1",
                "DYNAKIT_CALL_TIMEOUT", "3s",
                "DYNAKIT_CONSISTENT_READ", "true",
                "DYNAKIT_TABLE_PREFIX", "env_"));
    assertThat(config.endpoint()).contains("http://builder:8000");
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.callTimeout()).contains(Duration.ofSeconds(9));
    assertThat(config.consistentRead()).isFalse();
    assertThat(config.tablePrefix()).contains("builder_");
    assertThat(config.sources().get("region")).isEqualTo("builder");
  }

  @Test
  void theEnvironmentGivesEverySetting() {
    DynakitConfig config =
        resolve(
            Map.of(
                "DYNAKIT_ENDPOINT", "https://dynamodb.example.com",
                "DYNAKIT_REGION", "ap-southeast-2",
                "DYNAKIT_CALL_TIMEOUT", "PT10S",
                "DYNAKIT_ATTEMPT_TIMEOUT", "250ms",
                "DYNAKIT_CONNECT_TIMEOUT", "1.5",
                "DYNAKIT_CONSISTENT_READ", "TRUE",
                "DYNAKIT_TABLE_PREFIX", "staging.",
                "AWS_ENDPOINT_URL_STS", "https://sts.example.com"));
    assertThat(config.endpoint()).contains("https://dynamodb.example.com");
    assertThat(config.region()).isEqualTo("ap-southeast-2");
    assertThat(config.callTimeout()).contains(Duration.ofSeconds(10));
    assertThat(config.attemptTimeout()).contains(Duration.ofMillis(250));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.consistentRead()).isTrue();
    assertThat(config.tablePrefix()).contains("staging.");
    assertThat(config.stsEndpoint().map(Object::toString)).contains("https://sts.example.com");
    assertThat(config.sources())
        .containsEntry("callTimeout", "DYNAKIT_CALL_TIMEOUT")
        .containsEntry("tablePrefix", "DYNAKIT_TABLE_PREFIX")
        .containsEntry("stsEndpoint", "AWS_ENDPOINT_URL_STS");
  }

  @Test
  void endpointVariablesWinInTheDocumentedOrder() {
    Map<String, String> all = new HashMap<>();
    for (int i = 0; i < ConfigResolver.ENDPOINT_VARIABLES.size(); i++) {
      all.put(ConfigResolver.ENDPOINT_VARIABLES.get(i), "http://host" + i + ":8000");
    }
    for (int i = 0; i < ConfigResolver.ENDPOINT_VARIABLES.size(); i++) {
      DynakitConfig config = resolve(all);
      assertThat(config.endpoint()).contains("http://host" + i + ":8000");
      assertThat(config.sources().get("endpoint"))
          .startsWith(ConfigResolver.ENDPOINT_VARIABLES.get(i));
      all.remove(ConfigResolver.ENDPOINT_VARIABLES.get(i));
    }
    assertThat(ConfigResolver.ENDPOINT_VARIABLES)
        .containsExactly(
            "DYNAKIT_ENDPOINT",
            "AINL_DYNAMODB_URL",
            "AWS_ENDPOINT_URL_DYNAMODB",
            "DYNAMODB_ENDPOINT_URL",
            "AWS_DYNAMODB_ENDPOINT",
            "AWS_ENDPOINT_URL");
  }

  @Test
  void theSourceNamesTheVariablesAWinnerShadows() {
    DynakitConfig config =
        resolve(
            Map.of(
                "AWS_ENDPOINT_URL", "http://all-services:4566",
                "AINL_DYNAMODB_URL", "http://127.0.0.1:8000"));
    assertThat(config.endpoint()).contains("http://127.0.0.1:8000");
    assertThat(config.sources().get("endpoint"))
        .isEqualTo("AINL_DYNAMODB_URL (over AWS_ENDPOINT_URL)");
  }

  @Test
  void regionVariablesWinInTheDocumentedOrder() {
    assertThat(resolve(Map.of("AWS_DEFAULT_REGION", "eu-west-3")).region()).isEqualTo("eu-west-3");
    assertThat(
            resolve(Map.of("AWS_DEFAULT_REGION", "eu-west-3", "AWS_REGION", "eu-west-2")).region())
        .isEqualTo("eu-west-2");
    assertThat(
            resolve(Map.of("AINL_DYNAMODB_REGION", "us-west-2", "AWS_REGION", "eu-west-2"))
                .region())
        .isEqualTo("us-west-2");
    assertThat(
            resolve(Map.of("AINL_DYNAMODB_REGION", "us-west-2", "DYNAKIT_REGION", "us-gov-west-1"))
                .region())
        .isEqualTo("us-gov-west-1");
  }

  @Test
  void theProfileGivesRegionAndEndpointWhenTheEnvironmentDoesNot() throws IOException {
    Path config = home.resolve("aws-config");
    Files.writeString(
        config,
        "[default]\nregion = sa-east-1\n"
            + "[profile dev]\nregion = eu-north-1\nendpoint_url = http://localhost:8000\n");
    DynakitConfig dev = resolve(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "dev"));
    assertThat(dev.region()).isEqualTo("eu-north-1");
    assertThat(dev.endpoint()).contains("http://localhost:8000");
    assertThat(dev.sources().get("region")).startsWith("profile 'dev' in " + config);
    assertThat(dev.sources()).containsEntry("profile", "AWS_PROFILE");
    assertThat(dev.profile().name()).isEqualTo("dev");
    assertThat(dev.toString()).contains("profile=profile 'dev' in " + config);

    assertThat(resolve(Map.of("AWS_CONFIG_FILE", config.toString())).region())
        .isEqualTo("sa-east-1");
    assertThat(
            resolve(new Overrides().profile("dev"), Map.of("AWS_CONFIG_FILE", config.toString()))
                .region())
        .isEqualTo("eu-north-1");
    assertThat(
            resolve(
                    Map.of(
                        "AWS_CONFIG_FILE", config.toString(),
                        "AWS_PROFILE", "dev",
                        "AWS_REGION", "eu-west-1"))
                .region())
        .isEqualTo("eu-west-1");
  }

  @Test
  void aProfileFileThatCannotBeReadFailsTheBuild() throws IOException {
    Path config = home.resolve("aws-config");
    Files.writeString(config, "region = eu-west-1\n[profile dev\n");
    assertThatThrownBy(
            () ->
                resolve(
                    new Overrides().region("eu-west-1"),
                    Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "dev")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("profile 'dev' in " + config)
        .hasMessageContaining("the profile files cannot be read: ");
  }

  @Test
  void theDefaultProfileUnderHomeIsRead() throws IOException {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws").resolve("config"), "[default]\nregion = me-south-1\n");
    assertThat(resolve(Map.of()).region()).isEqualTo("me-south-1");
  }

  @Test
  void aWrongRegionIsNamedWithItsSource() throws IOException {
    assertThatThrownBy(() -> resolve(Map.of("DYNAKIT_REGION", "EU WEST")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("DYNAKIT_REGION: not a region name: 'EU WEST'")
        .satisfies(e -> assertThat(kind(e)).isEqualTo(ConfigurationException.Kind.INVALID_REGION));
    assertThatThrownBy(() -> resolve(new Overrides().region("mars"), Map.of()))
        .hasMessage("builder setting region: not a region name: 'mars'");
    Path config = home.resolve("aws-config");
    Files.writeString(config, "[default]\nregion = somewhere\n");
    assertThatThrownBy(() -> resolve(Map.of("AWS_CONFIG_FILE", config.toString())))
        .hasMessageStartingWith("'region' of profile 'default' in " + config)
        .hasMessageEndingWith(": not a region name: 'somewhere'");
  }

  @Test
  void endpointsAreChecked() {
    assertThatThrownBy(() -> resolve(Map.of("DYNAKIT_ENDPOINT", "ftp://files:21")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "DYNAKIT_ENDPOINT: not an http:// or https:// URL, embedded: or embedded:<dir>:"
                + " 'ftp://files:21'")
        .satisfies(
            e -> assertThat(kind(e)).isEqualTo(ConfigurationException.Kind.INVALID_ENDPOINT));
    assertThatThrownBy(() -> resolve(Map.of("AWS_ENDPOINT_URL", "localhost:8000")))
        .hasMessageStartingWith("AWS_ENDPOINT_URL: not an http:// or https:// URL");
    assertThatThrownBy(() -> resolve(new Overrides().endpoint("http://"), Map.of()))
        .hasMessageStartingWith("builder setting endpoint: not a URL");
    assertThatThrownBy(() -> resolve(new Overrides().endpoint("http:///path"), Map.of()))
        .hasMessage("builder setting endpoint: the URL has no host: 'http:///path'");
    assertThatThrownBy(() -> resolve(Map.of("AWS_ENDPOINT_URL_STS", "sts")))
        .hasMessageStartingWith("AWS_ENDPOINT_URL_STS: not an http:// or https:// URL");
    assertThatThrownBy(() -> resolve(new Overrides().stsEndpoint("sts"), Map.of()))
        .hasMessageStartingWith("builder setting stsEndpoint: not an http:// or https:// URL");
    assertThatThrownBy(
            () -> resolve(Map.of("DYNAKIT_ENDPOINT", "https://me:SECRET-MARKER-pw@db.example.com")))
        .hasMessage(
            "DYNAKIT_ENDPOINT: an endpoint URL takes no user information:"
                + " 'https://****@db.example.com'");
    assertThatThrownBy(
            () -> resolve(Map.of("DYNAKIT_ENDPOINT", "https://me:SECRET-MARKER-pw@db example")))
        .hasMessage("DYNAKIT_ENDPOINT: not a URL: 'https://****@db example'");
    assertThat(resolve(Map.of("DYNAKIT_ENDPOINT", "embedded:")).embedded()).isTrue();
    assertThat(resolve(Map.of("DYNAKIT_ENDPOINT", " embedded:/var/data ")).endpoint())
        .contains("embedded:/var/data");
  }

  @Test
  void timeoutsAreChecked() {
    assertThatThrownBy(() -> resolve(Map.of("DYNAKIT_CALL_TIMEOUT", "soon")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "DYNAKIT_CALL_TIMEOUT: not a positive duration (such as 5s, 250ms, 2m or PT5S): 'soon'");
    assertThatThrownBy(() -> resolve(Map.of("DYNAKIT_CONNECT_TIMEOUT", "0s")))
        .hasMessageStartingWith("DYNAKIT_CONNECT_TIMEOUT: not a positive duration");
    assertThatThrownBy(
            () -> resolve(new Overrides().attemptTimeout(Duration.ofSeconds(-1)), Map.of()))
        .hasMessage("builder setting attemptTimeout: must be positive: 'PT-1S'");
    assertThatThrownBy(
            () -> resolve(Map.of("DYNAKIT_CALL_TIMEOUT", "1s", "DYNAKIT_ATTEMPT_TIMEOUT", "2s")))
        .hasMessage("DYNAKIT_ATTEMPT_TIMEOUT: longer than the call timeout PT1S: 'PT2S'");
  }

  @Test
  void consistentReadIsABoolean() {
    assertThat(resolve(Map.of("DYNAKIT_CONSISTENT_READ", "yes")).consistentRead()).isTrue();
    assertThat(resolve(Map.of("DYNAKIT_CONSISTENT_READ", "0")).consistentRead()).isFalse();
    assertThat(resolve(Map.of("DYNAKIT_CONSISTENT_READ", "off")).consistentRead()).isFalse();
    assertThat(resolve(new Overrides().consistentRead(true), Map.of()).consistentRead()).isTrue();
    assertThatThrownBy(() -> resolve(Map.of("DYNAKIT_CONSISTENT_READ", "strong")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "DYNAKIT_CONSISTENT_READ must be true or false (or yes/no, on/off, 1/0), was 'strong'");
  }

  @Test
  void theTablePrefixMustFitInATableName() {
    assertThatThrownBy(() -> resolve(Map.of("DYNAKIT_TABLE_PREFIX", "dev/")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "DYNAKIT_TABLE_PREFIX: a table name prefix is 1 to 200 letters, digits, '_', '-' or"
                + " '.': 'dev/'");
    assertThatThrownBy(() -> resolve(new Overrides().profile(" "), Map.of()))
        .hasMessage("builder setting profile: empty: ''");
  }

  @Test
  void blankVariablesCountAsUnset() {
    DynakitConfig config = resolve(Map.of("DYNAKIT_REGION", " ", "AWS_REGION", "eu-west-1"));
    assertThat(config.region()).isEqualTo("eu-west-1");
  }

  @Test
  void toStringShowsValuesAndSourcesButNoSecret() {
    DynakitConfig config =
        resolve(
            Map.of(
                "DYNAKIT_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "SECRET-MARKER-config-secret",
                "AWS_SESSION_TOKEN", "SECRET-MARKER-config-token"));
    assertThat(config.toString())
        .contains("region=eu-west-1 (DYNAKIT_REGION)")
        .contains("endpoint=(none) (default)")
        .contains("credentials=static keys with session token AKID**** (from environment)")
        .doesNotContain("SECRET-MARKER", "AKIDEXAMPLE");
  }
}
