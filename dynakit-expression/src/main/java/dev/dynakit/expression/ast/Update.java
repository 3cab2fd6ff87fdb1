package dev.dynakit.expression.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * The tree of an {@code UpdateExpression}: its actions in the order written. Each clause ({@code
 * SET}, {@code REMOVE}, {@code ADD}, {@code DELETE}) appears once, so the actions of a clause stand
 * together.
 */
public record Update(List<UpdateAction> actions) {
  public Update {
    actions = List.copyOf(actions);
  }

  /** The {@code SET} actions, in order. */
  public List<UpdateAction.Set> set() {
    return of(UpdateAction.Set.class);
  }

  /** The {@code REMOVE} actions, in order. */
  public List<UpdateAction.Remove> remove() {
    return of(UpdateAction.Remove.class);
  }

  /** The {@code ADD} actions, in order. */
  public List<UpdateAction.Add> add() {
    return of(UpdateAction.Add.class);
  }

  /** The {@code DELETE} actions, in order. */
  public List<UpdateAction.Delete> delete() {
    return of(UpdateAction.Delete.class);
  }

  private <T extends UpdateAction> List<T> of(Class<T> type) {
    List<T> matching = new ArrayList<>();
    for (UpdateAction action : actions) {
      if (type.isInstance(action)) {
        matching.add(type.cast(action));
      }
    }
    return matching;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    Class<?> clause = null;
    for (UpdateAction action : actions) {
      if (action.getClass() != clause) {
        clause = action.getClass();
        text.append(text.length() == 0 ? "" : " ").append(keyword(action)).append(' ');
      } else {
        text.append(", ");
      }
      text.append(action);
    }
    return text.toString();
  }

  private static String keyword(UpdateAction action) {
    if (action instanceof UpdateAction.Set) {
      return "SET";
    } else if (action instanceof UpdateAction.Remove) {
      return "REMOVE";
    }
    return action instanceof UpdateAction.Add ? "ADD" : "DELETE";
  }
}
