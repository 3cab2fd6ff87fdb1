package dev.dynakit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 connection to a server: writes bytes exactly as given and reads responses by their
 * Content-Length, so tests can send what no HTTP client would.
 */
final class RawHttp implements AutoCloseable {
  /** Long enough for a loaded machine, short enough that a hang fails the test. */
  static final int TIMEOUT_MILLIS = 20_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** One response: status, headers (names in lower case), body bytes as received. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A POST of {@code json} to {@code /} with the target and DynamoDB's content type. */
  static String post(String target, String json) {
    return post(target, json.getBytes(StandardCharsets.UTF_8).length, "") + json;
  }

  /** The head of such a POST, announcing {@code length} body bytes, with extra header lines. */
  static String post(String target, long length, String extraHeaders) {
    return "POST / HTTP/1.1\r\n"
        + "Host: localhost\r\n"
        + "X-Amz-Target: "
        + target
        + "\r\n"
        + "Content-Type: application/x-amz-json-1.0\r\n"
        + extraHeaders
        + "Content-Length: "
        + length
        + "\r\n\r\n";
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Stops sending: the server sees the end of the stream. */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Reads the next response. */
  Response read() throws IOException {
    Response head = readHead();
    int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
    return new Response(head.status(), head.headers(), in.readNBytes(length));
  }

  /** Reads the next response's status line and headers: all there is of an answer to HEAD. */
  Response readHead() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("the connection was closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = line()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return new Response(status, headers, new byte[0]);
  }

  /** Whether the server has closed the connection: the next read sees the end of the stream. */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = buffer.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      buffer.write(b);
    }
    return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
