package dev.dynakit.mcp;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps exceptions out of error answers: the SDK's servlet writes an error answer's exception,
 * stack trace included, as its body. Once an error status (400 and up) is set, what is written is
 * kept aside, and {@link #finish()} writes a plain JSON-RPC error instead: the SDK's code and
 * message for a client error, {@code internal error} for a server error.
 */
final class MaskedErrorResponse extends HttpServletResponseWrapper {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private int status;
  private PrintWriter writer;

  MaskedErrorResponse(HttpServletResponse response) {
    super(response);
  }

  private boolean failed() {
    return status >= 400;
  }

  @Override
  public void setStatus(int status) {
    this.status = status;
    super.setStatus(status);
  }

  @Override
  public void sendError(int status, String message) {
    setStatus(status);
  }

  @Override
  public void sendError(int status) {
    setStatus(status);
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (!failed()) {
      return super.getWriter();
    }
    if (writer == null) {
      writer = new PrintWriter(new OutputStreamWriter(kept, StandardCharsets.UTF_8));
    }
    return writer;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (!failed()) {
      return super.getOutputStream();
    }
    return new ServletOutputStream() {
      @Override
      public void write(int b) {
        kept.write(b);
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {
        throw new UnsupportedOperationException("not an asynchronous answer");
      }
    };
  }

  @Override
  public void setContentLength(int length) {
    if (!failed()) {
      super.setContentLength(length);
    }
  }

  @Override
  public void setContentLengthLong(long length) {
    if (!failed()) {
      super.setContentLengthLong(length);
    }
  }

  /** Writes the plain error body, if the answer was an error. */
  @SuppressWarnings("unchecked")
  void finish() throws IOException {
    if (!failed() || isCommitted()) {
      return;
    }
    if (writer != null) {
      writer.flush();
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", -32603);
    error.put("message", "internal error");
    Map<String, Object> written = Json.readObject(kept.toString(StandardCharsets.UTF_8));
    if (status < 500 && written != null && written.get("jsonRpcError") instanceof Map) {
      Map<?, ?> rpc = (Map<?, ?>) written.get("jsonRpcError");
      if (rpc.get("code") instanceof Integer && rpc.get("message") instanceof String) {
        error.put("code", rpc.get("code"));
        error.put("message", rpc.get("message"));
      }
    } else if (status < 500 && written != null && written.get("error") instanceof Map) {
      error = new LinkedHashMap<>();
      error.putAll((Map<String, Object>) written.get("error"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", "2.0");
    body.put("id", null);
    body.put("error", error);
    HttpServletResponse response = (HttpServletResponse) getResponse();
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Json.write(body));
  }
}
