package dev.dynakit.cli;

/**
 * A command line the user got wrong in a way picocli cannot see: a bad {@code --args}, a bad {@code
 * key=value} shorthand, a missing file. Exits with {@link ExitCode#USAGE}.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
