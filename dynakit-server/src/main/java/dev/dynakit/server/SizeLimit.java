package dev.dynakit.server;

import dev.dynakit.engine.protocol.ErrorResponse;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Gathers a request's body, up to the server's limit. A larger request (by its {@code
 * Content-Length}, or once its chunks pass the limit) is answered 413 with a JSON error naming the
 * limit, and its connection closed, without reading the rest.
 */
final class SizeLimit extends HttpObjectAggregator {
  private final int maxBytes;

  SizeLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    long length = HttpUtil.getContentLength(oversized, -1L);
    String size = length < 0 ? "more than " + maxBytes : Long.toString(length);
    FullHttpResponse response =
        Responses.error(
            new ErrorResponse(
                "RequestEntityTooLarge",
                "Request size "
                    + size
                    + " bytes exceeds the server's limit of "
                    + maxBytes
                    + " bytes",
                413));
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
