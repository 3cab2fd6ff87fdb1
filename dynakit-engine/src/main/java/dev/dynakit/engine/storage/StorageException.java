package dev.dynakit.engine.storage;

/**
 * A durable store could not do what was asked: its data directory cannot be opened (in use by
 * another process, written by a newer version, not a dynakit data directory, damaged), or the store
 * failed to read or write. The message names the directory and what was wrong.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its explanation. */
  public StorageException(String message) {
    super(message);
  }

  /** A failure with its explanation and cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
