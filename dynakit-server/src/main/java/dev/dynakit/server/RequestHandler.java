package dev.dynakit.server;

import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.engine.protocol.ErrorResponse;
import dev.dynakit.engine.protocol.JsonCodec;
import dev.dynakit.engine.protocol.WireResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers the requests of one connection, one at a time and in order (HTTP/1.1 pipelining keeps its
 * order): screens what is not a DynamoDB request, hands the rest to {@link DynakitEngine#handle},
 * on the engine's threads when there are any, and writes the answer. An idle read timeout closes
 * the connection only while no request is being answered.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
  private static final String TARGET = "X-Amz-Target";

  private final DynakitEngine engine;
  private final Executor engineThreads;
  private final InFlight inFlight;
  private final SigV4 auth;
  private final ServerMetrics metrics;
  private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>();
  private boolean busy;

  /**
   * @param engineThreads where engine work runs, or {@code null} to run it on the event loop
   * @param auth checks signatures, or {@code null} to accept any request
   */
  RequestHandler(
      DynakitEngine engine,
      Executor engineThreads,
      InFlight inFlight,
      SigV4 auth,
      ServerMetrics metrics) {
    this.engine = engine;
    this.engineThreads = engineThreads;
    this.inFlight = inFlight;
    this.auth = auth;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    queue.add((FullHttpRequest) msg);
    if (!busy) {
      next(ctx);
    }
  }

  private void next(ChannelHandlerContext ctx) {
    FullHttpRequest request = queue.poll();
    if (request == null) {
      busy = false;
      return;
    }
    busy = true;
    inFlight.begin();
    boolean keepAlive = request.decoderResult().isSuccess() && HttpUtil.isKeepAlive(request);
    FullHttpResponse screened = screen(request);
    if (screened != null) {
      finish(ctx, request, screened, keepAlive);
      return;
    }
    String target = request.headers().get(TARGET);
    byte[] body = ByteBufUtil.getBytes(request.content());
    ErrorResponse refused = auth == null ? null : auth.check(request, body);
    if (refused != null) {
      finish(ctx, request, Responses.error(refused), keepAlive);
      return;
    }
    boolean gzip = acceptsGzip(request);
    String contentType = responseType(request);
    // A request signed for a region that holds replicas of global tables goes to that region.
    DynakitEngine regional = engine.existingRegion(signedRegion(request));
    if (engineThreads == null) {
      finish(ctx, request, answer(regional, target, body, contentType, gzip), keepAlive);
      return;
    }
    try {
      engineThreads.execute(
          () -> {
            FullHttpResponse response = answer(regional, target, body, contentType, gzip);
            ctx.executor().execute(() -> finish(ctx, request, response, keepAlive));
          });
    } catch (RejectedExecutionException e) {
      finish(ctx, request, stopping(), false);
    }
  }

  /** The region in the request's SigV4 credential scope, or null. */
  private static String signedRegion(FullHttpRequest request) {
    String authorization = request.headers().get("Authorization");
    if (authorization == null) {
      return null;
    }
    java.util.regex.Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
    return scope.find() ? scope.group(1) : null;
  }

  private static final java.util.regex.Pattern CREDENTIAL_SCOPE =
      java.util.regex.Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");

  /** The engine's answer as an HTTP response; never throws. */
  private FullHttpResponse answer(
      DynakitEngine engine, String target, byte[] body, String contentType, boolean gzip) {
    long started = metrics.start();
    try {
      WireResponse answer = engine.handle(target, body);
      metrics.record(target, answer.status(), started);
      // Errors go uncompressed: the AWS SDK for Java inflates and checks only successful bodies.
      return Responses.of(
          answer.status(), contentType, answer.body(), gzip && answer.status() == 200);
    } catch (IllegalStateException e) {
      // The engine was closed under the server.
      return stopping();
    } catch (RuntimeException e) {
      return Responses.error(
          ErrorResponse.of(
              "InternalServerError",
              "Internal server error: " + e.getClass().getSimpleName() + " " + e.getMessage()));
    }
  }

  private static FullHttpResponse stopping() {
    return Responses.error(
        ErrorResponse.of("ServiceUnavailable", "The server is shutting down; try again later."));
  }

  /**
   * The answer to a request that never reaches the engine, or {@code null} for a DynamoDB request:
   * HTTP the decoder could not read, the health check ({@code GET /}), and what DynamoDB answers
   * with 404 (any other method, or a body that is not JSON by its content type).
   */
  static FullHttpResponse screen(FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      Throwable cause = request.decoderResult().cause();
      return Responses.text(
          HttpResponseStatus.BAD_REQUEST,
          "malformed HTTP request: "
              + (cause == null ? "unreadable" : cause.getClass().getSimpleName())
              + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage())
              + "\n");
    }
    HttpMethod method = request.method();
    if (HttpMethod.GET.equals(method) && "/".equals(request.uri())) {
      return Responses.text(HttpResponseStatus.OK, "healthy: dynakit\n");
    }
    if (!HttpMethod.POST.equals(method)) {
      return Responses.notAnOperation();
    }
    if (request.content().isReadable() && !jsonContentType(request)) {
      return Responses.notAnOperation();
    }
    return null;
  }

  private static boolean jsonContentType(FullHttpRequest request) {
    String type = mediaType(request);
    return type.equals(JsonCodec.CONTENT_TYPE) || type.equals("application/json");
  }

  /** The request's media type, lower case, without parameters; empty if it gives none. */
  private static String mediaType(FullHttpRequest request) {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** DynamoDB answers a request sent as {@code application/json} in that type, else in 1.0. */
  private static String responseType(FullHttpRequest request) {
    return mediaType(request).equals("application/json")
        ? "application/json"
        : JsonCodec.CONTENT_TYPE;
  }

  static boolean acceptsGzip(FullHttpRequest request) {
    for (String value : request.headers().getAll(HttpHeaderNames.ACCEPT_ENCODING)) {
      for (String coding : value.split(",")) {
        String trimmed = coding.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("gzip") || trimmed.startsWith("gzip;") && !trimmed.endsWith("q=0")) {
          return true;
        }
      }
    }
    return false;
  }

  private void finish(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      FullHttpResponse response,
      boolean keepAlive) {
    HttpVersion version = request.protocolVersion();
    request.release();
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (!version.isKeepAliveDefault()) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ctx.writeAndFlush(response)
        .addListener(
            written -> {
              inFlight.end();
              if (!keepAlive || !written.isSuccess()) {
                ctx.close();
              } else {
                next(ctx);
              }
            });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent
        && ((IdleStateEvent) event).state() == IdleState.READER_IDLE
        && !busy) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    FullHttpRequest queued;
    while ((queued = queue.poll()) != null) {
      queued.release();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A connection reset or a TLS failure: nothing to answer on this connection.
    ctx.close();
  }
}
