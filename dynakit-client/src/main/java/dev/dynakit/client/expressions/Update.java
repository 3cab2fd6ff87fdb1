package dev.dynakit.client.expressions;

import dev.dynakit.client.expressions.UpdateAction.Clause;
import dev.dynakit.expression.ValidationException;
import dev.dynakit.expression.value.DynamoNumber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An update expression: {@code SET}, {@code REMOVE}, {@code ADD} and {@code DELETE} actions on
 * paths of one item, rendered as one expression.
 *
 * <pre>{@code
 * Update update = Update.builder()
 *     .set(Path.of("status"), AttributeValue.fromS("SHIPPED"))
 *     .increment(Path.of("version"), 1)
 *     .remove(Path.parse("draft.notes"))
 *     .build();
 * update.render(p); // SET #n0 = :v0, #n1 = #n1 + :v1 REMOVE #n2.#n3
 * }</pre>
 *
 * <p>As DynamoDB does, no two actions may write the same path, or a path and a path inside it ("Two
 * document paths overlap..."), or a path as a map and as a list ("Two document paths conflict..."):
 * the builder refuses such an action when it is added. Immutable once built.
 */
public final class Update {
  private static final Set<AttributeValue.Type> SETS =
      EnumSet.of(AttributeValue.Type.SS, AttributeValue.Type.NS, AttributeValue.Type.BS);

  private final List<UpdateAction> actions;

  private Update(List<UpdateAction> actions) {
    this.actions = List.copyOf(actions);
  }

  /** A builder with no actions. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The expression, {@code SET ... REMOVE ... ADD ... DELETE ...}, with placeholders of {@code p}.
   */
  public String render(Placeholders p) {
    return text(p);
  }

  /** The actions, in the order added. */
  List<UpdateAction> actions() {
    return actions;
  }

  private String text(Naming naming) {
    List<String> clauses = new ArrayList<>();
    for (Clause clause : Clause.values()) {
      List<String> parts = new ArrayList<>();
      for (UpdateAction action : actions) {
        if (action.clause() == clause) {
          parts.add(action.text(naming));
        }
      }
      if (!parts.isEmpty()) {
        clauses.add(clause + " " + String.join(", ", parts));
      }
    }
    return String.join(" ", clauses);
  }

  /** The expression with names and values inline, for logs and errors. */
  @Override
  public String toString() {
    return text(Inline.NAMING);
  }

  /** Collects the actions of an {@link Update}. Not thread-safe. */
  public static final class Builder {
    private final List<UpdateAction> actions = new ArrayList<>();

    private Builder() {}

    /** {@code SET path = value}. */
    public Builder set(Path path, AttributeValue value) {
      return add(new UpdateAction.Assign(path, Conditions.need(value, "value")));
    }

    /** {@code SET path = source}: copies the value at another path of the item. */
    public Builder set(Path path, Path source) {
      return add(new UpdateAction.Copy(path, Conditions.need(source, "source")));
    }

    /** {@code SET path = if_not_exists(path, value)}: writes the value only where there is none. */
    public Builder setIfNotExists(Path path, AttributeValue value) {
      return add(new UpdateAction.Default(path, Conditions.need(value, "value")));
    }

    /**
     * {@code SET path = path + amount}. The attribute must exist; {@link #add} also counts from a
     * missing attribute.
     *
     * @throws IllegalArgumentException if the amount is not a number DynamoDB can hold
     */
    public Builder increment(Path path, Number amount) {
      return add(new UpdateAction.Arithmetic(path, number(amount), false));
    }

    /**
     * {@code SET path = path - amount}. The attribute must exist.
     *
     * @throws IllegalArgumentException if the amount is not a number DynamoDB can hold
     */
    public Builder decrement(Path path, Number amount) {
      return add(new UpdateAction.Arithmetic(path, number(amount), true));
    }

    /**
     * {@code ADD path value}: adds a number to a number (counting from 0 where there is none) or
     * the members of a set to a set (creating it where there is none).
     *
     * @throws IllegalArgumentException unless the value is a number or a set
     */
    public Builder add(Path path, AttributeValue value) {
      AttributeValue.Type type = Conditions.need(value, "value").type();
      if (type != AttributeValue.Type.N && !SETS.contains(type)) {
        throw new IllegalArgumentException(
            "ADD takes a number or a set, not a value of type " + type + " (at " + path + ")");
      }
      return add(new UpdateAction.Add(path, value));
    }

    /**
     * Appends the elements of {@code list} to the list at {@code path}, creating it where there is
     * none.
     *
     * @throws IllegalArgumentException unless {@code list} is a list
     */
    public Builder appendToList(Path path, AttributeValue list) {
      return add(new UpdateAction.ListJoin(path, list(path, list), false));
    }

    /**
     * Puts the elements of {@code list} before those of the list at {@code path}, creating it where
     * there is none.
     *
     * @throws IllegalArgumentException unless {@code list} is a list
     */
    public Builder prependToList(Path path, AttributeValue list) {
      return add(new UpdateAction.ListJoin(path, list(path, list), true));
    }

    /** {@code REMOVE path}: removes an attribute, a map key or a list element. */
    public Builder remove(Path path) {
      return add(new UpdateAction.Remove(path));
    }

    /**
     * {@code DELETE path set}: removes the members of {@code set} from the set at {@code path}.
     *
     * @throws IllegalArgumentException unless the value is a set
     */
    public Builder delete(Path path, AttributeValue set) {
      AttributeValue.Type type = Conditions.need(set, "set").type();
      if (!SETS.contains(type)) {
        throw new IllegalArgumentException(
            "DELETE takes a set, not a value of type " + type + " (at " + path + ")");
      }
      return add(new UpdateAction.Delete(path, set));
    }

    /**
     * The update.
     *
     * @throws IllegalStateException if no action was added
     */
    public Update build() {
      if (actions.isEmpty()) {
        throw new IllegalStateException("An update needs at least one action");
      }
      return new Update(actions);
    }

    private Builder add(UpdateAction action) {
      Conditions.need(action.path(), "path");
      Overlaps.check(
          actions.stream().map(UpdateAction::path).collect(Collectors.toList()), action.path());
      actions.add(action);
      return this;
    }

    private static AttributeValue list(Path path, AttributeValue list) {
      AttributeValue.Type type = Conditions.need(list, "list").type();
      if (type != AttributeValue.Type.L) {
        throw new IllegalArgumentException(
            "list_append takes a list, not a value of type " + type + " (at " + path + ")");
      }
      return list;
    }

    private static AttributeValue number(Number amount) {
      Conditions.need(amount, "amount");
      BigDecimal value;
      try {
        value =
            amount instanceof Double || amount instanceof Float
                ? BigDecimal.valueOf(amount.doubleValue())
                : new BigDecimal(amount.toString());
        return AttributeValue.fromN(DynamoNumber.parse(value.toString()).toString());
      } catch (NumberFormatException | ValidationException e) {
        throw new IllegalArgumentException(
            "Not a number DynamoDB can hold: " + amount + " (" + e.getMessage() + ")", e);
      }
    }
  }
}
