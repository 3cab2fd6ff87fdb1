package dev.dynakit.mcp;

/** A tool argument the server itself checks (a cursor, a limit) is wrong: the message says how. */
final class ToolArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ToolArgumentException(String tool, String argument, String problem) {
    super("tool '" + tool + "': argument '" + argument + "' " + problem);
  }
}
