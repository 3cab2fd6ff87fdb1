package dev.dynakit.client.mapping;

/**
 * A type cannot be mapped (raised when its schema is built, naming the field), or a value or a
 * stored item does not fit it (naming the attribute and what was expected). Messages name types,
 * fields and attributes, never values.
 */
public final class MappingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MappingException(String message) {
    super(message);
  }

  MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
