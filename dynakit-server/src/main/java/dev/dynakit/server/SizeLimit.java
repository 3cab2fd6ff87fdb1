package dev.dynakit.server;

import dev.dynakit.engine.protocol.ErrorResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Gathers a request's body, up to the server's limit. A larger request (by its {@code
 * Content-Length}, or once its chunks pass the limit) is answered 413 with a JSON error naming the
 * limit, and its connection closed, without reading the rest.
 */
final class SizeLimit extends HttpObjectAggregator {
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final int maxBytes;

  SizeLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse response = tooLarge(HttpUtil.getContentLength(oversized, -1L));
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * The answer to {@code Expect}: Netty's {@code 100 Continue}, or in place of its bare refusals
   * (417 for an expectation other than {@code 100-continue}, 413 for a body announced too large)
   * the server's own, which carry a request id and a checksum as every answer does.
   */
  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    String expectation = start.headers().get(HttpHeaderNames.EXPECT);
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    if (!(response instanceof FullHttpResponse)) {
      return response;
    }
    int status = ((FullHttpResponse) response).status().code();
    ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
    if (status == HttpResponseStatus.CONTINUE.code() && codec != null) {
      // Written as bytes below the codec: its encoder takes the method of the next request
      // from its queue for every response, an interim one too, and would then encode the final
      // answer to a HEAD request with a body (or a later answer without one).
      ReferenceCountUtil.release(response);
      codec.writeAndFlush(Unpooled.copiedBuffer(CONTINUE));
      return null;
    }
    if (status == HttpResponseStatus.EXPECTATION_FAILED.code()) {
      ReferenceCountUtil.release(response);
      return Responses.text(
          HttpResponseStatus.EXPECTATION_FAILED,
          "unsupported Expect header: " + expectation + "\n");
    }
    if (status == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
      ReferenceCountUtil.release(response);
      return tooLarge(HttpUtil.getContentLength(start, -1L));
    }
    return response;
  }

  private FullHttpResponse tooLarge(long length) {
    String size = length < 0 ? "more than " + maxBytes : Long.toString(length);
    return Responses.error(
        new ErrorResponse(
            "RequestEntityTooLarge",
            "Request size " + size + " bytes exceeds the server's limit of " + maxBytes + " bytes",
            413));
  }
}
