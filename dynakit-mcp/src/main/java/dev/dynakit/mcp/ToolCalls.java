package dev.dynakit.mcp;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.errors.PolicyViolationException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool call through the adapter ({@code dynakit.call}), so its configuration and policy
 * gates apply, and turns the answer into a tool result: the verb's normalized result as JSON text,
 * or a tool error ({@code isError: true}) whose JSON text names the error's category, kind and
 * message (a refused call names the gate). Never throws: every failure is a tool error.
 */
final class ToolCalls {
  private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);

  private final Dynakit dynakit;
  private final ReadCaps caps;
  private final Audit audit;

  ToolCalls(Dynakit dynakit, McpOptions options) {
    this.dynakit = dynakit;
    this.caps = new ReadCaps(dynakit, options.maxItems(), options.maxBytes());
    this.audit = new Audit(options.clock(), options.auditStream());
  }

  /** Runs {@code tool} with {@code args} ({@code null} counts as no arguments). */
  CallToolResult call(String tool, Map<String, Object> args) {
    Map<String, Object> arguments = args == null ? Map.of() : args;
    long start = audit.start();
    try {
      Map<String, Object> result = run(tool, arguments);
      audit.record(tool, arguments, "allowed", null, start);
      return CallToolResult.builder().addTextContent(Json.write(result)).isError(false).build();
    } catch (PolicyViolationException e) {
      audit.record(tool, arguments, "refused", "rule=" + e.kind(), start);
      return error("PolicyViolation", e.kind().name(), e.getMessage(), false);
    } catch (DynakitException e) {
      audit.record(tool, arguments, "failed", "error=" + e.kind(), start);
      return error(category(e), e.kind().name(), e.getMessage(), e.retryable());
    } catch (ToolArgumentException e) {
      audit.record(tool, arguments, "failed", "error=INVALID_ARGUMENT", start);
      return error("RequestValidation", "INVALID_ARGUMENT", e.getMessage(), false);
    } catch (RuntimeException e) {
      // Not the adapter's: its message may hold anything, so only the type reaches the caller.
      audit.record(tool, arguments, "failed", "error=INTERNAL", start);
      LOG.debug("tool {} failed", tool, e);
      return error(
          "Internal",
          "INTERNAL",
          "tool '" + tool + "' failed: " + e.getClass().getSimpleName(),
          false);
    }
  }

  private Map<String, Object> run(String tool, Map<String, Object> args) {
    switch (tool) {
      case "query":
      case "scan":
        return caps.collection(tool, args);
      case "batch_get":
        return caps.batchGet(args);
      case "streams_subscribe":
        return dynakit.call("streams.subscribe", caps.events(args));
      case "streams_unsubscribe":
        return dynakit.call("streams.unsubscribe", args);
      default:
        return dynakit.call(tool, args);
    }
  }

  /** {@code PolicyViolationException} -> {@code PolicyViolation}. */
  private static String category(DynakitException e) {
    String name = e.getClass().getSimpleName();
    return name.endsWith("Exception") ? name.substring(0, name.length() - 9) : name;
  }

  private static CallToolResult error(
      String category, String kind, String message, boolean retryable) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("category", category);
    error.put("kind", kind);
    error.put("message", message);
    error.put("retryable", retryable);
    return CallToolResult.builder()
        .addTextContent(Json.write(Map.of("error", error)))
        .isError(true)
        .build();
  }
}
