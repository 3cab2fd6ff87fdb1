package dev.dynakit.mcp;

import dev.dynakit.client.Dynakit;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves an adapter's verbs as MCP tools, over stdio or streamable HTTP. Every tool call goes
 * through {@link Dynakit#call}, so the adapter's configuration, policy gates ({@code allow_write},
 * the table allow-list, the security profile), limits, retries, metrics and traces apply to it.
 *
 * <pre>{@code
 * try (Dynakit dynakit = Dynakit.builder().endpoint("embedded:").build();
 *     RunningMcpServer server = DynakitMcp.stdio(dynakit, McpOptions.defaults())) {
 *   server.awaitTermination(); // until the client closes standard input
 * }
 * }</pre>
 */
public final class DynakitMcp {
  /** The name the server gives itself to clients. */
  public static final String SERVER_NAME = "dynakit";

  private DynakitMcp() {}

  /** Serves MCP on this process's standard input and output (stop other output to stdout). */
  public static RunningMcpServer stdio(Dynakit dynakit, McpOptions options) {
    return stdio(dynakit, options, System.in, System.out);
  }

  /**
   * Serves MCP over {@code in} and {@code out} (newline-delimited JSON-RPC). The server stops by
   * itself when {@code in} ends, once it has answered the requests it read (for at most a minute).
   */
  public static RunningMcpServer stdio(
      Dynakit dynakit, McpOptions options, InputStream in, OutputStream out) {
    Objects.requireNonNull(dynakit, "dynakit");
    Objects.requireNonNull(options, "options");
    RunningMcpServer[] running = new RunningMcpServer[1];
    StdioRequests requests = new StdioRequests();
    InputStream input = new StdioInput(in, requests, () -> running[0].close());
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(jsonMapper(), input, requests.watch(out));
    McpSyncServer server =
        configure(McpServer.sync(transport).jsonMapper(jsonMapper()), dynakit, options).build();
    running[0] = new RunningMcpServer(server::close, null);
    return running[0];
  }

  /**
   * Serves MCP over streamable HTTP on {@link McpOptions#host()}:{@link McpOptions#port()} at
   * {@link McpOptions#path()}. Every request needs the bearer token (see {@link McpOptions}) and,
   * on a loopback address, loopback {@code Host} and {@code Origin} headers.
   *
   * @throws IllegalStateException if the server cannot start: no token on a non-loopback address,
   *     or the port is taken
   */
  public static RunningMcpServer http(Dynakit dynakit, McpOptions options) {
    Objects.requireNonNull(dynakit, "dynakit");
    Objects.requireNonNull(options, "options");
    return HttpTransport.start(
        options,
        provider ->
            configure(McpServer.sync(provider).jsonMapper(jsonMapper()), dynakit, options).build());
  }

  static <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
      McpServer.SyncSpecification<S> spec, Dynakit dynakit, McpOptions options) {
    return spec.serverInfo(SERVER_NAME, version())
        .instructions(
            "DynamoDB through the dynakit adapter. Tools are the adapter's verbs; "
                + (dynakit.policy().allowWrite()
                    ? "writes are allowed"
                    : "the server is read-only (writes are refused)")
                + (dynakit.policy().allowedTables().isEmpty()
                    ? ""
                    : "; only these tables: " + String.join(", ", dynakit.policy().allowedTables()))
                + ". Reads answer at most "
                + options.maxItems()
                + " items: page with 'cursor'.")
        .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).build())
        .validateToolInputs(false)
        .tools(Catalog.tools(dynakit, options))
        .resources(Catalog.resources(dynakit))
        .resourceTemplates(Catalog.resourceTemplates(dynakit));
  }

  /** The SDK's JSON mapper, reading numbers with a fraction as exact decimals, never as double. */
  static McpJsonMapper jsonMapper() {
    return new JacksonMcpJsonMapper(
        JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build());
  }

  private static String version() {
    String version = DynakitMcp.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
