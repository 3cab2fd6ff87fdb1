package dev.dynakit.engine.internal;

import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.partiql.Expr;
import dev.dynakit.expression.partiql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the parts of a PartiQL statement as the DynamoDB expressions they mean (conditions,
 * projections, update actions), with their names and values as placeholders: a statement runs as
 * the GetItem, Query, Scan, PutItem, UpdateItem or DeleteItem it stands for, checked as those are.
 */
final class PartiqlExpressions {
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");
  private static final Set<String> CONDITION_FUNCTIONS =
      Set.of(
          "BEGINS_WITH", "CONTAINS", "ATTRIBUTE_TYPE", "ATTRIBUTE_EXISTS", "ATTRIBUTE_NOT_EXISTS");

  private final PartiqlValues values;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> placeholders = new LinkedHashMap<>();

  PartiqlExpressions(PartiqlValues values) {
    this.values = values;
  }

  /** The names the expressions written so far use, or null for none. */
  Map<String, String> names() {
    if (names.isEmpty()) {
      return null;
    }
    Map<String, String> byPlaceholder = new LinkedHashMap<>();
    names.forEach((name, placeholder) -> byPlaceholder.put(placeholder, name));
    return byPlaceholder;
  }

  /** The values the expressions written so far use, or null for none. */
  Map<String, AttributeValue> values() {
    return placeholders.isEmpty() ? null : placeholders;
  }

  /** The placeholder of an attribute name. */
  String name(String name) {
    return names.computeIfAbsent(name, n -> "#n" + names.size());
  }

  /** The placeholder of a value. */
  String value(AttributeValue value) {
    String placeholder = ":v" + placeholders.size();
    placeholders.put(placeholder, value);
    return placeholder;
  }

  /** The condition that the item a key names exists. */
  String itemExists(KeySchema keys) {
    return "attribute_exists(" + name(keys.attributes().get(0).name()) + ")";
  }

  /** The condition that no item has the key. */
  String itemMissing(KeySchema keys) {
    return "attribute_not_exists(" + name(keys.attributes().get(0).name()) + ")";
  }

  /** A document path. */
  String path(Expr.PathOf path) {
    StringBuilder text = new StringBuilder(name(path.root()));
    for (Expr.Step step : path.steps()) {
      if (step.field() != null) {
        text.append('.').append(name(step.field()));
      } else if (step.index() instanceof Expr.Number number) {
        text.append('[').append(number.value().toBigInteger()).append(']');
      } else if (step.index() instanceof Expr.Text text2) {
        text.append('.').append(name(text2.value()));
      } else {
        throw Errors.validation("Unexpected path component");
      }
    }
    return text.toString();
  }

  /** The conditions joined by AND, or null for none. */
  String conditions(List<Expr> conditions) {
    if (conditions.isEmpty()) {
      return null;
    }
    StringJoiner joined = new StringJoiner(" AND ");
    for (Expr condition : conditions) {
      joined.add(conditions.size() == 1 ? condition(condition) : "(" + condition(condition) + ")");
    }
    return joined.toString();
  }

  /** A condition (WHERE clause). */
  String condition(Expr expression) {
    if (expression instanceof Expr.And and) {
      return "(" + condition(and.left()) + ") AND (" + condition(and.right()) + ")";
    }
    if (expression instanceof Expr.Or or) {
      return "(" + condition(or.left()) + ") OR (" + condition(or.right()) + ")";
    }
    if (expression instanceof Expr.Not not) {
      return "NOT (" + condition(not.operand()) + ")";
    }
    if (expression instanceof Expr.Binary binary) {
      if (!COMPARISONS.contains(binary.operator())) {
        throw unsupported("Condition", binary.operator());
      }
      String operator = binary.operator().equals("!=") ? "<>" : binary.operator();
      return operand(binary.left()) + " " + operator + " " + operand(binary.right());
    }
    if (expression instanceof Expr.Between between) {
      String text =
          operand(between.value())
              + " BETWEEN "
              + operand(between.low())
              + " AND "
              + operand(between.high());
      return between.negated() ? "NOT (" + text + ")" : text;
    }
    if (expression instanceof Expr.In in) {
      StringJoiner list = new StringJoiner(", ", operand(in.value()) + " IN (", ")");
      for (Expr element : elements(in.collection())) {
        list.add(operand(element));
      }
      return in.negated() ? "NOT (" + list + ")" : list.toString();
    }
    if (expression instanceof Expr.Is is) {
      String path = operand(is.value());
      String text =
          is.what().equals("MISSING")
              ? "attribute_not_exists(" + path + ")"
              : "attribute_type(" + path + ", " + value(AttributeValue.fromS("NULL")) + ")";
      return is.negated() ? "NOT (" + text + ")" : text;
    }
    if (expression instanceof Expr.Call call) {
      if (!CONDITION_FUNCTIONS.contains(call.name())) {
        return operand(call);
      }
      return call(call);
    }
    return operand(expression);
  }

  private String call(Expr.Call call) {
    StringJoiner arguments =
        new StringJoiner(", ", call.name().toLowerCase(Locale.ROOT) + "(", ")");
    for (Expr argument : call.arguments()) {
      arguments.add(operand(argument));
    }
    return arguments.toString();
  }

  /** The elements of an IN list: a list or bag literal, or a parameter holding a list. */
  private static List<Expr> elements(Expr collection) {
    List<Expr> elements =
        collection instanceof Expr.ListOf list
            ? list.elements()
            : collection instanceof Expr.BagOf bag ? bag.elements() : List.of();
    if (elements.isEmpty()) {
      throw Errors.validation(
          "IN operator must have a left hand argument of type Variable Reference and right hand"
              + " argument of type Seq with at least one member");
    }
    return elements;
  }

  /** An operand of a comparison or function: a path, a value, or {@code size(path)}. */
  String operand(Expr expression) {
    if (expression instanceof Expr.PathOf path) {
      return path(path);
    }
    if (expression instanceof Expr.Call call) {
      if (call.name().equals("SIZE") || CONDITION_FUNCTIONS.contains(call.name())) {
        return call(call);
      }
      throw Errors.validation("Unrecognized function: " + call.name().toLowerCase(Locale.ROOT));
    }
    if (expression instanceof Expr.Binary binary) {
      throw unsupported("Condition", binary.operator());
    }
    if (expression instanceof Expr.Negative) {
      throw unsupported("Condition", "-");
    }
    return value(values.value(expression));
  }

  /**
   * The update expression of an UPDATE's actions: SET (with {@code +}, {@code -}, {@code
   * list_append} and {@code if_not_exists}), REMOVE, and {@code set_add} / {@code set_delete} as
   * ADD and DELETE.
   */
  String update(List<Statement.Action> actions) {
    List<String> set = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    List<String> add = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    for (Statement.Action action : actions) {
      String path = path(action.path());
      if (action.value().isEmpty()) {
        remove.add(path);
        continue;
      }
      Expr value = action.value().get();
      if (value instanceof Expr.Call call
          && (call.name().equals("SET_ADD") || call.name().equals("SET_DELETE"))) {
        if (call.arguments().size() != 2) {
          throw Errors.validation(
              "Incorrect number of operands for operator or function; operator or function: "
                  + call.name().toLowerCase(Locale.ROOT)
                  + ", number of operands: "
                  + call.arguments().size());
        }
        String operand = value(values.value(call.arguments().get(1)));
        (call.name().equals("SET_ADD") ? add : delete).add(path + " " + operand);
        continue;
      }
      set.add(path + " = " + updateValue(value));
    }
    StringJoiner expression = new StringJoiner(" ");
    clause(expression, "SET", set);
    clause(expression, "REMOVE", remove);
    clause(expression, "ADD", add);
    clause(expression, "DELETE", delete);
    return expression.toString();
  }

  private static void clause(StringJoiner expression, String keyword, List<String> actions) {
    if (!actions.isEmpty()) {
      expression.add(keyword + " " + String.join(", ", actions));
    }
  }

  private String updateValue(Expr expression) {
    if (expression instanceof Expr.Binary binary) {
      if (!binary.operator().equals("+") && !binary.operator().equals("-")) {
        throw unsupported("Update", binary.operator());
      }
      return updateValue(binary.left())
          + " "
          + binary.operator()
          + " "
          + updateValue(binary.right());
    }
    if (expression instanceof Expr.PathOf path) {
      return path(path);
    }
    if (expression instanceof Expr.Call call) {
      String name = call.name().toLowerCase(Locale.ROOT);
      if (!name.equals("list_append") && !name.equals("if_not_exists")) {
        throw Errors.validation("Unrecognized function: " + name);
      }
      StringJoiner arguments = new StringJoiner(", ", name + "(", ")");
      for (Expr argument : call.arguments()) {
        arguments.add(updateValue(argument));
      }
      return arguments.toString();
    }
    if (expression instanceof Expr.Negative) {
      throw Errors.validation(
          "Incorrect number of operands for operator or function; operator or function: -, number"
              + " of operands: 1");
    }
    return value(values.value(expression));
  }

  private static RuntimeException unsupported(String expression, String operator) {
    return Errors.validation(
        "Unsupported operator in " + expression + " Expression. Operator: " + operator);
  }

  /**
   * The name a projected path's value has in a SELECT's result: its last field and indexes after.
   */
  static String resultName(Expr.PathOf path) {
    String name = path.root();
    StringBuilder indexes = new StringBuilder();
    for (Expr.Step step : path.steps()) {
      if (step.field() != null) {
        name = step.field();
        indexes.setLength(0);
      } else if (step.index() instanceof Expr.Text text) {
        name = text.value();
        indexes.setLength(0);
      } else {
        indexes.append('[').append(((Expr.Number) step.index()).value().toBigInteger()).append(']');
      }
    }
    return name + indexes;
  }

  /** The value at a path of an item, or null. */
  static AttributeValue at(Map<String, AttributeValue> item, Expr.PathOf path) {
    AttributeValue value = item.get(path.root());
    for (Expr.Step step : path.steps()) {
      if (value == null) {
        return null;
      }
      if (step.field() != null || step.index() instanceof Expr.Text) {
        String field = step.field() != null ? step.field() : ((Expr.Text) step.index()).value();
        value = value.hasM() ? value.m().get(field) : null;
      } else {
        int index = ((Expr.Number) step.index()).value().intValue();
        value =
            value.hasL() && index >= 0 && index < value.l().size() ? value.l().get(index) : null;
      }
    }
    return value;
  }
}
