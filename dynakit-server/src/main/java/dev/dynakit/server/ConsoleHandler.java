package dev.dynakit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.engine.protocol.WireResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The web console under {@code /console}: its static files (from the jar), and its JSON API, which
 * runs DynamoDB's own operations on the engine ({@link DynakitEngine#handle}), so what it shows,
 * errors included, is what DynamoDB answers. Requests for other paths go on to the DynamoDB
 * endpoint.
 *
 * <ul>
 *   <li>{@code POST /console/api/call} {@code {"operation": "Query", "request": {...}}}: one
 *       DynamoDB operation of {@link #OPERATIONS}; answers {@code {"status": 200, "response":
 *       {...}}}, with {@code "cli"} (the equivalent {@code dynakit} command) for Query and Scan.
 *   <li>{@code GET /console/api/info}: the endpoint and whether the server checks signatures.
 *   <li>{@code GET /console/api/metrics}: the server's request metrics ({@link ServerMetrics}).
 *   <li>{@code GET /console/api/stream?table=NAME[&from=oldest]}: server-sent events of the table's
 *       stream, from its newest records on (or from the oldest it keeps): {@code ready} once
 *       listening, then one {@code record} event per stream record (its DynamoDB Streams JSON).
 * </ul>
 *
 * <p>When a token is set (the server checks signatures), every API request must carry it, in the
 * {@code X-Dynakit-Console-Token} header or the {@code token} query parameter. A POST must be
 * {@code application/json} and, if it says its {@code Origin}, come from the console's own origin,
 * so that another web page cannot write through the console.
 */
final class ConsoleHandler extends ChannelInboundHandlerAdapter {
  static final String PREFIX = "/console";
  static final String TOKEN_HEADER = "X-Dynakit-Console-Token";

  /** The DynamoDB operations the console runs. */
  static final Set<String> OPERATIONS =
      Set.of(
          "ListTables",
          "DescribeTable",
          "CreateTable",
          "DeleteTable",
          "GetItem",
          "PutItem",
          "DeleteItem",
          "Query",
          "Scan");

  private static final Map<String, String> ASSETS =
      Map.of(
          "/console/", "index.html",
          "/console/index.html", "index.html",
          "/console/app.js", "app.js",
          "/console/style.css", "style.css");

  private static final String SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /** How often a stream tail reads its shards. */
  static final long POLL_MILLIS = 250;

  /** Polls of an idle stream tail between keep-alive comments (about 15 seconds). */
  private static final int KEEP_ALIVE_POLLS = 60;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DynakitEngine engine;
  private final java.util.concurrent.Executor engineThreads;
  private final ServerMetrics metrics;
  private final Supplier<URI> endpoint;
  private final byte[] token;
  private final boolean auth;

  /**
   * @param engineThreads where operations run, as the endpoint's do, or {@code null} to run them on
   *     the event loop
   * @param token the token the API requires, or {@code null} for none
   * @param auth whether the DynamoDB endpoint checks signatures
   */
  ConsoleHandler(
      DynakitEngine engine,
      java.util.concurrent.Executor engineThreads,
      ServerMetrics metrics,
      Supplier<URI> endpoint,
      String token,
      boolean auth) {
    this.engine = engine;
    this.engineThreads = engineThreads;
    this.metrics = metrics;
    this.endpoint = endpoint;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.auth = auth;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest)) {
      ctx.fireChannelRead(msg);
      return;
    }
    FullHttpRequest request = (FullHttpRequest) msg;
    String path = request.decoderResult().isSuccess() ? pathOf(request.uri()) : "";
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    try {
      if (path.equals(PREFIX + "/api/stream") && HttpMethod.GET.equals(request.method())) {
        FullHttpResponse refused = refused(request);
        if (refused == null) {
          new StreamTail(ctx, parameter(request, "table"), parameter(request, "from")).start();
          return;
        }
        send(ctx, refused, keepAlive);
        return;
      }
      if (engineThreads != null
          && path.equals(PREFIX + "/api/call")
          && HttpMethod.POST.equals(request.method())
          && refused(request) == null) {
        byte[] body = ByteBufUtil.getBytes(request.content());
        try {
          engineThreads.execute(
              () -> {
                FullHttpResponse answer = call(body);
                ctx.executor().execute(() -> send(ctx, answer, keepAlive));
              });
        } catch (java.util.concurrent.RejectedExecutionException e) {
          send(
              ctx,
              problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is shutting down"),
              false);
        }
        return;
      }
      send(ctx, answer(request, path), keepAlive);
    } finally {
      request.release();
    }
  }

  private static String pathOf(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private FullHttpResponse answer(FullHttpRequest request, String path) {
    HttpMethod method = request.method();
    if (path.equals(PREFIX) && HttpMethod.GET.equals(method)) {
      String query = request.uri().substring(PREFIX.length());
      FullHttpResponse moved = Responses.text(HttpResponseStatus.MOVED_PERMANENTLY, "");
      moved.headers().set(HttpHeaderNames.LOCATION, PREFIX + "/" + query);
      return moved;
    }
    String asset = ASSETS.get(path);
    if (asset != null) {
      return HttpMethod.GET.equals(method)
          ? asset(asset)
          : problem(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET for " + path);
    }
    if (!path.startsWith(PREFIX + "/api/")) {
      return problem(HttpResponseStatus.NOT_FOUND, "the console has no page " + path);
    }
    FullHttpResponse refused = refused(request);
    if (refused != null) {
      return refused;
    }
    String call = path.substring((PREFIX + "/api/").length());
    switch (call) {
      case "call":
        return HttpMethod.POST.equals(method)
            ? call(ByteBufUtil.getBytes(request.content()))
            : problem(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST for " + path);
      case "info":
        return json(HttpResponseStatus.OK, info());
      case "metrics":
        return json(HttpResponseStatus.OK, metricsJson());
      default:
        return problem(HttpResponseStatus.NOT_FOUND, "the console API has no call " + call);
    }
  }

  /** Why an API request is refused (missing token, a POST from elsewhere), or null. */
  private FullHttpResponse refused(FullHttpRequest request) {
    if (token != null) {
      String given = request.headers().get(TOKEN_HEADER);
      if (given == null) {
        given = parameter(request, "token");
      }
      if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
        return problem(
            HttpResponseStatus.FORBIDDEN,
            "the console needs the token printed when the server started (open the console at the"
                + " address printed then)");
      }
    }
    if (HttpMethod.POST.equals(request.method())) {
      String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
      if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        return problem(
            HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            "the console API takes application/json, not '" + type + "'");
      }
      String origin = request.headers().get(HttpHeaderNames.ORIGIN);
      String host = request.headers().get(HttpHeaderNames.HOST);
      if (origin != null
          && (host == null
              || !(origin.equals("http://" + host) || origin.equals("https://" + host)))) {
        return problem(
            HttpResponseStatus.FORBIDDEN,
            "the console API answers only the console's own pages, not those of " + origin);
      }
    }
    return null;
  }

  private FullHttpResponse call(byte[] content) {
    JsonNode body;
    try {
      body = JSON.readTree(content);
    } catch (IOException e) {
      return problem(HttpResponseStatus.BAD_REQUEST, "the body is not JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      return problem(HttpResponseStatus.BAD_REQUEST, "the body must be a JSON object");
    }
    String operation = body.path("operation").asText("");
    if (!OPERATIONS.contains(operation)) {
      return problem(
          HttpResponseStatus.BAD_REQUEST,
          "'operation' must be one of "
              + new java.util.TreeSet<>(OPERATIONS)
              + ", not '"
              + operation
              + "'");
    }
    JsonNode dynamoRequest = body.path("request");
    if (!dynamoRequest.isObject()) {
      return problem(HttpResponseStatus.BAD_REQUEST, "'request' must be a JSON object");
    }
    WireResponse answer;
    byte[] sent;
    try {
      sent = JSON.writeValueAsBytes(dynamoRequest);
      answer = engine.handle("DynamoDB_20120810." + operation, sent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException e) {
      return problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is shutting down");
    }
    ObjectNode result = JSON.createObjectNode();
    result.put("status", answer.status());
    try {
      result.set("response", JSON.readTree(answer.body()));
    } catch (IOException e) {
      result.put("response", new String(answer.body(), StandardCharsets.UTF_8));
    }
    if (operation.equals("Query") || operation.equals("Scan")) {
      try {
        result.put("cli", ConsoleCli.line(JSON, operation, dynamoRequest, endpoint.get()));
      } catch (IllegalArgumentException e) {
        result.putNull("cli");
      }
    }
    return json(HttpResponseStatus.OK, result);
  }

  private ObjectNode info() {
    ObjectNode info = JSON.createObjectNode();
    info.put("endpoint", endpoint.get().toString());
    info.put("auth", auth);
    return info;
  }

  /** Each operation's figures under the names of {@link ServerMetrics.OperationStats}. */
  private ObjectNode metricsJson() {
    List<ServerMetrics.OperationStats> stats = metrics.snapshot();
    ObjectNode root = JSON.createObjectNode();
    root.set("operations", JSON.valueToTree(stats));
    root.put("total", stats.stream().mapToLong(ServerMetrics.OperationStats::count).sum());
    return root;
  }

  /** A query parameter's first value, or "". */
  private static String parameter(FullHttpRequest request, String name) {
    List<String> values =
        new QueryStringDecoder(request.uri()).parameters().getOrDefault(name, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }

  private static FullHttpResponse asset(String name) {
    byte[] bytes;
    try (InputStream in = ConsoleHandler.class.getResourceAsStream("console/" + name)) {
      if (in == null) {
        return problem(HttpResponseStatus.NOT_FOUND, "the console's " + name + " is missing");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String type =
        name.endsWith(".html")
            ? "text/html; charset=UTF-8"
            : name.endsWith(".js") ? "text/javascript; charset=UTF-8" : "text/css; charset=UTF-8";
    FullHttpResponse response = Responses.of(200, type, bytes, false);
    secure(response.headers());
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    return response;
  }

  private static void secure(HttpHeaders headers) {
    headers.set("Content-Security-Policy", SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
  }

  private static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
    try {
      FullHttpResponse response =
          Responses.of(status.code(), "application/json", JSON.writeValueAsBytes(body), false);
      response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The console API's own error: {@code {"error": "..."}}, never DynamoDB's. */
  private static FullHttpResponse problem(HttpResponseStatus status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    return json(status, body);
  }

  private static void send(
      ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(response);
    }
  }

  /** The engine's answer to one operation, as JSON; an error answer throws {@link Refused}. */
  private JsonNode run(String target, JsonNode request) {
    try {
      WireResponse answer = engine.handle(target, JSON.writeValueAsBytes(request));
      JsonNode body = JSON.readTree(answer.body());
      if (answer.status() != 200) {
        String type = body.path("__type").asText("");
        throw new Refused(
            type.substring(type.indexOf('#') + 1) + ": " + body.path("message").asText(""));
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** DynamoDB refused an operation of a stream tail; the message is DynamoDB's. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Follows a table's stream on one connection. From the newest (the default): every shard open
   * when it starts from its newest record on. From the oldest: every record the stream keeps, each
   * shard read once its parent is read to its end. Then the shards that follow from their first
   * record.
   */
  private final class StreamTail {
    private final ChannelHandlerContext ctx;
    private final String table;
    private final String from;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> seen = new java.util.HashSet<>();
    private String streamArn;
    private ScheduledFuture<?> polling;
    private int quietPolls;

    StreamTail(ChannelHandlerContext ctx, String table, String from) {
      this.ctx = ctx;
      this.table = table;
      this.from = from.isEmpty() ? "newest" : from;
    }

    void start() {
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
      response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
      HttpUtil.setTransferEncodingChunked(response, true);
      // A tail only listens: the idle timeout of DynamoDB's connections must not end it.
      if (ctx.pipeline().get(IdleStateHandler.class) != null) {
        ctx.pipeline().remove(IdleStateHandler.class);
      }
      ctx.writeAndFlush(response);
      try {
        if (table.isEmpty()) {
          throw new Refused("ValidationException: the query parameter 'table' is required");
        }
        if (!from.equals("newest") && !from.equals("oldest")) {
          throw new Refused(
              "ValidationException: the query parameter 'from' must be newest or oldest, not "
                  + from);
        }
        ObjectNode describe = JSON.createObjectNode().put("TableName", table);
        JsonNode description = run("DynamoDB_20120810.DescribeTable", describe).path("Table");
        streamArn = description.path("LatestStreamArn").asText(null);
        boolean enabled = description.path("StreamSpecification").path("StreamEnabled").asBoolean();
        if (streamArn == null || !enabled) {
          throw new Refused("ValidationException: the table " + table + " has no stream enabled");
        }
        if (from.equals("oldest")) {
          follow(shards());
        } else {
          for (JsonNode shard : shards()) {
            String id = shard.path("ShardId").asText();
            seen.add(id);
            if (shard.path("SequenceNumberRange").path("EndingSequenceNumber").isMissingNode()) {
              iterators.put(id, iterator(id, "LATEST"));
            }
          }
        }
      } catch (Refused e) {
        event("failed", JSON.createObjectNode().put("error", e.getMessage()));
        end();
        return;
      }
      event(
          "ready",
          JSON.createObjectNode()
              .put("table", table)
              .put("streamArn", streamArn)
              .put("from", from));
      polling =
          ctx.executor()
              .scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
      ctx.channel().closeFuture().addListener(closed -> polling.cancel(false));
    }

    /**
     * Starts reading, from their first record, the shards not read yet whose parent is read to its
     * end (or is no longer kept), parents before their children.
     */
    private void follow(ArrayNode shards) {
      Set<String> listed = new java.util.HashSet<>();
      shards.forEach(shard -> listed.add(shard.path("ShardId").asText()));
      boolean added = true;
      while (added) {
        added = false;
        for (JsonNode shard : shards) {
          String id = shard.path("ShardId").asText();
          String parent = shard.path("ParentShardId").asText(null);
          boolean parentDone =
              parent == null
                  || !listed.contains(parent)
                  || seen.contains(parent) && !iterators.containsKey(parent);
          if (!seen.contains(id) && parentDone) {
            seen.add(id);
            iterators.put(id, iterator(id, "TRIM_HORIZON"));
            added = true;
          }
        }
      }
    }

    private ArrayNode shards() {
      JsonNode stream =
          run(
                  "DynamoDBStreams_20120810.DescribeStream",
                  JSON.createObjectNode().put("StreamArn", streamArn))
              .path("StreamDescription");
      return stream.path("Shards").isArray()
          ? (ArrayNode) stream.path("Shards")
          : JSON.createArrayNode();
    }

    private String iterator(String shardId, String type) {
      ObjectNode request =
          JSON.createObjectNode()
              .put("StreamArn", streamArn)
              .put("ShardId", shardId)
              .put("ShardIteratorType", type);
      return run("DynamoDBStreams_20120810.GetShardIterator", request)
          .path("ShardIterator")
          .asText();
    }

    private void poll() {
      if (!ctx.channel().isActive()) {
        polling.cancel(false);
        return;
      }
      try {
        boolean sent = false;
        boolean shardEnded = false;
        for (Map.Entry<String, String> entry : List.copyOf(iterators.entrySet())) {
          JsonNode records =
              run(
                  "DynamoDBStreams_20120810.GetRecords",
                  JSON.createObjectNode().put("ShardIterator", entry.getValue()).put("Limit", 100));
          for (JsonNode record : records.path("Records")) {
            event("record", record);
            sent = true;
          }
          JsonNode next = records.get("NextShardIterator");
          if (next == null || next.isNull()) {
            iterators.remove(entry.getKey());
            shardEnded = true;
          } else {
            iterators.put(entry.getKey(), next.asText());
          }
        }
        if (shardEnded || iterators.isEmpty()) {
          follow(shards());
        }
        if (sent) {
          quietPolls = 0;
        } else if (++quietPolls >= KEEP_ALIVE_POLLS) {
          quietPolls = 0;
          write(": keep-alive\n\n");
        }
      } catch (Refused | IllegalStateException e) {
        // The table or its stream was deleted, or the engine closed: the tail ends.
        event("failed", JSON.createObjectNode().put("error", String.valueOf(e.getMessage())));
        polling.cancel(false);
        end();
      }
    }

    /** Ends the response properly, then the connection. */
    private void end() {
      ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT)
          .addListener(ChannelFutureListener.CLOSE);
    }

    private void event(String name, JsonNode data) {
      try {
        write("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void write(String text) {
      ctx.writeAndFlush(
          new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }
  }
}
