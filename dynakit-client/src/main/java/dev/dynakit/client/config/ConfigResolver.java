package dev.dynakit.client.config;

import dev.dynakit.client.credentials.CredentialsPlan;
import dev.dynakit.client.credentials.ProfileLocation;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.spi.EmbeddedEngines;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the adapter's configuration: for each setting the builder's value, else the first
 * environment variable set among the setting's names (in the documented order), else the AWS
 * profile's, else the default. Every value is checked here, so a wrong setting fails the build with
 * a {@link ConfigurationException} naming the setting and where it came from.
 */
public final class ConfigResolver {
  /** The endpoint's environment variables, the first set winning. */
  public static final List<String> ENDPOINT_VARIABLES =
      List.of(
          "DYNAKIT_ENDPOINT",
          "AINL_DYNAMODB_URL",
          "AWS_ENDPOINT_URL_DYNAMODB",
          "DYNAMODB_ENDPOINT_URL",
          "AWS_DYNAMODB_ENDPOINT",
          "AWS_ENDPOINT_URL");

  /** The region's environment variables, the first set winning. */
  public static final List<String> REGION_VARIABLES =
      List.of("DYNAKIT_REGION", "AINL_DYNAMODB_REGION", "AWS_REGION", "AWS_DEFAULT_REGION");

  /** The region when nothing names one. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The connect timeout when nothing names one (the SDK's own default). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
  private static final String BUILDER = "builder";
  private static final Logger LOG = LoggerFactory.getLogger(ConfigResolver.class);

  private final Overrides given;
  private final Map<String, String> environment;
  private final ProfileLocation profile;
  private final Map<String, String> sources = new LinkedHashMap<>();

  private ConfigResolver(Overrides given, Map<String, String> environment) {
    this.given = given;
    this.environment = environment;
    if (given.profile != null && given.profile.isBlank()) {
      throw invalid(
          ConfigurationException.Kind.INVALID_SETTING, "builder setting profile", "", "empty");
    }
    this.profile = ProfileLocation.from(environment, given.profile);
    sources.put(
        DynakitConfig.PROFILE,
        given.profile != null ? BUILDER : profile.named() ? "AWS_PROFILE" : "default");
  }

  /**
   * Resolves and checks every setting.
   *
   * @param given the settings given in code
   * @param environment the environment variables to read
   * @param processEnvironment whether the environment is this process's own (then missing
   *     credentials fall back to the SDK's whole default chain)
   * @throws ConfigurationException naming the first wrong setting and its source
   */
  public static DynakitConfig resolve(
      Overrides given, Map<String, String> environment, boolean processEnvironment) {
    return new ConfigResolver(given, environment).resolve(processEnvironment);
  }

  private DynakitConfig resolve(boolean processEnvironment) {
    readProfileFiles();
    String endpoint = endpoint();
    String region = region();
    Duration call = duration(DynakitConfig.CALL_TIMEOUT, given.callTimeout, "DYNAKIT_CALL_TIMEOUT");
    Duration attempt =
        duration(DynakitConfig.ATTEMPT_TIMEOUT, given.attemptTimeout, "DYNAKIT_ATTEMPT_TIMEOUT");
    Duration connect =
        duration(DynakitConfig.CONNECT_TIMEOUT, given.connectTimeout, "DYNAKIT_CONNECT_TIMEOUT");
    if (connect == null) {
      connect = DEFAULT_CONNECT_TIMEOUT;
      sources.put(DynakitConfig.CONNECT_TIMEOUT, "default");
    }
    if (call != null && attempt != null && attempt.compareTo(call) > 0) {
      throw invalid(
          ConfigurationException.Kind.INVALID_SETTING,
          label(sources.get(DynakitConfig.ATTEMPT_TIMEOUT), DynakitConfig.ATTEMPT_TIMEOUT),
          attempt.toString(),
          "longer than the call timeout " + call);
    }
    boolean consistentRead = consistentRead();
    String prefix = tablePrefix();
    URI sts = stsEndpoint();
    CredentialsPlan credentials =
        CredentialsPlan.choose(
            given.credentials,
            given.assumeRole,
            environment,
            profile,
            EmbeddedEngines.isEmbedded(endpoint),
            processEnvironment);
    sources.put(DynakitConfig.CREDENTIALS, credentials.origin());
    DynakitConfig config =
        new DynakitConfig(
            endpoint,
            region,
            call,
            attempt,
            connect,
            consistentRead,
            prefix,
            sts,
            credentials,
            profile,
            sources);
    LOG.debug("dynakit configuration: {}", config);
    return config;
  }

  private String endpoint() {
    Found found = find(DynakitConfig.ENDPOINT, given.endpoint, ENDPOINT_VARIABLES, "endpoint_url");
    if (found == null) {
      sources.put(DynakitConfig.ENDPOINT, "default");
      return null;
    }
    String value = found.value.trim();
    if (EmbeddedEngines.isEmbedded(value)) {
      return value;
    }
    checkUrl(DynakitConfig.ENDPOINT, found, value);
    return value;
  }

  private void checkUrl(String setting, Found found, String value) {
    String where = label(found.source, setting);
    // User information in a URL may be a password: never repeat it.
    String shown = value.replaceAll("//[^/?#]*@", "//****@");
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(ConfigurationException.Kind.INVALID_ENDPOINT, where, shown, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(
          ConfigurationException.Kind.INVALID_ENDPOINT,
          where,
          shown,
          "not an http:// or https:// URL, embedded: or embedded:<dir>");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(
          ConfigurationException.Kind.INVALID_ENDPOINT,
          where,
          shown,
          "an endpoint URL takes no user information");
    }
    if (uri.getHost() == null) {
      throw invalid(
          ConfigurationException.Kind.INVALID_ENDPOINT, where, shown, "the URL has no host");
    }
  }

  private String region() {
    Found found = find(DynakitConfig.REGION, given.region, REGION_VARIABLES, "region");
    if (found == null) {
      sources.put(DynakitConfig.REGION, "default");
      return DEFAULT_REGION;
    }
    String value = found.value.trim();
    if (!REGION.matcher(value).matches()) {
      throw invalid(
          ConfigurationException.Kind.INVALID_REGION,
          label(found.source, DynakitConfig.REGION),
          found.value,
          "not a region name");
    }
    return value;
  }

  private Duration duration(String name, Duration fromBuilder, String variable) {
    if (fromBuilder != null) {
      if (fromBuilder.isNegative() || fromBuilder.isZero()) {
        throw invalid(
            ConfigurationException.Kind.INVALID_SETTING,
            label(BUILDER, name),
            fromBuilder.toString(),
            "must be positive");
      }
      sources.put(name, BUILDER);
      return fromBuilder;
    }
    String text = variable(variable);
    if (text == null) {
      sources.put(name, "default");
      return null;
    }
    Duration parsed = Durations.parse(text);
    if (parsed == null) {
      throw invalid(
          ConfigurationException.Kind.INVALID_SETTING,
          variable,
          text,
          "not a positive duration (such as 5s, 250ms, 2m or PT5S)");
    }
    sources.put(name, variable);
    return parsed;
  }

  private boolean consistentRead() {
    if (given.consistentRead != null) {
      sources.put(DynakitConfig.CONSISTENT_READ, BUILDER);
      return given.consistentRead;
    }
    Optional<Boolean> value =
        Switches.parse("DYNAKIT_CONSISTENT_READ", variable("DYNAKIT_CONSISTENT_READ"));
    sources.put(
        DynakitConfig.CONSISTENT_READ, value.isPresent() ? "DYNAKIT_CONSISTENT_READ" : "default");
    return value.orElse(false);
  }

  private String tablePrefix() {
    Found found =
        find(DynakitConfig.TABLE_PREFIX, given.tablePrefix, List.of("DYNAKIT_TABLE_PREFIX"), null);
    if (found == null) {
      sources.put(DynakitConfig.TABLE_PREFIX, "default");
      return null;
    }
    if (!TABLE_PREFIX.matcher(found.value).matches()) {
      throw invalid(
          ConfigurationException.Kind.INVALID_SETTING,
          label(found.source, DynakitConfig.TABLE_PREFIX),
          found.value,
          "a table name prefix is 1 to 200 letters, digits, '_', '-' or '.'");
    }
    return found.value;
  }

  private URI stsEndpoint() {
    Found found =
        find(DynakitConfig.STS_ENDPOINT, given.stsEndpoint, List.of("AWS_ENDPOINT_URL_STS"), null);
    if (found == null) {
      sources.put(DynakitConfig.STS_ENDPOINT, "default");
      return null;
    }
    checkUrl(DynakitConfig.STS_ENDPOINT, found, found.value.trim());
    return URI.create(found.value.trim());
  }

  /** The builder's value, else the first environment variable set, else the profile's property. */
  private Found find(String setting, String fromBuilder, List<String> variables, String property) {
    if (fromBuilder != null) {
      sources.put(setting, BUILDER);
      return new Found(fromBuilder, BUILDER);
    }
    List<String> set = new ArrayList<>();
    for (String variable : variables) {
      if (variable(variable) != null) {
        set.add(variable);
      }
    }
    if (!set.isEmpty()) {
      String winner = set.get(0);
      String source =
          set.size() == 1
              ? winner
              : winner + " (over " + String.join(", ", set.subList(1, set.size())) + ")";
      sources.put(setting, source);
      return new Found(variable(winner), winner);
    }
    if (property != null) {
      String value = profileProperty(property);
      if (value != null) {
        String source = profile.describe();
        sources.put(setting, source);
        return new Found(value, "'" + property + "' of " + source);
      }
    }
    return null;
  }

  private String profileProperty(String property) {
    return profile.property(property).orElse(null);
  }

  /** Reads the profile files once, so that a file that cannot be read fails the build. */
  private void readProfileFiles() {
    try {
      profile.file();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_SETTING,
          profile.describe() + ": the profile files cannot be read: " + e.getMessage(),
          ErrorContext.local(null, null),
          false,
          e);
    }
  }

  private String variable(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static String label(String source, String setting) {
    return BUILDER.equals(source) ? "builder setting " + setting : source;
  }

  private static ConfigurationException invalid(
      ConfigurationException.Kind kind, String where, String value, String problem) {
    return new ConfigurationException(
        kind,
        where + ": " + problem + ": '" + value + "'",
        ErrorContext.local(null, null),
        false,
        null);
  }

  /** A raw value and the source it came from. */
  private static final class Found {
    final String value;
    final String source;

    Found(String value, String source) {
      this.value = value;
      this.source = source;
    }
  }
}
