package dev.dynakit.client.policy;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.PolicyViolationException;
import java.util.Locale;
import java.util.Map;

/**
 * The security profile the adapter runs under. A network-facing, destructive adapter (see {@link
 * AdapterManifest}) is forbidden in {@code sandbox_compute_and_store} and allowed in {@code
 * sandbox_network_restricted} and {@code unrestricted} (the default).
 */
public enum SecurityProfile {
  /** No sandbox: the adapter is allowed. The default. */
  UNRESTRICTED("unrestricted", true),
  /** A sandbox that allows restricted network access: the adapter may be enabled. */
  SANDBOX_NETWORK_RESTRICTED("sandbox_network_restricted", true),
  /** A sandbox for computation and local storage only: the adapter is forbidden. */
  SANDBOX_COMPUTE_AND_STORE("sandbox_compute_and_store", false);

  /** Environment variable naming the profile. */
  public static final String ENV = "DYNAKIT_SECURITY_PROFILE";

  /** The seed's name for {@link #ENV}, accepted as an alias. */
  public static final String ENV_ALIAS = "AINL_SECURITY_PROFILE";

  private final String profileName;
  private final boolean allowsAdapter;

  SecurityProfile(String profileName, boolean allowsAdapter) {
    this.profileName = profileName;
    this.allowsAdapter = allowsAdapter;
  }

  /** The profile's name as configuration spells it, such as {@code sandbox_compute_and_store}. */
  public String profileName() {
    return profileName;
  }

  /** Whether the DynamoDB adapter may be used under this profile. */
  public boolean allowsAdapter() {
    return allowsAdapter;
  }

  /**
   * Throws if this profile forbids the adapter.
   *
   * @throws PolicyViolationException of kind {@code PROFILE_FORBIDS_ADAPTER}
   */
  public void checkAdapterAllowed() {
    if (!allowsAdapter) {
      throw new PolicyViolationException(
          PolicyViolationException.Kind.PROFILE_FORBIDS_ADAPTER,
          "the dynamodb adapter is forbidden under the security profile '"
              + profileName
              + "' (it is network-facing and destructive; use sandbox_network_restricted or"
              + " unrestricted)",
          ErrorContext.local(null, null),
          false,
          null);
    }
  }

  /**
   * The profile named {@code name} (case-insensitive, {@code -} and {@code _} alike).
   *
   * @throws ConfigurationException naming the known profiles if there is no such profile
   */
  public static SecurityProfile of(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    for (SecurityProfile profile : values()) {
      if (profile.profileName.equals(wanted)) {
        return profile;
      }
    }
    throw new ConfigurationException(
        ConfigurationException.Kind.INVALID_SETTING,
        "unknown security profile '"
            + name
            + "' (known: unrestricted, sandbox_network_restricted, sandbox_compute_and_store)",
        ErrorContext.local(null, null),
        false,
        null);
  }

  /**
   * The profile {@value #ENV} (or its alias {@value #ENV_ALIAS}) names, or {@link #UNRESTRICTED} if
   * neither is set.
   */
  public static SecurityProfile fromEnvironment(Map<String, String> environment) {
    for (String variable : new String[] {ENV, ENV_ALIAS}) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        try {
          return of(value);
        } catch (ConfigurationException e) {
          throw new ConfigurationException(
              ConfigurationException.Kind.INVALID_SETTING,
              variable + ": " + e.getMessage(),
              ErrorContext.local(null, null),
              false,
              null);
        }
      }
    }
    return UNRESTRICTED;
  }
}
