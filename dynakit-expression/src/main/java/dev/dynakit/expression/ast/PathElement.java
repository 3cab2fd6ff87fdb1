package dev.dynakit.expression.ast;

/** One step of a document path: an attribute (or map key) name, or a list index. */
public sealed interface PathElement {

  /**
   * A name step, as written: either a literal name ({@code Price}) or a placeholder ({@code #p})
   * that {@code ExpressionAttributeNames} resolves.
   */
  record Name(String token) implements PathElement {
    /** Whether the step is a {@code #name} placeholder. */
    public boolean isPlaceholder() {
      return token.startsWith("#");
    }

    @Override
    public String toString() {
      return token;
    }
  }

  /** A list index step, {@code [3]}. */
  record Index(int index) implements PathElement {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }
}
