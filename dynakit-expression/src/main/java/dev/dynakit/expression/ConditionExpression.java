package dev.dynakit.expression;

import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition or filter expression bound to its request's names and values.
 *
 * <pre>{@code
 * ConditionExpression condition = attributes.condition("attribute_not_exists(pk)");
 * if (!condition.matches(existingItem)) { ... }
 * }</pre>
 */
public final class ConditionExpression {
  private final Condition tree;
  private final ExpressionAttributes attributes;

  ConditionExpression(Condition tree, ExpressionAttributes attributes) {
    this.tree = tree;
    this.attributes = attributes;
  }

  /** The parsed tree. */
  public Condition tree() {
    return tree;
  }

  /** Whether the condition holds for an item; an absent item is the empty map. */
  public boolean matches(Map<String, AttributeValue> item) {
    return new Evaluator(attributes, item).test(tree);
  }

  /**
   * Refuses a Query filter that reads the key of the table or index queried, as DynamoDB does: key
   * conditions belong in the {@code KeyConditionExpression}.
   */
  public void requireNonKeyAttributes(KeySchema keys) {
    List<List<PathElement>> paths = new ArrayList<>();
    collectPaths(tree, paths);
    for (KeySchema.Attribute key : keys.attributes()) {
      for (List<PathElement> path : paths) {
        if (((PathElement.Name) path.get(0)).token().equals(key.name())) {
          throw new ValidationException(
              path.size() > 1
                  ? "Key attributes must be scalars; list random access '[]' and map lookup '.' are"
                      + " not allowed: Key: "
                      + key.name()
                  : "Filter Expression can only contain non-primary key attributes: Primary key"
                      + " attribute: "
                      + key.name());
        }
      }
    }
  }

  /** The names of the top-level attributes the condition reads, in name order. */
  public java.util.SortedSet<String> topLevelAttributes() {
    List<List<PathElement>> paths = new ArrayList<>();
    collectPaths(tree, paths);
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (List<PathElement> path : paths) {
      names.add(((PathElement.Name) path.get(0)).token());
    }
    return names;
  }

  private void collectPaths(Condition condition, List<List<PathElement>> paths) {
    if (condition instanceof Condition.And and) {
      collectPaths(and.left(), paths);
      collectPaths(and.right(), paths);
    } else if (condition instanceof Condition.Or or) {
      collectPaths(or.left(), paths);
      collectPaths(or.right(), paths);
    } else if (condition instanceof Condition.Not not) {
      collectPaths(not.operand(), paths);
    } else if (condition instanceof Condition.Comparison c) {
      collectPaths(List.of(c.left(), c.right()), paths);
    } else if (condition instanceof Condition.Between b) {
      collectPaths(List.of(b.value(), b.low(), b.high()), paths);
    } else if (condition instanceof Condition.In in) {
      collectPaths(List.of(in.value()), paths);
      collectPaths(in.candidates(), paths);
    } else if (condition instanceof Condition.Function f) {
      collectPaths(f.arguments(), paths);
    }
  }

  private void collectPaths(List<Operand> operands, List<List<PathElement>> paths) {
    for (Operand operand : operands) {
      if (operand instanceof Operand.Path p) {
        paths.add(attributes.resolve(p.path()));
      } else {
        collectPaths(operand.children(), paths);
      }
    }
  }

  @Override
  public String toString() {
    return tree.toString();
  }
}
