package dev.dynakit.client.expressions;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One side of a comparison: a path of the item, a value, or the size of a path's value. */
sealed interface Operand {
  String text(Naming naming);

  /** The value at a path of the item. */
  record OfPath(Path path) implements Operand {
    @Override
    public String text(Naming naming) {
      return path.text(naming);
    }
  }

  /** A value given by the caller. */
  record OfValue(AttributeValue value) implements Operand {
    @Override
    public String text(Naming naming) {
      return naming.value(value);
    }
  }

  /** {@code size(path)}. */
  record OfSize(Path path) implements Operand {
    @Override
    public String text(Naming naming) {
      return "size(" + path.text(naming) + ")";
    }
  }
}
