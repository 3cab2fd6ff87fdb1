package dev.dynakit.bench;

import dev.dynakit.server.DynakitServer;

/**
 * The dynakit server as {@link ServerVsLocal} runs it in a child JVM for throughput: {@code
 * DynakitServer} on an in-memory engine, with a chosen number of engine threads (0: engine work on
 * the event loop), which {@code dev.dynakit.server.Main} does not offer as an option.
 *
 * <pre>ServerChild PORT ENGINE_THREADS</pre>
 */
final class ServerChild {
  private ServerChild() {}

  public static void main(String[] args) {
    // As dev.dynakit.server.Main does: Netty logs through java.util.logging, not Log4j 2.
    io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
        io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    DynakitServer server =
        DynakitServer.builder()
            .port(Integer.parseInt(args[0]))
            .engineThreads(Integer.parseInt(args[1]))
            .build()
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("listening on " + server.endpoint());
  }
}
