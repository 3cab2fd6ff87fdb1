package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.client.policy.SecurityProfile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after its name: where to connect and what is allowed.
 * They mirror the runtime's {@code --dynamodb-*} flags (seed 000), which are accepted as aliases.
 * Anything not given here comes from the environment ({@code DYNAKIT_*}, {@code AWS_*}), as for
 * {@link Dynakit#fromEnvironment()}.
 */
final class GlobalOptions {
  /** The target when neither an option nor an environment variable names one. */
  static final String DEFAULT_ENDPOINT = "embedded:.dynakit";

  /** The endpoint variables the adapter reads, in its order (docs/client/configuration.md). */
  static final List<String> ENDPOINT_VARIABLES =
      List.of(
          "DYNAKIT_ENDPOINT",
          "AINL_DYNAMODB_URL",
          "AWS_ENDPOINT_URL_DYNAMODB",
          "DYNAMODB_ENDPOINT_URL",
          "AWS_DYNAMODB_ENDPOINT",
          "AWS_ENDPOINT_URL");

  @Option(
      names = {"--endpoint", "--dynamodb-url"},
      paramLabel = "ENDPOINT",
      scope = ScopeType.INHERIT,
      description =
          "embedded: (in memory), embedded:DIR (durable), an http(s):// URL, or aws (the AWS"
              + " endpoint of the region). Default: DYNAKIT_ENDPOINT, else "
              + DEFAULT_ENDPOINT
              + ".")
  String endpoint;

  @Option(
      names = {"--region", "--dynamodb-region"},
      paramLabel = "REGION",
      scope = ScopeType.INHERIT,
      description = "AWS region (default: DYNAKIT_REGION, AWS_REGION, the profile, us-east-1).")
  String region;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      scope = ScopeType.INHERIT,
      description = "AWS profile for credentials and region (default: AWS_PROFILE).")
  String profile;

  @Option(
      names = {"--timeout-s", "--dynamodb-timeout-s"},
      paramLabel = "SECONDS",
      scope = ScopeType.INHERIT,
      description = "Longest time one call may take, retries included (default: no limit).")
  BigDecimal timeoutSeconds;

  @Option(
      names = {"--allow-write", "--dynamodb-allow-write"},
      scope = ScopeType.INHERIT,
      description = "Allow writes (default: DYNAKIT_ALLOW_WRITE, else read-only).")
  boolean allowWrite;

  @Option(
      names = {"--allow-table", "--dynamodb-allow-table"},
      paramLabel = "TABLE",
      scope = ScopeType.INHERIT,
      description = "Only touch this table (repeatable; prefix* patterns allowed).")
  List<String> allowTables;

  @Option(
      names = {"--consistent-read", "--dynamodb-consistent-read"},
      scope = ScopeType.INHERIT,
      description = "Strongly consistent reads unless a call says otherwise.")
  boolean consistentRead;

  @Option(
      names = "--security-profile",
      paramLabel = "PROFILE",
      scope = ScopeType.INHERIT,
      description = "unrestricted, sandbox_network_restricted or sandbox_compute_and_store.")
  String securityProfile;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "json (one line, keys sorted; default) or table.")
  OutputFormat output = OutputFormat.JSON;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean debug;

  /** The same options, aimed at another endpoint (for commands that talk to two). */
  GlobalOptions withEndpoint(String other) {
    GlobalOptions copy = new GlobalOptions();
    copy.endpoint = other;
    copy.region = region;
    copy.profile = profile;
    copy.timeoutSeconds = timeoutSeconds;
    copy.allowWrite = allowWrite;
    copy.allowTables = allowTables;
    copy.consistentRead = consistentRead;
    copy.securityProfile = securityProfile;
    copy.output = output;
    copy.debug = debug;
    return copy;
  }

  /** The endpoint the adapter will use, as the user would name it. */
  String target(Map<String, String> environment) {
    if (endpoint != null) {
      return endpoint;
    }
    for (String variable : ENDPOINT_VARIABLES) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return DEFAULT_ENDPOINT;
  }

  /** {@code embedded:DIR} with a relative DIR is taken from the command's working directory. */
  static String resolveDataDirectory(String target, CliContext context) {
    String prefix = "embedded:";
    if (!target.startsWith(prefix) || target.substring(prefix.length()).isBlank()) {
      return target;
    }
    return prefix + context.resolve(target.substring(prefix.length()).trim()).normalize();
  }

  /** Builds the adapter these options and the context's environment describe. */
  Dynakit open(CliContext context) {
    Map<String, String> environment = context.environment();
    Dynakit.Builder builder = Dynakit.builder().clock(context.clock());
    String target = target(environment);
    if ("aws".equalsIgnoreCase(target)) {
      // Only a copy without the endpoint variables when one is set: the process's own
      // environment keeps the SDK's whole credentials chain (instance and container roles).
      if (ENDPOINT_VARIABLES.stream().anyMatch(environment::containsKey)) {
        environment = new HashMap<>(environment);
        environment.keySet().removeAll(ENDPOINT_VARIABLES);
      }
    } else {
      builder.endpoint(resolveDataDirectory(target, context));
    }
    builder.environment(environment);
    if (region != null) {
      builder.region(region);
    }
    if (profile != null) {
      builder.profile(profile);
    }
    if (timeoutSeconds != null) {
      if (timeoutSeconds.signum() <= 0) {
        throw new UsageException(
            "--timeout-s: must be a positive number of seconds, not " + timeoutSeconds);
      }
      builder.callTimeout(Duration.ofMillis(timeoutSeconds.movePointRight(3).longValue()));
    }
    if (allowWrite || allowTables != null) {
      Policy fromEnvironment = Policy.fromEnvironment(environment);
      builder.policy(
          Policy.builder()
              .allowWrite(allowWrite || fromEnvironment.allowWrite())
              .allowTables(allowTables != null ? allowTables : fromEnvironment.allowedTables())
              .build());
    }
    if (consistentRead) {
      builder.consistentRead(true);
    }
    if (securityProfile != null) {
      builder.securityProfile(SecurityProfile.of(securityProfile));
    }
    return context.adapter().apply(builder).build();
  }
}
