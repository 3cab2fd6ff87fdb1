package dev.dynakit.expression.ast;

import java.util.List;
import java.util.stream.Collectors;

/** The tree of a {@code ProjectionExpression}: the paths to return, in the order written. */
public record Projection(List<DocumentPath> paths) {
  public Projection {
    paths = List.copyOf(paths);
  }

  @Override
  public String toString() {
    return paths.stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
