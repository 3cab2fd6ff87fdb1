package dev.dynakit.client.expressions;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One action of an {@link Update}: the path it writes and how it is written. */
sealed interface UpdateAction {
  /** The clauses of an update expression, in the order they are written. */
  enum Clause {
    SET,
    REMOVE,
    ADD,
    DELETE
  }

  /** The path the action writes or removes. */
  Path path();

  /** The clause the action stands in. */
  default Clause clause() {
    if (this instanceof Remove) {
      return Clause.REMOVE;
    }
    if (this instanceof Add) {
      return Clause.ADD;
    }
    return this instanceof Delete ? Clause.DELETE : Clause.SET;
  }

  /** The action as written in its clause, without the clause's keyword. */
  String text(Naming naming);

  /** {@code SET path = value}. */
  record Assign(Path path, AttributeValue value) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      return path.text(naming) + " = " + naming.value(value);
    }
  }

  /** {@code SET path = source}. */
  record Copy(Path path, Path source) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      return path.text(naming) + " = " + source.text(naming);
    }
  }

  /** {@code SET path = if_not_exists(path, value)}. */
  record Default(Path path, AttributeValue value) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      String target = path.text(naming);
      return target + " = if_not_exists(" + target + ", " + naming.value(value) + ")";
    }
  }

  /** {@code SET path = path + amount} or {@code path - amount}. */
  record Arithmetic(Path path, AttributeValue amount, boolean minus) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      String target = path.text(naming);
      return target + " = " + target + (minus ? " - " : " + ") + naming.value(amount);
    }
  }

  /**
   * {@code SET path = list_append(if_not_exists(path, []), list)}, or with the list first when
   * prepending: a missing list is created.
   */
  record ListJoin(Path path, AttributeValue list, boolean prepend) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      String target = path.text(naming);
      String given = naming.value(list);
      String existing =
          "if_not_exists(" + target + ", " + naming.value(AttributeValue.fromL(List.of())) + ")";
      return target
          + " = list_append("
          + (prepend ? given + ", " + existing : existing + ", " + given)
          + ")";
    }
  }

  /** {@code REMOVE path}. */
  record Remove(Path path) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      return path.text(naming);
    }
  }

  /** {@code ADD path value}. */
  record Add(Path path, AttributeValue value) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      return path.text(naming) + " " + naming.value(value);
    }
  }

  /** {@code DELETE path set}. */
  record Delete(Path path, AttributeValue value) implements UpdateAction {
    @Override
    public String text(Naming naming) {
      return path.text(naming) + " " + naming.value(value);
    }
  }
}
