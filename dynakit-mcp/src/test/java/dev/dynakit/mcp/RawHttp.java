package dev.dynakit.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP/1.1 request over a plain loopback socket, so any header (Host too) can be sent. */
final class RawHttp {
  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

  private RawHttp() {}

  /** The status code and the whole response. */
  static Response post(int port, Map<String, String> headers, String body) throws IOException {
    return send(port, "POST", headers, body);
  }

  /** The status code and the whole response of a {@code method} request. */
  static Response send(int port, String method, Map<String, String> headers, String body)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      byte[] content = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(method + " /mcp HTTP/1.1\r\n");
      for (Map.Entry<String, String> header : headers.entrySet()) {
        request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
      request
          .append("Content-Type: application/json\r\n")
          .append("Accept: application/json, text/event-stream\r\n")
          .append("Content-Length: ")
          .append(content.length)
          .append("\r\nConnection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        answer.write(buffer, 0, n);
        String sofar = answer.toString(StandardCharsets.UTF_8);
        // An SSE answer to a request stays open until its response event: stop at the first.
        if (sofar.contains("\"jsonrpc\"")
            && sofar.contains("text/event-stream")
            && sofar.endsWith("\n\n")) {
          break;
        }
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      return new Response(status, text);
    }
  }

  static final class Response {
    final int status;
    final String text;

    Response(int status, String text) {
      this.status = status;
      this.text = text;
    }
  }
}
