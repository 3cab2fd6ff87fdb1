package dev.dynakit.client.expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A projection expression: the paths of the item to return.
 *
 * <pre>{@code
 * Projection.of("pk", "status").render(p);                  // #n0, #n1
 * Projection.of(Path.parse("address.lines[0]")).render(p);  // #n0.#n1[0]
 * }</pre>
 *
 * <p>As DynamoDB does, no two paths may overlap or conflict (see {@link Update}).
 */
public final class Projection {
  private final List<Path> paths;

  private Projection(List<Path> paths) {
    this.paths = List.copyOf(paths);
  }

  /**
   * The projection of {@code paths}.
   *
   * @throws IllegalArgumentException if there are none, or two overlap or conflict
   */
  public static Projection of(Path... paths) {
    Conditions.need(paths, "paths");
    if (paths.length == 0) {
      throw new IllegalArgumentException("A projection needs at least one path");
    }
    List<Path> taken = new ArrayList<>();
    for (Path path : paths) {
      Overlaps.check(taken, Conditions.need(path, "paths[]"));
      taken.add(path);
    }
    return new Projection(taken);
  }

  /**
   * The projection of the top-level attributes {@code attributeNames}, each name taken whole.
   *
   * @throws IllegalArgumentException if there are none, a name is empty, or a name repeats
   */
  public static Projection of(String... attributeNames) {
    Conditions.need(attributeNames, "attributeNames");
    Path[] paths = new Path[attributeNames.length];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = Path.of(attributeNames[i]);
    }
    return of(paths);
  }

  /** The paths, in order. */
  public List<Path> paths() {
    return paths;
  }

  /** The expression, with placeholders of {@code p}. */
  public String render(Placeholders p) {
    return text(p);
  }

  private String text(Naming naming) {
    return paths.stream().map(path -> path.text(naming)).collect(Collectors.joining(", "));
  }

  /** The expression with names inline, for logs and errors. */
  @Override
  public String toString() {
    return text(Inline.NAMING);
  }
}
