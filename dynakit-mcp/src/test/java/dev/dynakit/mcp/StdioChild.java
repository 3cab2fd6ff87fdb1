package dev.dynakit.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code dev.dynakit.mcp.Main} in a child JVM (this JVM's {@code java}, the test class path),
 * driven over its standard input and output by the MCP SDK's own stdio client. Its standard error
 * (start-up messages and audit lines) is kept.
 */
final class StdioChild implements AutoCloseable {
  final McpSyncClient client;
  final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

  StdioChild(Map<String, String> environment, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:TieredStopAtLevel=1");
    command.add("dev.dynakit.mcp.Main");
    command.addAll(List.of(args));
    ServerParameters parameters =
        ServerParameters.builder(java).args(command).env(environment).build();
    StdioClientTransport transport = new StdioClientTransport(parameters, DynakitMcp.jsonMapper());
    transport.setStdErrorHandler(
        line -> {
          synchronized (stderr) {
            stderr.add(line);
            stderr.notifyAll();
          }
        });
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    client.initialize();
  }

  Calls calls() {
    return new Calls(client);
  }

  /**
   * The audit lines the child wrote, once one holding each of {@code fragments} has arrived (the
   * child writes a call's line after answering it, and its standard error is read by another
   * thread), or after 30 seconds.
   */
  List<String> auditLines(String... fragments) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    synchronized (stderr) {
      while (true) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr) {
          if (line.contains(Audit.LOGGER)) {
            lines.add(line);
          }
        }
        boolean complete =
            java.util.Arrays.stream(fragments)
                .allMatch(f -> lines.stream().anyMatch(l -> l.contains(f)));
        long left = deadline - System.nanoTime();
        if (complete || left <= 0) {
          return lines;
        }
        try {
          stderr.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return lines;
        }
      }
    }
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
