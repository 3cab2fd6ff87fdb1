package dev.dynakit.expression.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tree of an {@code UpdateExpression}: its actions grouped by clause, each group in the order
 * written.
 */
public record Update(
    List<UpdateAction.Set> set,
    List<UpdateAction.Remove> remove,
    List<UpdateAction.Add> add,
    List<UpdateAction.Delete> delete) {

  public Update {
    set = List.copyOf(set);
    remove = List.copyOf(remove);
    add = List.copyOf(add);
    delete = List.copyOf(delete);
  }

  /** Every action, clause by clause. */
  public List<UpdateAction> actions() {
    List<UpdateAction> all = new ArrayList<>(set);
    all.addAll(remove);
    all.addAll(add);
    all.addAll(delete);
    return all;
  }

  @Override
  public String toString() {
    List<String> clauses = new ArrayList<>();
    clause(clauses, "SET", set);
    clause(clauses, "REMOVE", remove);
    clause(clauses, "ADD", add);
    clause(clauses, "DELETE", delete);
    return String.join(" ", clauses);
  }

  private static void clause(List<String> clauses, String keyword, List<?> actions) {
    if (!actions.isEmpty()) {
      clauses.add(
          keyword + " " + actions.stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
  }
}
