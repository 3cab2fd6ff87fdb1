package dev.dynakit.mcp;

import dev.dynakit.client.credentials.Secret;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the MCP server runs: the caps on read results, and for streamable HTTP the address, the path
 * and the bearer token. Immutable; {@link #toString()} never shows the token.
 *
 * <pre>{@code
 * McpOptions options = McpOptions.builder().maxItems(50).maxBytes(32_768).build();
 * }</pre>
 */
public final class McpOptions {
  /** Items a read tool answers at most, unless set otherwise. */
  public static final int DEFAULT_MAX_ITEMS = 100;

  /** Bytes of items a read tool answers at most, unless set otherwise. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  /** The HTTP port used unless set otherwise. */
  public static final int DEFAULT_PORT = 8808;

  /** The environment variable the bearer token is read from. */
  public static final String TOKEN_VARIABLE = "DYNAKIT_MCP_TOKEN";

  private final int maxItems;
  private final int maxBytes;
  private final String host;
  private final int port;
  private final String path;
  private final Secret token;
  private final Path tokenFile;
  private final Map<String, String> environment;
  private final Clock clock;
  private final PrintStream console;
  private final PrintStream auditStream;

  private McpOptions(Builder builder) {
    this.maxItems = builder.maxItems;
    this.maxBytes = builder.maxBytes;
    this.host = builder.host;
    this.port = builder.port;
    this.path = builder.path;
    this.token = builder.token;
    this.environment = Map.copyOf(builder.environment);
    this.tokenFile = builder.tokenFile != null ? builder.tokenFile : defaultTokenFile(environment);
    this.clock = builder.clock;
    this.console = builder.console;
    this.auditStream = builder.auditStream;
  }

  /** Options with every default: 100 items, 64 KiB, {@code 127.0.0.1:8808/mcp}. */
  public static McpOptions defaults() {
    return builder().build();
  }

  /** Starts building options. */
  public static Builder builder() {
    return new Builder();
  }

  /** Items a read tool ({@code query}, {@code scan}, {@code batch_get}) answers at most. */
  public int maxItems() {
    return maxItems;
  }

  /** Bytes of items (as JSON) a read tool answers at most; at least one item is always answered. */
  public int maxBytes() {
    return maxBytes;
  }

  /** The address the HTTP server binds to. */
  public String host() {
    return host;
  }

  /** The HTTP port; {@code 0} picks a free one. */
  public int port() {
    return port;
  }

  /** The HTTP path of the MCP endpoint, such as {@code /mcp}. */
  public String path() {
    return path;
  }

  /** The bearer token given in code, if any (see {@link Tokens} for where else it comes from). */
  Optional<Secret> token() {
    return Optional.ofNullable(token);
  }

  /** The file the bearer token is kept in: by default {@code ~/.config/dynakit/mcp-token}. */
  public Path tokenFile() {
    return tokenFile;
  }

  /** The environment the token variable and {@code HOME} are read from. */
  Map<String, String> environment() {
    return environment;
  }

  /** The clock audit durations are measured with. */
  Clock clock() {
    return clock;
  }

  /** Where audit lines go, or null for the audit logger. */
  PrintStream auditStream() {
    return auditStream;
  }

  /** Where start-up messages for people go (never the stdio protocol stream). */
  PrintStream console() {
    return console;
  }

  @Override
  public String toString() {
    return "McpOptions[maxItems="
        + maxItems
        + ", maxBytes="
        + maxBytes
        + ", host="
        + host
        + ", port="
        + port
        + ", path="
        + path
        + ", token="
        + (token == null ? "none" : "****")
        + ", tokenFile="
        + tokenFile
        + "]";
  }

  private static Path defaultTokenFile(Map<String, String> environment) {
    String home = environment.get("HOME");
    Path base =
        home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
    return base.resolve(".config").resolve("dynakit").resolve("mcp-token");
  }

  /** Builds {@link McpOptions}; every setting is checked when it is given. */
  public static final class Builder {
    private int maxItems = DEFAULT_MAX_ITEMS;
    private int maxBytes = DEFAULT_MAX_BYTES;
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private String path = "/mcp";
    private Secret token;
    private Path tokenFile;
    private Map<String, String> environment = System.getenv();
    private Clock clock = Clock.systemUTC();
    private PrintStream console = System.err;
    private PrintStream auditStream;

    private Builder() {}

    /** Items a read tool answers at most (1 to 10,000). */
    public Builder maxItems(int maxItems) {
      if (maxItems < 1 || maxItems > 10_000) {
        throw new IllegalArgumentException("max items must be between 1 and 10000: " + maxItems);
      }
      this.maxItems = maxItems;
      return this;
    }

    /** Bytes of items a read tool answers at most (1 KiB to 16 MiB). */
    public Builder maxBytes(int maxBytes) {
      if (maxBytes < 1024 || maxBytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "max bytes must be between 1024 and 16777216: " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** The address the HTTP server binds to (default {@code 127.0.0.1}). */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /** The HTTP port (default 8808; {@code 0} picks a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** The HTTP path of the endpoint (default {@code /mcp}). */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || path.length() < 2 || path.contains(" ")) {
        throw new IllegalArgumentException("path must start with '/' and name an endpoint");
      }
      this.path = path;
      return this;
    }

    /** The bearer token HTTP clients must send; wins over the environment and the token file. */
    public Builder token(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Where the token is kept (default {@code $HOME/.config/dynakit/mcp-token}). */
    public Builder tokenFile(Path tokenFile) {
      this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
      return this;
    }

    /** The environment to read {@code DYNAKIT_MCP_TOKEN} and {@code HOME} from. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** The clock audit durations are measured with (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the audit lines go, each prefixed {@code audit }, instead of the logger {@code
     * dev.dynakit.mcp.audit} (for a process with no logging back end, such as the {@code dynakit}
     * command).
     */
    public Builder auditTo(PrintStream auditStream) {
      this.auditStream = Objects.requireNonNull(auditStream, "auditStream");
      return this;
    }

    /** Where start-up messages go (default standard error). */
    public Builder console(PrintStream console) {
      this.console = Objects.requireNonNull(console, "console");
      return this;
    }

    /** The options. */
    public McpOptions build() {
      return new McpOptions(this);
    }
  }
}
