package dev.dynakit.server;

import dev.dynakit.engine.protocol.ErrorResponse;
import dev.dynakit.engine.protocol.JsonCodec;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * The HTTP responses the server sends. Every one carries {@code x-amzn-RequestId}, a {@code
 * Content-Length} and {@code x-amz-crc32}: the CRC32 of the body bytes as sent, so of the gzip
 * stream when the body is compressed (DynamoDB computes it there, and the AWS SDKs check it there).
 */
final class Responses {
  static final String REQUEST_ID = "x-amzn-RequestId";
  static final String CRC32 = "x-amz-crc32";

  /** What DynamoDB sends (status 404) for a request that is not a JSON POST. */
  private static final byte[] NOT_AN_OPERATION =
      "<UnknownOperationException/>\n".getBytes(StandardCharsets.US_ASCII);

  private Responses() {}

  /** A response with {@code body}; compressed with gzip if {@code gzip} (the client accepts it). */
  static FullHttpResponse of(int status, String contentType, byte[] body, boolean gzip) {
    byte[] sent = gzip ? gzip(body) : body;
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(sent));
    HttpHeaders headers = response.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    headers.set(HttpHeaderNames.CONTENT_LENGTH, sent.length);
    headers.set(REQUEST_ID, requestId());
    headers.set(CRC32, crc32(sent));
    if (gzip) {
      headers.set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
    }
    return response;
  }

  /** DynamoDB's JSON error. */
  static FullHttpResponse error(ErrorResponse error) {
    return of(error.status(), JsonCodec.CONTENT_TYPE, error.body(), false);
  }

  /** DynamoDB's answer to a request that is not a POST of JSON: 404, an XML fragment. */
  static FullHttpResponse notAnOperation() {
    return of(404, "application/x-amz-json-1.0", NOT_AN_OPERATION, false);
  }

  /** A plain-text answer, for requests that are not HTTP the server can read. */
  static FullHttpResponse text(HttpResponseStatus status, String text) {
    return of(
        status.code(), "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8), false);
  }

  /** The unsigned CRC32 of {@code bytes}, as decimal text. */
  static String crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    return Long.toString(crc.getValue());
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A version 4 UUID from {@link ThreadLocalRandom}: unique, no {@code SecureRandom} lock. */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
