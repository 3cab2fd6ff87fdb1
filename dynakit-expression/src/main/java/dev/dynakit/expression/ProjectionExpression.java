package dev.dynakit.expression;

import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.ast.Projection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A projection expression bound to its request's names.
 *
 * <pre>{@code
 * ProjectionExpression projection = attributes.projection("Title, Reviews.FiveStar[0]");
 * Map<String, AttributeValue> returned = projection.project(item);
 * }</pre>
 */
public final class ProjectionExpression {
  private final Projection tree;
  private final List<List<PathElement>> paths;

  ProjectionExpression(Projection tree, List<List<PathElement>> paths) {
    this.tree = tree;
    this.paths = List.copyOf(paths);
  }

  /** The parsed tree. */
  public Projection tree() {
    return tree;
  }

  /** The top-level attributes the projection reads, for index projection checks. */
  public Set<String> topLevelAttributes() {
    Set<String> names = new LinkedHashSet<>();
    for (List<PathElement> path : paths) {
      names.add(((PathElement.Name) path.get(0)).token());
    }
    return names;
  }

  /**
   * The parts of an item the projection selects. Nested paths keep their nesting; list elements
   * keep their order and close up, as DynamoDB returns them.
   */
  public Map<String, AttributeValue> project(Map<String, AttributeValue> item) {
    Node.Branch root = new Node.Branch(new LinkedHashMap<>());
    for (List<PathElement> path : paths) {
      AttributeValue value = Documents.get(item, path);
      if (value != null) {
        root.insert(path, 0, value);
      }
    }
    Map<String, AttributeValue> result = new LinkedHashMap<>();
    root.children().forEach((name, node) -> result.put((String) name, node.build()));
    return result;
  }

  @Override
  public String toString() {
    return tree.toString();
  }

  /** The projected document while it is assembled: map keys, or list indexes in order. */
  private sealed interface Node {
    AttributeValue build();

    record Leaf(AttributeValue value) implements Node {
      @Override
      public AttributeValue build() {
        return value;
      }
    }

    record Branch(Map<Object, Node> children) implements Node {
      void insert(List<PathElement> path, int at, AttributeValue value) {
        PathElement element = path.get(at);
        Object key =
            element instanceof PathElement.Name name
                ? name.token()
                : ((PathElement.Index) element).index();
        if (at == path.size() - 1) {
          children.put(key, new Leaf(value));
          return;
        }
        Branch branch;
        if (children.get(key) instanceof Branch existing) {
          branch = existing;
        } else {
          branch =
              new Branch(
                  path.get(at + 1) instanceof PathElement.Index
                      ? new TreeMap<>()
                      : new LinkedHashMap<>());
          children.put(key, branch);
        }
        branch.insert(path, at + 1, value);
      }

      @Override
      public AttributeValue build() {
        if (children instanceof TreeMap) {
          List<AttributeValue> list = new ArrayList<>();
          children.values().forEach(node -> list.add(node.build()));
          return AttributeValue.fromL(list);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        children.forEach((name, node) -> map.put((String) name, node.build()));
        return AttributeValue.fromM(map);
      }
    }
  }
}
