package dev.dynakit.server;

import dev.dynakit.engine.DynakitEngine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * An HTTP/1.1 server speaking DynamoDB's JSON 1.0 protocol for a {@link DynakitEngine}: the AWS
 * CLI, boto3 and every AWS SDK can use it as their DynamoDB endpoint.
 *
 * <pre>{@code
 * try (DynakitServer server = DynakitServer.builder().port(0).build().start()) {
 *   DynamoDbClient ddb = DynamoDbClient.builder()
 *       .endpointOverride(server.endpoint())
 *       .region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
 *       .build();
 *   ddb.listTables();
 * }
 * }</pre>
 *
 * <p>Every response carries {@code x-amzn-RequestId} and {@code x-amz-crc32}; a client that sends
 * {@code Accept-Encoding: gzip} gets a gzip body. Connections are kept alive. {@link #close()} is
 * graceful: it stops accepting connections, lets the requests being answered finish, closes the
 * connections, then closes the engine if the server made it.
 */
public final class DynakitServer implements AutoCloseable {
  /** The default bound on a request body: 16 MiB, DynamoDB's own limit on a request. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  /** The default bound on a request's headers together, in bytes. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

  private final String host;
  private final int requestedPort;
  private final DynakitEngine engine;
  private final boolean ownsEngine;
  private final Duration readTimeout;
  private final Duration shutdownTimeout;
  private final int maxRequestBytes;
  private final int maxHeaderBytes;
  private final int engineThreads;
  private final SslContext ssl;
  private final SigV4 auth;
  private final boolean console;
  private final String consoleToken;
  private final ServerMetrics metrics = new ServerMetrics(System::nanoTime);
  private final InFlight inFlight = new InFlight();
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final CountDownLatch stoppedAccepting = new CountDownLatch(1);

  private EventLoopGroup acceptors;
  private EventLoopGroup eventLoops;
  private ExecutorService engineExecutor;
  private Channel listener;
  private int port = -1;
  private boolean closed;

  private DynakitServer(Builder builder) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.ownsEngine = builder.engine == null || builder.closeEngine;
    this.engine = builder.engine == null ? DynakitEngine.inMemory() : builder.engine;
    this.readTimeout = builder.readTimeout;
    this.shutdownTimeout = builder.shutdownTimeout;
    this.maxRequestBytes = builder.maxRequestBytes;
    this.maxHeaderBytes = builder.maxHeaderBytes;
    this.engineThreads = builder.engineThreads;
    this.ssl = builder.ssl;
    this.auth = builder.secrets == null ? null : new SigV4(builder.secrets, builder.clock);
    this.engineExecutor = builder.engineExecutor;
    this.console = builder.console;
    this.consoleToken = builder.console && auth != null ? newToken() : null;
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** Starts configuring a server: port 8000 on 127.0.0.1, a new in-memory engine. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts answering.
   *
   * @return this server
   * @throws IllegalStateException if the server was started before, or the address cannot be bound
   *     (the message names the host and port, e.g. when another server holds it)
   */
  public synchronized DynakitServer start() {
    if (listener != null || closed) {
      throw new IllegalStateException("the server was started before");
    }
    acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("dynakit-server-accept"));
    eventLoops = new NioEventLoopGroup(0, new DefaultThreadFactory("dynakit-server-io"));
    if (engineThreads > 0 && engineExecutor == null) {
      AtomicInteger count = new AtomicInteger();
      engineExecutor =
          Executors.newFixedThreadPool(
              engineThreads,
              r -> {
                Thread thread = new Thread(r, "dynakit-server-engine-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
    }
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptors, eventLoops)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new Initializer());
    ChannelFuture bound = bootstrap.bind(host, requestedPort).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      Throwable cause = bound.cause();
      shutDownThreads();
      String why =
          cause instanceof BindException
              ? "the address is already in use or not available"
              : String.valueOf(cause);
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + requestedPort + ": " + why, cause);
    }
    listener = bound.channel();
    port = ((InetSocketAddress) listener.localAddress()).getPort();
    return this;
  }

  /** The port the server listens on (the one chosen when 0 was asked for). */
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("the server is not started");
    }
    return port;
  }

  /** The address the listening socket is bound to. */
  InetSocketAddress boundAddress() {
    if (listener == null) {
      throw new IllegalStateException("the server is not started");
    }
    return (InetSocketAddress) listener.localAddress();
  }

  /** The host the server listens on, as given. */
  public String host() {
    return host;
  }

  /** The URI a client's endpoint setting takes, such as {@code http://127.0.0.1:8000}. */
  public URI endpoint() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return URI.create((ssl == null ? "http" : "https") + "://" + shown + ":" + port());
  }

  /**
   * The web console's address, such as {@code http://127.0.0.1:8000/console/}; when the server
   * checks signatures it carries the console's token ({@code ?token=...}), which every request of
   * the console's API needs.
   *
   * @throws IllegalStateException if the console is not enabled ({@link Builder#console}) or the
   *     server is not started
   */
  public URI consoleUrl() {
    if (!console) {
      throw new IllegalStateException("the console is not enabled");
    }
    return URI.create(
        endpoint()
            + ConsoleHandler.PREFIX
            + "/"
            + (consoleToken == null ? "" : "?token=" + consoleToken));
  }

  /** The server's request metrics, by operation, of the requests to the DynamoDB endpoint. */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** The engine the server answers from. */
  public DynakitEngine engine() {
    return engine;
  }

  /** Whether the listening socket is open. */
  boolean accepting() {
    Channel current = listener;
    return current != null && current.isOpen();
  }

  /** Counted down once {@link #close()} has stopped accepting connections. */
  CountDownLatch stoppedAccepting() {
    return stoppedAccepting;
  }

  /** Requests being answered now. */
  int inFlight() {
    return inFlight.count();
  }

  /**
   * Stops gracefully: no new connections, the requests being answered finish (for at most the
   * shutdown timeout), then every connection is closed and, if the server made its engine, the
   * engine too. Closing again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (listener != null) {
        listener.close().awaitUninterruptibly();
        stoppedAccepting.countDown();
        inFlight.awaitIdle(shutdownTimeout);
        channels.close().awaitUninterruptibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      shutDownThreads();
      if (ownsEngine) {
        engine.close();
      }
    }
  }

  private void shutDownThreads() {
    if (engineExecutor != null) {
      engineExecutor.shutdown();
    }
    if (eventLoops != null) {
      eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
    if (acceptors != null) {
      acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  @Override
  public String toString() {
    return "DynakitServer[" + host + ":" + (port < 0 ? requestedPort : port) + "]";
  }

  /** Each connection's pipeline. */
  private final class Initializer extends ChannelInitializer<SocketChannel> {
    @Override
    protected void initChannel(SocketChannel channel) {
      configure(channel);
    }
  }

  /**
   * Adds the handlers of one connection to its pipeline: TLS if configured, the read timeout, the
   * HTTP codec, the size limit, the console if served and the request handler. Tests run the same
   * pipeline on an embedded channel, without sockets.
   */
  void configure(Channel channel) {
    channels.add(channel);
    ChannelPipeline pipeline = channel.pipeline();
    if (ssl != null) {
      pipeline.addLast(ssl.newHandler(channel.alloc()));
    }
    pipeline.addLast(new IdleStateHandler(readTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    pipeline.addLast(new HttpServerCodec(8192, maxHeaderBytes, 8192));
    pipeline.addLast(new SizeLimit(maxRequestBytes));
    if (console) {
      pipeline.addLast(
          new ConsoleHandler(
              engine,
              engineExecutor,
              metrics,
              DynakitServer.this::endpoint,
              consoleToken,
              auth != null));
    }
    pipeline.addLast(new RequestHandler(engine, engineExecutor, inFlight, auth, metrics));
  }

  /** Configures a {@link DynakitServer}; every setting is checked when given. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8000;
    private DynakitEngine engine;
    private boolean closeEngine;
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int engineThreads;
    private SslContext ssl;
    private ExecutorService engineExecutor;
    private Map<String, String> secrets;
    private Clock clock = Clock.systemUTC();
    private boolean console;

    private Builder() {}

    /**
     * Serves the web console under {@code /console} on the same port (see {@link
     * DynakitServer#consoleUrl()}). Default off. When the server checks signatures ({@link
     * #auth(Map)}), the console's API needs a random token made at start-up and carried by {@link
     * DynakitServer#consoleUrl()}, so that the console is no unsigned way in.
     */
    public Builder console(boolean console) {
      this.console = console;
      return this;
    }

    /**
     * Verifies AWS Signature Version 4 on every request against these secret access keys, by access
     * key id: a request of another key is refused with {@code UnrecognizedClientException}, a wrong
     * signature or one made more than 15 minutes from the server's clock with {@code
     * InvalidSignatureException}, as DynamoDB refuses them. Without this every request is served.
     */
    public Builder auth(Map<String, String> secretsByAccessKeyId) {
      Objects.requireNonNull(secretsByAccessKeyId, "secretsByAccessKeyId");
      if (secretsByAccessKeyId.isEmpty()) {
        throw new IllegalArgumentException("auth needs at least one access key");
      }
      this.secrets = Map.copyOf(secretsByAccessKeyId);
      return this;
    }

    /**
     * As {@link #auth(Map)}, the keys read from a file: one {@code ACCESS_KEY_ID SECRET_ACCESS_KEY}
     * pair a line, blank lines and lines starting with {@code #} ignored.
     *
     * @throws IllegalArgumentException if the file cannot be read or a line is not such a pair (the
     *     message names the file and line, never a secret)
     */
    public Builder auth(Path file) {
      Objects.requireNonNull(file, "file");
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the auth file " + file + ": " + e, e);
      }
      Map<String, String> read = new java.util.LinkedHashMap<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] pair = line.split("\\s+");
        if (pair.length != 2) {
          throw new IllegalArgumentException(
              "the auth file "
                  + file
                  + " line "
                  + (i + 1)
                  + " is not 'ACCESS_KEY_ID SECRET_ACCESS_KEY'");
        }
        read.put(pair[0], pair[1]);
      }
      return auth(read);
    }

    /** The clock signatures are checked against (default the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Runs engine work on {@code executor}, which the server shuts down when it closes. */
    Builder engineExecutor(ExecutorService executor) {
      this.engineExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The port to listen on, 0 for any free one (see {@link DynakitServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to listen on: {@code 127.0.0.1} (loopback only) unless told otherwise; {@code
     * 0.0.0.0} listens on every interface.
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /**
     * The engine to serve. The caller keeps it and closes it; without this the server makes an
     * in-memory engine and closes it when it closes.
     */
    public Builder engine(DynakitEngine engine) {
      return engine(engine, false);
    }

    /**
     * The engine to serve, and whether {@link DynakitServer#close()} closes it after the last
     * request (as for an engine opened only to be served, such as one on a data directory).
     */
    public Builder engine(DynakitEngine engine, boolean closeWithServer) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.closeEngine = closeWithServer;
      return this;
    }

    /**
     * How long a connection may send nothing while no request of it is being answered before it is
     * closed: an idle keep-alive connection, or a client that stops in the middle of a request.
     * Default 60 seconds.
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /** How long {@link DynakitServer#close()} waits for requests in flight. Default 30 seconds. */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative");
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** The largest request body accepted; larger ones are answered 413. Default 16 MiB. */
    public Builder maxRequestBytes(int maxRequestBytes) {
      if (maxRequestBytes < 1) {
        throw new IllegalArgumentException(
            "maxRequestBytes must be at least 1, not " + maxRequestBytes);
      }
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /** The largest request headers accepted, together; larger ones are answered 400. */
    public Builder maxHeaderBytes(int maxHeaderBytes) {
      if (maxHeaderBytes < 1024) {
        throw new IllegalArgumentException(
            "maxHeaderBytes must be at least 1024, not " + maxHeaderBytes);
      }
      this.maxHeaderBytes = maxHeaderBytes;
      return this;
    }

    /**
     * Threads that run engine work, off the network event loops. Default 0: engine work runs on the
     * event loop that read the request, which measured faster (docs/benchmarks.md, "Servers"): the
     * engine holds item locks only while it works in memory. Give threads for an engine whose
     * requests may wait long (a store that syncs to disk, say), so that a waiting request does not
     * hold up the other connections of its event loop.
     */
    public Builder engineThreads(int engineThreads) {
      if (engineThreads < 0) {
        throw new IllegalArgumentException(
            "engineThreads must not be negative, not " + engineThreads);
      }
      this.engineThreads = engineThreads;
      return this;
    }

    /**
     * Serves HTTPS with the PEM certificate chain and PEM private key (PKCS#8, unencrypted) in
     * these files.
     *
     * @throws IllegalArgumentException if a file cannot be read or does not hold what it should
     */
    public Builder tls(Path certificateChain, Path privateKey) {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
      for (Path file : new Path[] {certificateChain, privateKey}) {
        if (!Files.isReadable(file)) {
          throw new IllegalArgumentException("cannot read TLS file " + file);
        }
      }
      try {
        this.ssl =
            SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build();
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot use "
                + certificateChain
                + " and "
                + privateKey
                + " for TLS (a PEM certificate chain and a PEM PKCS#8 private key are needed): "
                + e.getMessage(),
            e);
      }
      return this;
    }

    /** Builds the server; {@link DynakitServer#start()} starts it. */
    public DynakitServer build() {
      return new DynakitServer(this);
    }

    /**
     * Serves a durable engine on the data directory {@code dir}, opened here and closed with the
     * server, its work on {@link #durableEngineThreads()} engine threads unless {@link
     * #engineThreads} says otherwise: a write waits for its sync to disk, and writers that wait
     * together share one sync, so they must not queue behind each other on the event loops.
     *
     * @throws dev.dynakit.engine.storage.StorageException if the directory cannot be opened (in use
     *     by another process, written by a newer version, not a data directory)
     */
    public Builder dataDir(Path dir) {
      Objects.requireNonNull(dir, "dir");
      engine(DynakitEngine.builder().dataDir(dir).build(), true);
      if (engineThreads == 0) {
        engineThreads = durableEngineThreads();
      }
      return this;
    }

    /** The engine threads a durable engine is served on by default: 4 per core, at least 8. */
    public static int durableEngineThreads() {
      return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, not " + duration);
      }
      return duration;
    }
  }
}
