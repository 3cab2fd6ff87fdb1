package dev.dynakit.expression.partiql;

import java.util.List;
import java.util.Optional;

/** A PartiQL statement as DynamoDB takes it. */
public sealed interface Statement {
  /** The table the statement names. */
  String table();

  /** Whether the statement may change data. */
  boolean writes();

  /** How many {@code ?} parameters it takes. */
  int parameters();

  /** {@code SELECT projections FROM table[.index] [WHERE where] [ORDER BY ...]}. */
  record Select(
      List<Expr> projections,
      String table,
      Optional<String> index,
      Optional<Expr> where,
      List<Order> orderBy,
      int parameters)
      implements Statement {
    /** Whether it selects every attribute ({@code SELECT *}). */
    public boolean all() {
      return projections.isEmpty();
    }

    @Override
    public boolean writes() {
      return false;
    }
  }

  /** One {@code ORDER BY} element: an expression (DynamoDB orders by a key path). */
  record Order(Expr expression, boolean descending) {}

  /** {@code INSERT INTO table VALUE item}. */
  record Insert(String table, Expr item, int parameters) implements Statement {
    @Override
    public boolean writes() {
      return true;
    }
  }

  /** {@code UPDATE table SET/REMOVE ... [WHERE where] [RETURNING ...]}. */
  record Update(
      String table,
      List<Action> actions,
      Optional<Expr> where,
      Optional<Returning> returning,
      int parameters)
      implements Statement {
    @Override
    public boolean writes() {
      return true;
    }
  }

  /** One action of an UPDATE: {@code SET path = value} (value present) or {@code REMOVE path}. */
  record Action(Expr.PathOf path, Optional<Expr> value) {}

  /** {@code RETURNING (ALL|MODIFIED) (OLD|NEW) *}. */
  record Returning(boolean all, boolean newValues) {}

  /** {@code DELETE FROM table [WHERE where] [RETURNING ALL OLD *]}. */
  record Delete(String table, Optional<Expr> where, Optional<Returning> returning, int parameters)
      implements Statement {
    @Override
    public boolean writes() {
      return true;
    }
  }

  /** {@code EXISTS(SELECT ...)}, a check in a transaction. */
  record Exists(Select select) implements Statement {
    @Override
    public String table() {
      return select.table();
    }

    @Override
    public boolean writes() {
      return false;
    }

    @Override
    public int parameters() {
      return select.parameters();
    }
  }
}
