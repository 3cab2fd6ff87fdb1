package dev.dynakit.expression;

import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Condition.ConditionFunction;
import dev.dynakit.expression.ast.DocumentPath;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.ast.Projection;
import dev.dynakit.expression.ast.Update;
import dev.dynakit.expression.ast.UpdateAction;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of well-formed expression trees over a small vocabulary: top-level attributes {@code
 * a}, {@code b}, {@code c}, map keys {@code x}, {@code y}, name placeholders {@code #n0..#n2} and
 * value placeholders {@code :v0..:v4}, so that random items and values meet the expressions often.
 */
final class ExpressionTrees {
  static final List<String> ATTRIBUTES = List.of("a", "b", "c");
  static final List<String> NAME_PLACEHOLDERS = List.of("#n0", "#n1", "#n2");
  static final List<String> VALUE_PLACEHOLDERS = List.of(":v0", ":v1", ":v2", ":v3", ":v4");

  private ExpressionTrees() {}

  static Arbitrary<DocumentPath> paths() {
    Arbitrary<PathElement> first =
        Arbitraries.oneOf(
            Arbitraries.of(ATTRIBUTES).map(PathElement.Name::new),
            Arbitraries.of(NAME_PLACEHOLDERS).map(PathElement.Name::new));
    Arbitrary<PathElement> step =
        Arbitraries.oneOf(
            Arbitraries.of("x", "y").map(PathElement.Name::new),
            Arbitraries.integers().between(0, 2).map(PathElement.Index::new));
    return Combinators.combine(first, step.list().ofMaxSize(2))
        .as(
            (head, tail) -> {
              List<PathElement> elements = new ArrayList<>();
              elements.add(head);
              elements.addAll(tail);
              return new DocumentPath(elements);
            });
  }

  static Arbitrary<Operand> operands() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, paths().map(Operand.Path::new)),
        net.jqwik.api.Tuple.of(4, values()),
        net.jqwik.api.Tuple.of(1, paths().map(p -> new Operand.Size(new Operand.Path(p)))));
  }

  static Arbitrary<Operand> values() {
    return Arbitraries.of(VALUE_PLACEHOLDERS).map(Operand.Value::new);
  }

  static Arbitrary<Condition> conditions() {
    return Arbitraries.lazyOf(
        ExpressionTrees::comparison,
        ExpressionTrees::between,
        ExpressionTrees::in,
        ExpressionTrees::function,
        ExpressionTrees::function,
        () -> Combinators.combine(conditions(), conditions()).as(Condition.And::new),
        () -> Combinators.combine(conditions(), conditions()).as(Condition.Or::new),
        () -> conditions().map(Condition.Not::new));
  }

  private static Arbitrary<Condition> comparison() {
    return Combinators.combine(operands(), Arbitraries.of(Comparator.class), operands())
        .as(Condition.Comparison::new);
  }

  private static Arbitrary<Condition> between() {
    return Combinators.combine(operands(), operands(), operands()).as(Condition.Between::new);
  }

  private static Arbitrary<Condition> in() {
    return Combinators.combine(operands(), operands().list().ofMinSize(1).ofMaxSize(4))
        .as(Condition.In::new);
  }

  private static Arbitrary<Condition> function() {
    Arbitrary<Operand> path = paths().map(Operand.Path::new);
    return Arbitraries.oneOf(
        path.map(p -> new Condition.Function(ConditionFunction.ATTRIBUTE_EXISTS, List.of(p))),
        path.map(p -> new Condition.Function(ConditionFunction.ATTRIBUTE_NOT_EXISTS, List.of(p))),
        Combinators.combine(path, values())
            .as((p, v) -> new Condition.Function(ConditionFunction.ATTRIBUTE_TYPE, List.of(p, v))),
        Combinators.combine(operands(), operands())
            .as((p, v) -> new Condition.Function(ConditionFunction.BEGINS_WITH, List.of(p, v))),
        Combinators.combine(operands(), operands())
            .as((p, v) -> new Condition.Function(ConditionFunction.CONTAINS, List.of(p, v))));
  }

  /** Update trees as the grammar allows them; paths may overlap (binding would refuse those). */
  static Arbitrary<Update> updates() {
    Arbitrary<UpdateAction.Set> set =
        Combinators.combine(paths(), setValues()).as(UpdateAction.Set::new);
    Arbitrary<UpdateAction.Remove> remove = paths().map(UpdateAction.Remove::new);
    Arbitrary<UpdateAction.Add> add =
        Combinators.combine(paths(), values()).as(UpdateAction.Add::new);
    Arbitrary<UpdateAction.Delete> delete =
        Combinators.combine(paths(), values()).as(UpdateAction.Delete::new);
    return Combinators.combine(
            set.list().ofMaxSize(3),
            remove.list().ofMaxSize(2),
            add.list().ofMaxSize(2),
            delete.list().ofMaxSize(2),
            Arbitraries.shuffle(0, 1, 2, 3))
        .as(
            (sets, removes, adds, deletes, order) -> {
              List<List<? extends UpdateAction>> clauses = List.of(sets, removes, adds, deletes);
              List<UpdateAction> actions = new ArrayList<>();
              for (int clause : order) {
                actions.addAll(clauses.get(clause));
              }
              return new Update(actions);
            })
        .filter(u -> !u.actions().isEmpty());
  }

  private static Arbitrary<Operand> setValues() {
    Arbitrary<Operand> simple = Arbitraries.oneOf(paths().map(Operand.Path::new), values());
    Arbitrary<Operand> ifNotExists =
        Combinators.combine(paths().map(Operand.Path::new), simple).as(Operand.IfNotExists::new);
    // DynamoDB takes list_append only as a whole value, never inside arithmetic or list_append.
    Arbitrary<Operand> listAppend = Combinators.combine(simple, simple).as(Operand.ListAppend::new);
    Arbitrary<Operand> term = Arbitraries.oneOf(simple, simple, ifNotExists);
    return Arbitraries.oneOf(
        term,
        listAppend,
        Combinators.combine(term, Arbitraries.of(Operand.ArithmeticOperator.class), term)
            .as(Operand.Arithmetic::new));
  }

  static Arbitrary<Projection> projections() {
    return paths().list().ofMinSize(1).ofMaxSize(4).map(Projection::new);
  }
}
