package dev.dynakit.client.policy;

import dev.dynakit.client.config.Switches;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What the adapter lets a caller do: whether writes are allowed ({@code allow_write}, default
 * {@code false}) and which tables may be touched (exact names and {@code prefix*} patterns; an
 * empty list allows every table). Immutable and thread-safe.
 *
 * <pre>{@code
 * Policy policy = Policy.builder().allowWrite(true).allowTables("orders", "app_*").build();
 * }</pre>
 */
public final class Policy {
  /** Environment variable for {@code allow_write}. */
  public static final String ENV_ALLOW_WRITE = "DYNAKIT_ALLOW_WRITE";

  /** Environment variable for the table allow-list (comma-separated). */
  public static final String ENV_ALLOW_TABLES = "DYNAKIT_ALLOW_TABLES";

  /** The seed's name for {@link #ENV_ALLOW_WRITE}, accepted as an alias. */
  public static final String ENV_ALLOW_WRITE_ALIAS = "AINL_DYNAMODB_ALLOW_WRITE";

  /** The seed's name for {@link #ENV_ALLOW_TABLES}, accepted as an alias. */
  public static final String ENV_ALLOW_TABLES_ALIAS = "AINL_DYNAMODB_ALLOW_TABLES";

  private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.\\-]+\\*?|\\*");
  private static final Policy DEFAULT = builder().build();

  private final boolean allowWrite;
  private final List<String> allowedTables;

  private Policy(boolean allowWrite, List<String> allowedTables) {
    this.allowWrite = allowWrite;
    this.allowedTables = List.copyOf(allowedTables);
  }

  /** The default policy: read-only, every table allowed. */
  public static Policy defaults() {
    return DEFAULT;
  }

  /** Starts a policy: read-only and every table allowed until told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The policy the environment describes: {@value #ENV_ALLOW_WRITE} ({@code true}/{@code false},
   * also {@code 1}/{@code 0}, {@code yes}/{@code no}) and {@value #ENV_ALLOW_TABLES}
   * (comma-separated names and {@code prefix*} patterns), or their seed aliases {@value
   * #ENV_ALLOW_WRITE_ALIAS} and {@value #ENV_ALLOW_TABLES_ALIAS}. Unset variables keep the
   * defaults.
   *
   * @throws ConfigurationException if a variable holds something that is not a valid setting
   */
  public static Policy fromEnvironment(Map<String, String> environment) {
    Builder builder = builder();
    String writeVariable = firstSet(environment, ENV_ALLOW_WRITE, ENV_ALLOW_WRITE_ALIAS);
    if (writeVariable != null) {
      builder.allowWrite(
          Switches.parse(writeVariable, environment.get(writeVariable)).orElse(false));
    }
    String tablesVariable = firstSet(environment, ENV_ALLOW_TABLES, ENV_ALLOW_TABLES_ALIAS);
    if (tablesVariable != null) {
      List<String> tables = new ArrayList<>();
      for (String part : environment.get(tablesVariable).split(",")) {
        if (!part.isBlank()) {
          tables.add(part.strip());
        }
      }
      builder.allowTables(tables, tablesVariable);
    }
    return builder.build();
  }

  private static String firstSet(Map<String, String> environment, String... names) {
    for (String name : names) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return name;
      }
    }
    return null;
  }

  /** Whether mutating calls (items, PartiQL mutations, control plane) are allowed. */
  public boolean allowWrite() {
    return allowWrite;
  }

  /** The table allow-list as given: exact names and {@code prefix*} patterns; empty = all. */
  public List<String> allowedTables() {
    return allowedTables;
  }

  /** Whether {@code table} is on the allow-list (always, when the list is empty). */
  public boolean allowsTable(String table) {
    if (allowedTables.isEmpty()) {
      return true;
    }
    for (String pattern : allowedTables) {
      if (pattern.endsWith("*")
          ? table.startsWith(pattern.substring(0, pattern.length() - 1))
          : table.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The SDK interceptor that enforces this policy in {@code beforeExecution}, so a refused call
   * never reaches the network. Works on a {@code DynamoDbClient} and a {@code
   * DynamoDbStreamsClient}.
   */
  public ExecutionInterceptor interceptor() {
    return new PolicyInterceptor(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Policy
        && ((Policy) other).allowWrite == allowWrite
        && ((Policy) other).allowedTables.equals(allowedTables);
  }

  @Override
  public int hashCode() {
    return Objects.hash(allowWrite, allowedTables);
  }

  @Override
  public String toString() {
    return "Policy[allow_write="
        + allowWrite
        + ", allow_tables="
        + (allowedTables.isEmpty() ? "(all)" : String.join(",", allowedTables))
        + "]";
  }

  /** Builds a {@link Policy}; patterns are checked as they are added. */
  public static final class Builder {
    private boolean allowWrite;
    private final List<String> allowedTables = new ArrayList<>();

    private Builder() {}

    /** Allows (or forbids) mutating calls. Default {@code false}. */
    public Builder allowWrite(boolean allowWrite) {
      this.allowWrite = allowWrite;
      return this;
    }

    /**
     * Adds tables to the allow-list: exact names or {@code prefix*} patterns ({@code *} alone
     * allows all).
     *
     * @throws ConfigurationException if an entry is not a table name or a {@code prefix*} pattern
     */
    public Builder allowTables(String... tables) {
      return allowTables(Arrays.asList(tables), "allowTables");
    }

    /** Like {@link #allowTables(String...)}, from a collection. */
    public Builder allowTables(List<String> tables) {
      return allowTables(tables, "allowTables");
    }

    private Builder allowTables(List<String> tables, String setting) {
      for (String table : tables) {
        if (table == null || !PATTERN.matcher(table).matches()) {
          throw new ConfigurationException(
              ConfigurationException.Kind.INVALID_TABLE,
              setting
                  + ": '"
                  + table
                  + "' is neither a table name nor a prefix pattern (letters, digits, '_', '-',"
                  + " '.', with an optional trailing '*')",
              ErrorContext.local(null, table),
              false,
              null);
        }
        allowedTables.add(table);
      }
      return this;
    }

    /** The policy. */
    public Policy build() {
      return new Policy(allowWrite, allowedTables);
    }
  }
}
