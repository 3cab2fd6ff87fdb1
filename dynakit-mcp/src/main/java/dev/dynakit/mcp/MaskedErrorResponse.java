package dev.dynakit.mcp;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Keeps server errors' bodies from the client: the SDK's servlet writes a 5xx answer's exception,
 * stack trace included, as its body. Once a 5xx status is set, what is written is dropped, and
 * {@link #finish()} writes a plain JSON-RPC internal error instead.
 */
final class MaskedErrorResponse extends HttpServletResponseWrapper {
  private boolean failed;

  MaskedErrorResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public void setStatus(int status) {
    failed = status >= 500;
    super.setStatus(status);
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    setStatus(status);
  }

  @Override
  public void sendError(int status) throws IOException {
    setStatus(status);
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    return failed ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (!failed) {
      return super.getOutputStream();
    }
    return new ServletOutputStream() {
      @Override
      public void write(int b) {
        // dropped: see the class comment
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
    if (!failed) {
      super.setContentLength(length);
    }
  }

  /** Writes the plain error body if the answer was a server error. */
  void finish() throws IOException {
    if (failed && !isCommitted()) {
      HttpServletResponse response = (HttpServletResponse) getResponse();
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":"
                  + "\"internal error\"}}");
    }
  }
}
