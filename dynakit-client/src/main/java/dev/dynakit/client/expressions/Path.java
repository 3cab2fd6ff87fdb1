package dev.dynakit.client.expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A document path: a top-level attribute, then map keys and list indexes, such as {@code
 * address.lines[0]}. Every name is used literally (it becomes a {@code #name} placeholder), so a
 * name may hold dots, brackets, spaces or any other character.
 *
 * <pre>{@code
 * Path.of("a.b");                          // ONE attribute named "a.b"
 * Path.of("address").field("lines").index(0);
 * Path.parse("address.lines[0]");           // the same path, from document-path syntax
 * }</pre>
 *
 * <p>Immutable; equal when the steps are equal.
 */
public final class Path {
  private final List<Object> steps;

  private Path(List<Object> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * The top-level attribute named {@code attributeName}, taken whole: {@code Path.of("a.b")} is the
   * attribute {@code a.b}, not the key {@code b} of map {@code a}.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public static Path of(String attributeName) {
    return new Path(List.of(checkName(attributeName)));
  }

  /**
   * A path in DynamoDB's document-path syntax: names separated by dots, each followed by any number
   * of list indexes in brackets, such as {@code a.b[2].c}. Names here cannot hold {@code .}, {@code
   * [} or {@code ]}; build such paths with {@link #of} and {@link #field}.
   *
   * @throws IllegalArgumentException naming what is wrong: an empty name, an index that is not a
   *     non-negative integer, or an unclosed bracket
   */
  public static Path parse(String documentPath) {
    Objects.requireNonNull(documentPath, "documentPath");
    List<Object> steps = new ArrayList<>();
    int i = 0;
    int n = documentPath.length();
    while (true) {
      int start = i;
      while (i < n && "[].".indexOf(documentPath.charAt(i)) < 0) {
        i++;
      }
      if (i == start) {
        throw new IllegalArgumentException(
            "Document path '" + documentPath + "' has an empty attribute name at position " + i);
      }
      steps.add(documentPath.substring(start, i));
      while (i < n && documentPath.charAt(i) == '[') {
        int close = documentPath.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException(
              "Document path '" + documentPath + "' has an unclosed '[' at position " + i);
        }
        steps.add(parseIndex(documentPath, documentPath.substring(i + 1, close)));
        i = close + 1;
      }
      if (i == n) {
        return new Path(steps);
      }
      if (documentPath.charAt(i) != '.') {
        throw new IllegalArgumentException(
            "Document path '"
                + documentPath
                + "' has an unexpected '"
                + documentPath.charAt(i)
                + "' at position "
                + i);
      }
      i++;
    }
  }

  private static int parseIndex(String documentPath, String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "Document path '"
              + documentPath
              + "' has a list index that is not a non-negative integer: ["
              + digits
              + "]");
    }
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Document path '" + documentPath + "' has a list index too large: [" + digits + "]", e);
    }
  }

  /**
   * This path, then the map key {@code name} (taken whole).
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public Path field(String name) {
    List<Object> longer = new ArrayList<>(steps);
    longer.add(checkName(name));
    return new Path(longer);
  }

  /**
   * This path, then the list element at {@code index}.
   *
   * @throws IllegalArgumentException if the index is negative
   */
  public Path index(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("A list index must not be negative: " + index);
    }
    List<Object> longer = new ArrayList<>(steps);
    longer.add(index);
    return new Path(longer);
  }

  /** The top-level attribute this path starts at. */
  public String attributeName() {
    return (String) steps.get(0);
  }

  /** The path with every name replaced by its placeholder, such as {@code #n0.#n1[2]}. */
  public String render(Placeholders placeholders) {
    return text(placeholders);
  }

  /** The steps: {@code String} for a name, {@code Integer} for a list index. */
  List<Object> steps() {
    return steps;
  }

  String text(Naming naming) {
    StringBuilder text = new StringBuilder();
    for (Object step : steps) {
      if (step instanceof Integer) {
        text.append('[').append(step).append(']');
      } else {
        if (text.length() > 0) {
          text.append('.');
        }
        text.append(naming.name((String) step));
      }
    }
    return text.toString();
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("An attribute name must not be empty");
    }
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Path && ((Path) other).steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  /** The path in readable form: names that hold {@code .}, brackets or spaces in backquotes. */
  @Override
  public String toString() {
    return text(Inline.NAMING);
  }
}
