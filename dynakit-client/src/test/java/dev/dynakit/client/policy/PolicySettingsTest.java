package dev.dynakit.client.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {
  @Test
  void theDefaultIsReadOnlyOnEveryTable() {
    Policy policy = Policy.defaults();
    assertThat(policy.allowWrite()).isFalse();
    assertThat(policy.allowsTable("anything")).isTrue();
    assertThat(policy).isEqualTo(Policy.fromEnvironment(Map.of()));
    assertThat(policy.toString()).isEqualTo("Policy[allow_write=false, allow_tables=(all)]");
  }

  @Test
  void namesMatchExactlyAndPatternsByPrefix() {
    Policy policy = Policy.builder().allowTables("orders", "app_*").build();
    assertThat(policy.allowsTable("orders")).isTrue();
    assertThat(policy.allowsTable("orders2")).isFalse();
    assertThat(policy.allowsTable("app_")).isTrue();
    assertThat(policy.allowsTable("app_users")).isTrue();
    assertThat(policy.allowsTable("apps")).isFalse();
    assertThat(Policy.builder().allowTables(List.of("*")).build().allowsTable("x")).isTrue();
    assertThat(policy.hashCode())
        .isEqualTo(Policy.builder().allowTables("orders", "app_*").build().hashCode());
    assertThat(policy.toString()).isEqualTo("Policy[allow_write=false, allow_tables=orders,app_*]");
  }

  @Test
  void badPatternsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> Policy.builder().allowTables("a*b"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("allowTables: 'a*b' is neither a table name nor a prefix pattern");
    assertThatThrownBy(
            () -> Policy.fromEnvironment(Map.of(Policy.ENV_ALLOW_TABLES, "ok, bad name")))
        .hasMessageStartingWith("DYNAKIT_ALLOW_TABLES: 'bad name' is neither");
  }

  @Test
  void theEnvironmentAndTheSeedAliasesAreRead() {
    assertThat(Policy.fromEnvironment(Map.of(Policy.ENV_ALLOW_WRITE, "YES")).allowWrite()).isTrue();
    assertThat(Policy.fromEnvironment(Map.of(Policy.ENV_ALLOW_WRITE, "0")).allowWrite()).isFalse();
    Policy aliases =
        Policy.fromEnvironment(
            Map.of(
                Policy.ENV_ALLOW_WRITE_ALIAS, "1", Policy.ENV_ALLOW_TABLES_ALIAS, "a_*,,orders"));
    assertThat(aliases.allowWrite()).isTrue();
    assertThat(aliases.allowedTables()).containsExactly("a_*", "orders");
    Policy preferred =
        Policy.fromEnvironment(
            Map.of(Policy.ENV_ALLOW_WRITE, "false", Policy.ENV_ALLOW_WRITE_ALIAS, "true"));
    assertThat(preferred.allowWrite()).isFalse();
  }

  @Test
  void aBadBooleanNamesTheVariable() {
    assertThatThrownBy(() -> Policy.fromEnvironment(Map.of(Policy.ENV_ALLOW_WRITE, "maybe")))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.kind()).isEqualTo(ConfigurationException.Kind.INVALID_SETTING))
        .hasMessage(
            "DYNAKIT_ALLOW_WRITE must be true or false (or yes/no, on/off, 1/0), was 'maybe'");
  }

  @Test
  void profilesAreFoundByNameAndFromTheEnvironment() {
    assertThat(SecurityProfile.of("Sandbox-Network-Restricted"))
        .isEqualTo(SecurityProfile.SANDBOX_NETWORK_RESTRICTED);
    assertThat(SecurityProfile.fromEnvironment(Map.of())).isEqualTo(SecurityProfile.UNRESTRICTED);
    assertThat(
            SecurityProfile.fromEnvironment(
                Map.of(SecurityProfile.ENV_ALIAS, "sandbox_compute_and_store")))
        .isEqualTo(SecurityProfile.SANDBOX_COMPUTE_AND_STORE);
    assertThat(SecurityProfile.SANDBOX_COMPUTE_AND_STORE.allowsAdapter()).isFalse();
    assertThat(SecurityProfile.UNRESTRICTED.profileName()).isEqualTo("unrestricted");
    SecurityProfile.SANDBOX_NETWORK_RESTRICTED.checkAdapterAllowed();
    assertThatThrownBy(() -> SecurityProfile.fromEnvironment(Map.of(SecurityProfile.ENV, "open")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "DYNAKIT_SECURITY_PROFILE: unknown security profile 'open' (known: unrestricted,"
                + " sandbox_network_restricted, sandbox_compute_and_store)");
  }
}
