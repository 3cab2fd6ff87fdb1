package dev.dynakit.server;

import dev.dynakit.engine.storage.StorageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link DynakitServer} from the command line, until the process is stopped (SIGTERM or
 * Ctrl-C close it gracefully):
 *
 * <pre>
 * java -cp ... dev.dynakit.server.Main [--port 8000] [--host 127.0.0.1] [--in-memory | --data-dir DIR]
 *                                      [--tls-cert FILE --tls-key FILE] [--auth FILE]
 *                                      [--console]
 * </pre>
 *
 * <p>Prints {@code listening on http://HOST:PORT} once it answers requests, and {@code stopped}
 * once a stop signal has closed it. The options mean what they mean for {@code dynakit serve}.
 */
public final class Main {
  static final String USAGE =
      "usage: dynakit-server [--port 8000] [--host 127.0.0.1] [--in-memory | --data-dir DIR]"
          + " [--tls-cert FILE --tls-key FILE] [--auth FILE] [--console]";

  private Main() {}

  /** The parsed command line. */
  record Options(
      int port, String host, Path dataDir, Path tlsCert, Path tlsKey, Path auth, boolean console) {}

  /** Starts the server and returns; its threads keep the process alive until it is stopped. */
  public static void main(String[] args) {
    // This process is ours: Netty's few log lines need no logging library (see QuietNettyLog).
    QuietNettyLog.install();
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses {@code args}, starts the server, prints where it listens, and registers the shutdown
   * hook that closes it. Answers the exit status: 0 once started, 2 for a bad command line, 1 if it
   * could not start.
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    DynakitServer server;
    Options options;
    try {
      options = parse(args);
      server = start(options);
    } catch (IllegalArgumentException e) {
      err.println("dynakit-server: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IllegalStateException | UnsupportedOperationException | StorageException e) {
      err.println("dynakit-server: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  out.println("stopped");
                  out.flush();
                },
                "dynakit-server-shutdown"));
    out.println("listening on " + server.endpoint());
    if (options.console()) {
      out.println("console at " + server.consoleUrl());
    }
    out.flush();
    return 0;
  }

  /** Builds and starts the server the options describe; closes what it made if it cannot start. */
  static DynakitServer start(Options options) {
    DynakitServer.Builder builder =
        DynakitServer.builder()
            .port(options.port())
            .host(options.host())
            .console(options.console());
    if (options.tlsCert() != null) {
      builder.tls(options.tlsCert(), options.tlsKey());
    }
    if (options.auth() != null) {
      builder.auth(options.auth());
    }
    if (options.dataDir() != null) {
      builder.dataDir(options.dataDir());
    }
    DynakitServer server = builder.build();
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Parses the command line; every mistake is an {@link IllegalArgumentException} naming it. */
  static Options parse(String... args) {
    int port = 8000;
    String host = "127.0.0.1";
    Path dataDir = null;
    boolean inMemory = false;
    Path tlsCert = null;
    Path tlsKey = null;
    Path auth = null;
    boolean console = false;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String option = rest.remove(0);
      switch (option) {
        case "--port":
          String text = value(option, rest);
          try {
            port = Integer.parseInt(text);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not '" + text + "'");
          }
          if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, not " + port);
          }
          break;
        case "--host":
          host = value(option, rest);
          break;
        case "--console":
          console = true;
          break;
        case "--in-memory":
          inMemory = true;
          break;
        case "--data-dir":
          dataDir = Path.of(value(option, rest));
          break;
        case "--tls-cert":
          tlsCert = Path.of(value(option, rest));
          break;
        case "--tls-key":
          tlsKey = Path.of(value(option, rest));
          break;
        case "--auth":
          auth = Path.of(value(option, rest));
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + option + "'");
      }
    }
    if (inMemory && dataDir != null) {
      throw new IllegalArgumentException("--in-memory and --data-dir cannot be given together");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
    return new Options(port, host, dataDir, tlsCert, tlsKey, auth, console);
  }

  private static String value(String option, List<String> rest) {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.remove(0);
  }
}
