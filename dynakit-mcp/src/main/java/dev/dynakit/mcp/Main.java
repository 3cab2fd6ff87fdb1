package dev.dynakit.mcp;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.config.ConfigResolver;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.policy.Policy;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the MCP server from the command line: over stdio by default, over streamable HTTP with
 * {@code --http}. The {@code dynakit mcp} command takes the same options with the same meaning.
 *
 * <pre>
 * java -cp ... dev.dynakit.mcp.Main [--http] [--host H] [--port N] [--path P]
 *     [--endpoint E] [--region R] [--allow-write] [--allow-table T]... [--max-items N]
 *     [--max-bytes N] [--token-file F]
 * </pre>
 */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "usage: dynakit mcp [options]",
          "  --http              serve streamable HTTP instead of stdio",
          "  --host H            HTTP address (default 127.0.0.1)",
          "  --port N            HTTP port (default 8808; 0 picks a free one)",
          "  --path P            HTTP path of the endpoint (default /mcp)",
          "  --token-file F      where the bearer token is kept (default"
              + " ~/.config/dynakit/mcp-token)",
          "  --endpoint E        embedded: (default), embedded:<dir>, http(s)://host:port, or aws",
          "  --region R          AWS region",
          "  --allow-write       allow writes (default: read-only, or DYNAKIT_ALLOW_WRITE)",
          "  --allow-table T     allow only these tables (repeatable; 'app_*' patterns;"
              + " default DYNAKIT_ALLOW_TABLES)",
          "  --max-items N       items a read tool answers at most (default 100)",
          "  --max-bytes N       bytes of items a read tool answers at most (default 65536)",
          "The bearer token comes from DYNAKIT_MCP_TOKEN or the token file.");

  private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

  private Main() {}

  /** Runs the server until its input ends (stdio) or the process is stopped (HTTP). */
  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
      System.setProperty(LOGBACK_CONFIGURATION, "dev/dynakit/mcp/logback-mcp.xml");
    }
    PrintStream protocol = System.out;
    // Standard output carries the protocol: anything else printed there goes to standard error.
    System.setOut(System.err);
    System.exit(run(args, System.getenv(), System.in, protocol, System.err));
  }

  /**
   * Runs the server with the given streams and environment; answers the exit status (0 when it
   * stopped normally, 2 for bad options, 1 when it could not start).
   */
  static int run(
      String[] args,
      Map<String, String> environment,
      InputStream in,
      OutputStream out,
      PrintStream err)
      throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("dynakit mcp: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options.help) {
      err.println(USAGE);
      return 0;
    }
    McpOptions mcpOptions;
    Dynakit dynakit;
    try {
      mcpOptions = options.mcpOptions(environment, err);
      dynakit = options.dynakit(environment);
    } catch (IllegalArgumentException | DynakitException e) {
      err.println("dynakit mcp: " + e.getMessage());
      return 2;
    }
    try (dynakit) {
      RunningMcpServer server;
      try {
        server =
            options.http
                ? DynakitMcp.http(dynakit, mcpOptions)
                : DynakitMcp.stdio(dynakit, mcpOptions, in, out);
      } catch (IllegalStateException e) {
        err.println("dynakit mcp: " + e.getMessage());
        return 1;
      }
      Thread hook = new Thread(server::close, "dynakit-mcp-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      server.awaitTermination();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down.
      }
      return 0;
    }
  }

  /** The parsed command line. */
  static final class Options {
    boolean http;
    boolean help;
    String host;
    Integer port;
    String path;
    String tokenFile;
    String endpoint;
    String region;
    boolean allowWrite;
    final List<String> allowTables = new ArrayList<>();
    Integer maxItems;
    Integer maxBytes;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--http":
            options.http = true;
            break;
          case "--help":
          case "-h":
            options.help = true;
            break;
          case "--allow-write":
            options.allowWrite = true;
            break;
          case "--host":
            options.host = value(args, ++i, arg);
            break;
          case "--port":
            options.port = number(args, ++i, arg);
            break;
          case "--path":
            options.path = value(args, ++i, arg);
            break;
          case "--token-file":
            options.tokenFile = value(args, ++i, arg);
            break;
          case "--endpoint":
            options.endpoint = value(args, ++i, arg);
            break;
          case "--region":
            options.region = value(args, ++i, arg);
            break;
          case "--allow-table":
            options.allowTables.add(value(args, ++i, arg));
            break;
          case "--max-items":
            options.maxItems = number(args, ++i, arg);
            break;
          case "--max-bytes":
            options.maxBytes = number(args, ++i, arg);
            break;
          default:
            throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      if (!options.http && (options.host != null || options.port != null || options.path != null)) {
        throw new IllegalArgumentException("--host, --port and --path need --http");
      }
      return options;
    }

    McpOptions mcpOptions(Map<String, String> environment, PrintStream console) {
      McpOptions.Builder builder = McpOptions.builder().environment(environment).console(console);
      if (host != null) {
        builder.host(host);
      }
      if (port != null) {
        builder.port(port);
      }
      if (path != null) {
        builder.path(path);
      }
      if (tokenFile != null) {
        builder.tokenFile(Path.of(tokenFile));
      }
      if (maxItems != null) {
        builder.maxItems(maxItems);
      }
      if (maxBytes != null) {
        builder.maxBytes(maxBytes);
      }
      return builder.build();
    }

    /**
     * The adapter: the environment's configuration, with each option given here overriding its own
     * setting; the embedded engine unless an endpoint is named here or in the environment.
     */
    Dynakit dynakit(Map<String, String> environment) {
      Policy fromEnvironment = Policy.fromEnvironment(environment);
      Policy policy =
          Policy.builder()
              .allowWrite(allowWrite || fromEnvironment.allowWrite())
              .allowTables(allowTables.isEmpty() ? fromEnvironment.allowedTables() : allowTables)
              .build();
      Dynakit.Builder builder = Dynakit.builder().environment(environment).policy(policy);
      if (endpoint != null && !endpoint.equals("aws")) {
        builder.endpoint(endpoint);
      } else if (endpoint == null && !namesEndpoint(environment)) {
        builder.endpoint("embedded:");
      }
      if (region != null) {
        builder.region(region);
      }
      return builder.build();
    }

    private static boolean namesEndpoint(Map<String, String> environment) {
      for (String variable : ConfigResolver.ENDPOINT_VARIABLES) {
        String value = environment.get(variable);
        if (value != null && !value.isBlank()) {
          return true;
        }
      }
      return false;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int number(String[] args, int i, String option) {
      String value = value(args, i, option);
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
      }
    }
  }
}
