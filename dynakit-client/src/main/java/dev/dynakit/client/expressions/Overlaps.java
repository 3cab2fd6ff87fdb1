package dev.dynakit.client.expressions;

import java.util.List;

/** DynamoDB's rule for the paths of one update or projection: none overlaps or conflicts. */
final class Overlaps {
  private Overlaps() {}

  /**
   * Refuses {@code path} if it overlaps one of {@code earlier} (one is the other or a prefix of it)
   * or conflicts with one (where they part, one has a map key and the other a list index), with
   * DynamoDB's words.
   */
  static void check(List<Path> earlier, Path path) {
    for (Path other : earlier) {
      List<Object> a = other.steps();
      List<Object> b = path.steps();
      int common = Math.min(a.size(), b.size());
      int k = 0;
      while (k < common && a.get(k).equals(b.get(k))) {
        k++;
      }
      if (k == common) {
        throw new IllegalArgumentException(
            "Two document paths overlap with each other; must remove or rewrite one of these"
                + " paths; path one: "
                + other
                + ", path two: "
                + path);
      }
      if (a.get(k).getClass() != b.get(k).getClass()) {
        throw new IllegalArgumentException(
            "Two document paths conflict with each other; must remove or rewrite one of these"
                + " paths; path one: "
                + other
                + ", path two: "
                + path);
      }
    }
  }
}
