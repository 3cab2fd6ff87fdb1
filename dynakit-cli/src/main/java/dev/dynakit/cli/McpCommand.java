package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import dev.dynakit.mcp.DynakitMcp;
import dev.dynakit.mcp.McpOptions;
import dev.dynakit.mcp.RunningMcpServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynakit mcp}: the adapter's verbs as Model Context Protocol tools for AI agents, over
 * stdio (standard input and output carry the protocol; everything else goes to standard error) or
 * streamable HTTP, behind the same gates as every other command: read-only unless {@code
 * --allow-write}, held to {@code --allow-table}. One audit line per tool call on standard error.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Serve the adapter's verbs to AI agents over the Model Context Protocol (docs/mcp.md).",
      "stdio by default: add it to an MCP client as the command 'dynakit mcp'."
    })
final class McpCommand extends AdapterCommand {
  @Option(names = "--http", description = "Serve streamable HTTP instead of stdio.")
  boolean http;

  @Option(names = "--host", description = "HTTP address (default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "HTTP port (default 8808; 0: any free port).")
  Integer port;

  @Option(names = "--path", description = "HTTP path of the endpoint (default /mcp).")
  String path;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Where the HTTP bearer token is kept (default ~/.config/dynakit/mcp-token).")
  String tokenFile;

  @Option(names = "--max-items", description = "Items a read tool answers at most (100).")
  Integer maxItems;

  @Option(names = "--max-bytes", description = "Bytes of items a read tool answers at most.")
  Integer maxBytes;

  McpCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  void prepare() {
    if (!http && (host != null || port != null || path != null || tokenFile != null)) {
      throw new UsageException("--host, --port, --path and --token-file need --http");
    }
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    McpOptions.Builder settings =
        McpOptions.builder().environment(context.environment()).console(err).auditTo(err);
    try {
      if (maxItems != null) {
        settings.maxItems(maxItems);
      }
      if (maxBytes != null) {
        settings.maxBytes(maxBytes);
      }
      if (host != null) {
        settings.host(host);
      }
      if (port != null) {
        settings.port(port);
      }
      if (path != null) {
        settings.path(path);
      }
      if (tokenFile != null) {
        settings.tokenFile(context.resolve(tokenFile));
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    McpOptions mcp = settings.build();
    RunningMcpServer server;
    PrintStream stdout = System.out;
    if (http) {
      server = DynakitMcp.http(dynakit, mcp);
    } else {
      // Standard output carries the protocol: anything else printed there goes to standard error.
      System.setOut(err);
      server =
          DynakitMcp.stdio(
              dynakit,
              mcp,
              new FileInputStream(FileDescriptor.in),
              new FileOutputStream(FileDescriptor.out));
    }
    Thread hook = new Thread(server::close, "dynakit-mcp-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    } finally {
      System.setOut(stdout);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exiting) {
        // the hook is what stopped it
      }
    }
    return ExitCode.OK;
  }
}
