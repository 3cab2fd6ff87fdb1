package dev.dynakit.expression.ast;

import java.util.List;

/**
 * A document path such as {@code a.b[2].#c}: a name, then any number of name or index steps.
 *
 * @param elements the steps; the first is always a {@link PathElement.Name}
 */
public record DocumentPath(List<PathElement> elements) {
  public DocumentPath {
    elements = List.copyOf(elements);
    if (elements.isEmpty() || !(elements.get(0) instanceof PathElement.Name)) {
      throw new IllegalArgumentException("a document path starts with a name: " + elements);
    }
  }

  /** A path of one top-level attribute. */
  public static DocumentPath of(String token) {
    return new DocumentPath(List.of(new PathElement.Name(token)));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (PathElement element : elements) {
      if (element instanceof PathElement.Name && text.length() > 0) {
        text.append('.');
      }
      text.append(element);
    }
    return text.toString();
  }
}
