package dev.dynakit.expression.ast;

/** One action of an update expression. */
public sealed interface UpdateAction {

  /** The path the action writes. */
  DocumentPath path();

  /** {@code SET path = value}. */
  record Set(DocumentPath path, Operand value) implements UpdateAction {
    @Override
    public String toString() {
      return path + " = " + value;
    }
  }

  /** {@code REMOVE path}. */
  record Remove(DocumentPath path) implements UpdateAction {
    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** {@code ADD path :value}: adds to a number or a set. */
  record Add(DocumentPath path, Operand value) implements UpdateAction {
    @Override
    public String toString() {
      return path + " " + value;
    }
  }

  /** {@code DELETE path :value}: removes elements from a set. */
  record Delete(DocumentPath path, Operand value) implements UpdateAction {
    @Override
    public String toString() {
      return path + " " + value;
    }
  }
}
