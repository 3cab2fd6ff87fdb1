package dev.dynakit.expression.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartiqlParserTest {
  private static Expr.PathOf path(String root, Expr.Step... steps) {
    return new Expr.PathOf(root, List.of(steps));
  }

  @Test
  void aSelectNamesItsTableIndexConditionOrderAndParameters() {
    Statement.Select select =
        (Statement.Select)
            PartiqlParser.parse(
                "SELECT a, \"b\".c[1] FROM \"orders\".\"byStatus\" WHERE status = ? AND n > 2"
                    + " ORDER BY n DESC");

    assertThat(select.table()).isEqualTo("orders");
    assertThat(select.index()).contains("byStatus");
    assertThat(select.all()).isFalse();
    assertThat(select.writes()).isFalse();
    assertThat(select.parameters()).isEqualTo(1);
    assertThat(select.projections())
        .containsExactly(
            path("a"),
            path(
                "b",
                new Expr.Step("c", null),
                new Expr.Step(null, new Expr.Number(BigDecimal.ONE))));
    assertThat(select.where())
        .contains(
            new Expr.And(
                new Expr.Binary("=", path("status"), new Expr.Parameter(0)),
                new Expr.Binary(">", path("n"), new Expr.Number(new BigDecimal("2")))));
    assertThat(select.orderBy()).containsExactly(new Statement.Order(path("n"), true));
  }

  @Test
  void precedenceIsOrThenAndThenNotThenPredicates() {
    Statement.Select select =
        (Statement.Select)
            PartiqlParser.parse(
                "select * from t where not a = 1 or b between 1 and 2 and c in [3]");

    assertThat(select.all()).isTrue();
    assertThat(select.where())
        .contains(
            new Expr.Or(
                new Expr.Not(new Expr.Binary("=", path("a"), new Expr.Number(BigDecimal.ONE))),
                new Expr.And(
                    new Expr.Between(
                        path("b"),
                        new Expr.Number(BigDecimal.ONE),
                        new Expr.Number(new BigDecimal("2")),
                        false),
                    new Expr.In(
                        path("c"),
                        new Expr.ListOf(List.of(new Expr.Number(new BigDecimal("3")))),
                        false))));
  }

  @Test
  void literalsOfEveryKind() {
    Statement.Insert insert =
        (Statement.Insert)
            PartiqlParser.parse(
                "INSERT INTO \"t\" VALUE {'s': 'it''s', 'n': -1.5e3, 'b': true, 'f': FALSE, 'z': null,"
                    + " 'l': [1, 'x'], 'set': <<'a'>>, 'm': {'k': ?}, 'ion': `1`, 'v': @x}");

    assertThat(insert.table()).isEqualTo("t");
    assertThat(insert.writes()).isTrue();
    assertThat(insert.parameters()).isEqualTo(1);
    List<Expr.Entry> entries = ((Expr.TupleOf) insert.item()).entries();
    assertThat(entries)
        .extracting(Expr.Entry::value)
        .containsExactly(
            new Expr.Text("it's"),
            new Expr.Number(new BigDecimal("-1.5e3")),
            new Expr.Bool(true),
            new Expr.Bool(false),
            new Expr.Null(),
            new Expr.ListOf(List.of(new Expr.Number(BigDecimal.ONE), new Expr.Text("x"))),
            new Expr.BagOf(List.of(new Expr.Text("a"))),
            new Expr.TupleOf(List.of(new Expr.Entry(new Expr.Text("k"), new Expr.Parameter(0)))),
            new Expr.Ion("1"),
            path("x"));
  }

  @Test
  void updatesHaveActionsInOrderAndReturning() {
    Statement.Update update =
        (Statement.Update)
            PartiqlParser.parse(
                "UPDATE t SET a = a + 1, b = list_append(b, [2]) REMOVE c SET d = 'x' WHERE pk = 'k'"
                    + " RETURNING MODIFIED NEW *");

    assertThat(update.actions())
        .extracting(a -> a.path().root() + (a.value().isPresent() ? "=" : " removed"))
        .containsExactly("a=", "b=", "c removed", "d=");
    assertThat(update.actions().get(0).value())
        .contains(new Expr.Binary("+", path("a"), new Expr.Number(BigDecimal.ONE)));
    assertThat(update.actions().get(1).value().orElseThrow())
        .isEqualTo(
            new Expr.Call(
                "LIST_APPEND",
                List.of(
                    path("b"), new Expr.ListOf(List.of(new Expr.Number(new BigDecimal("2")))))));
    assertThat(update.returning()).contains(new Statement.Returning(false, true));
    assertThat(update.where()).isPresent();
  }

  @Test
  void deletesAndExistsChecks() {
    Statement.Delete delete =
        (Statement.Delete) PartiqlParser.parse("DELETE FROM t WHERE pk = ? RETURNING ALL OLD *;");
    Statement.Exists exists =
        (Statement.Exists) PartiqlParser.parse("EXISTS(SELECT * FROM t WHERE pk = ? AND sk = ?)");

    assertThat(delete.returning()).contains(new Statement.Returning(true, false));
    assertThat(delete.parameters()).isEqualTo(1);
    assertThat(exists.table()).isEqualTo("t");
    assertThat(exists.writes()).isFalse();
    assertThat(exists.parameters()).isEqualTo(2);
  }

  @Test
  void predicatesOnMissingAndNullAndNegations() {
    Statement.Select select =
        (Statement.Select)
            PartiqlParser.parse(
                "SELECT * FROM t WHERE a IS NOT MISSING AND b IS NULL AND c NOT IN ('x', 'y')"
                    + " AND d NOT BETWEEN 1 AND 2 AND -e < 3 * 4 / 2 % 5 - 1 || 'z'");

    assertThat(select.where().orElseThrow().toString())
        .contains("Is[value=PathOf[root=a, steps=[]], what=MISSING, negated=true]")
        .contains("Is[value=PathOf[root=b, steps=[]], what=NULL, negated=false]")
        .contains("In[value=PathOf[root=c, steps=[]], collection=ListOf")
        .contains("negated=true")
        .contains("Negative[operand=PathOf[root=e");
  }

  @Test
  void whatIsNotWellFormedIsRefusedInDynamoDbsWords() {
    for (String statement :
        new String[] {
          "",
          "   ",
          "SELECT * FROM select",
          "UPDATE t REMOVE",
          "SELECT * FROM t WHERE a = (",
          "SELECT * FROM t WHERE a = ()",
          "SELECT * FROM t WHERE a = @1",
          "SELECT * FROM t WHERE a = `unclosed",
          "SELECT * FROM t WHERE a = \"unclosed",
          "DELETE FROM t RETURNING ALL *"
        }) {
      assertThatThrownBy(() -> PartiqlParser.parse(statement))
          .as(statement)
          .isInstanceOf(ValidationException.class)
          .hasMessage(PartiqlParser.NOT_WELL_FORMED + statement);
    }
    assertThatThrownBy(() -> PartiqlParser.parse(null)).hasMessage(PartiqlParser.NOT_WELL_FORMED);
  }

  @Test
  void commentsAndCaseDoNotMatter() {
    Statement statement = PartiqlParser.parse("sElEcT *\n-- the orders\nFrOm orders");

    assertThat(statement.table()).isEqualTo("orders");
    assertThat(((Statement.Select) statement).where()).isEqualTo(Optional.empty());
  }

  @Test
  void expressionsNestAtMost300LevelsWithoutExhaustingTheStack() {
    String tooDeep =
        "Statement wasn't well formed, can't be processed: expressions nest more than 300 levels"
            + " deep";
    for (String statement :
        new String[] {
          "SELECT * FROM t WHERE " + "(".repeat(5000) + "a = 1" + ")".repeat(5000),
          "SELECT * FROM t WHERE a = " + "[".repeat(5000),
          "INSERT INTO t VALUE " + "{'a': ".repeat(5000),
          "SELECT * FROM t WHERE a = " + "<<".repeat(5000),
          "SELECT * FROM t WHERE " + "NOT ".repeat(5000) + "a = 1",
          "SELECT * FROM t WHERE a = " + "- ".repeat(5000) + "1",
          "SELECT * FROM t WHERE a = " + "f(".repeat(5000),
          "SELECT * FROM t WHERE a" + "[b".repeat(5000)
        }) {
      assertThatThrownBy(() -> PartiqlParser.parse(statement))
          .isInstanceOf(ValidationException.class)
          .hasMessage(tooDeep);
    }
    Statement select =
        PartiqlParser.parse("SELECT * FROM t WHERE " + "(".repeat(299) + "a = 1" + ")".repeat(299));
    assertThat(select.table()).isEqualTo("t");
  }

  /** Found by fuzzing: an exponent past an int's range failed with a NumberFormatException. */
  @Test
  void aNumberWhoseExponentNoDecimalHoldsIsNotWellFormed() {
    String statement = "INSERT INTO t VALUE [1E+929999999999999499]";
    assertThatThrownBy(() -> PartiqlParser.parse(statement))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Statement wasn't well formed, can't be processed: " + statement);
    assertThat(PartiqlParser.parse("INSERT INTO t VALUE [1E+125]").table()).isEqualTo("t");
  }
}
