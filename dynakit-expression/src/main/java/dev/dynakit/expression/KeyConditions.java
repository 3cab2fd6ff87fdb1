package dev.dynakit.expression;

import dev.dynakit.expression.KeyConditionExpression.SortKeyCondition;
import dev.dynakit.expression.KeyConditionExpression.SortKeyOperator;
import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Checks a bound key condition against a key schema, in DynamoDB's order and with its messages
 * (which, unlike the expression messages, carry no {@code Invalid KeyConditionExpression} prefix).
 */
final class KeyConditions {
  static final String MISSED_KEY = "Query condition missed key schema element";
  static final String NOT_SUPPORTED = "Query key condition not supported";
  static final String ONE_PER_KEY =
      "KeyConditionExpressions must only contain one condition per key";
  static final String TOO_MANY = "Conditions can be of length 1 or 2 only";
  static final String NESTED = "KeyConditionExpressions cannot contain nested operations";
  static final String TWO_NAMES =
      "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition";
  static final String NO_KEY =
      "Invalid condition in KeyConditionExpression: No key attribute specified";
  static final String TYPE_MISMATCH =
      "One or more parameter values were invalid: Condition parameter type does not match schema type";

  private KeyConditions() {}

  static KeyConditionExpression analyze(
      Condition tree, KeySchema keys, ExpressionAttributes attributes) {
    List<Condition> parts = new ArrayList<>();
    flatten(tree, parts);
    Map<String, Term> terms = new LinkedHashMap<>();
    for (Condition part : parts) {
      Term term = term(part, attributes);
      if (terms.putIfAbsent(term.attribute(), term) != null) {
        throw new ValidationException(ONE_PER_KEY);
      }
    }
    if (keys.multiAttribute()) {
      return multiAttribute(tree, terms, keys);
    }
    if (terms.size() > 2) {
      throw new ValidationException(TOO_MANY);
    }
    String partitionName = keys.partitionKey().name();
    Term partition = terms.remove(partitionName);
    if (partition == null) {
      throw new ValidationException(MISSED_KEY);
    }
    if (partition.operator() != SortKeyOperator.EQ) {
      throw new ValidationException(NOT_SUPPORTED);
    }
    Term sort = terms.isEmpty() ? null : terms.values().iterator().next();
    if (sort != null) {
      if (keys.sortKey().isEmpty()) {
        throw new ValidationException(NOT_SUPPORTED);
      }
      if (!sort.attribute().equals(keys.sortKey().get().name())) {
        throw new ValidationException(MISSED_KEY);
      }
    }
    checkValue(partition.value(), keys.partitionKey());
    if (sort != null) {
      checkValue(sort.value(), keys.sortKey().get());
      sort.upperBound().ifPresent(upper -> checkValue(upper, keys.sortKey().get()));
    }
    return new KeyConditionExpression(
        tree,
        Map.of(partitionName, partition.value()),
        sort == null ? List.of() : List.of(sort.condition()));
  }

  /**
   * The checks of a condition on a multi-attribute key, in DynamoDB's order: no more conditions
   * than key attributes; a condition on every partition key attribute, then equality on each
   * (naming the attributes without a condition, else those without equality); values of the
   * partition key's types; no sort key attribute skipped before one with a condition; equality on
   * every sort key attribute before the last one with a condition; no attribute outside the key.
   */
  private static KeyConditionExpression multiAttribute(
      Condition tree, Map<String, Term> terms, KeySchema keys) {
    if (terms.size() > keys.attributes().size()) {
      throw new ValidationException(NOT_SUPPORTED);
    }
    List<String> missing = new ArrayList<>();
    List<String> unequal = new ArrayList<>();
    for (KeySchema.Attribute attribute : keys.partitionKeys()) {
      Term term = terms.get(attribute.name());
      if (term == null) {
        missing.add(attribute.name());
      } else if (term.operator() != SortKeyOperator.EQ) {
        unequal.add(attribute.name());
      }
    }
    if (!missing.isEmpty() || !unequal.isEmpty()) {
      throw new ValidationException(
          "HASH key attributes "
              + String.join(", ", missing.isEmpty() ? unequal : missing)
              + " must have equality conditions specified in the query");
    }
    checkValues(keys.partitionKeys(), terms);
    List<SortKeyCondition> sort = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (KeySchema.Attribute attribute : keys.sortKeys()) {
      Term term = terms.get(attribute.name());
      if (term == null) {
        skipped.add(attribute.name());
      } else if (!skipped.isEmpty()) {
        throw mustBeEqual(skipped, attribute.name());
      } else {
        sort.add(term.condition());
      }
    }
    if (!sort.isEmpty()) {
      SortKeyCondition last = sort.get(sort.size() - 1);
      List<String> ranged = new ArrayList<>();
      for (SortKeyCondition before : sort.subList(0, sort.size() - 1)) {
        if (before.operator() != SortKeyOperator.EQ) {
          ranged.add(before.attributeName());
        }
      }
      if (!ranged.isEmpty()) {
        throw mustBeEqual(ranged, last.attributeName());
      }
    }
    checkValues(keys.sortKeys(), terms);
    if (terms.keySet().stream().anyMatch(name -> keys.attribute(name).isEmpty())) {
      throw new ValidationException(MISSED_KEY);
    }
    Map<String, AttributeValue> partition = new LinkedHashMap<>();
    keys.partitionKeys().forEach(a -> partition.put(a.name(), terms.get(a.name()).value()));
    return new KeyConditionExpression(tree, partition, sort);
  }

  private static void checkValues(List<KeySchema.Attribute> attributes, Map<String, Term> terms) {
    for (KeySchema.Attribute attribute : attributes) {
      Term term = terms.get(attribute.name());
      if (term != null) {
        checkValue(term.value(), attribute);
        term.upperBound().ifPresent(upper -> checkValue(upper, attribute));
      }
    }
  }

  private static ValidationException mustBeEqual(List<String> attributes, String conditioned) {
    return new ValidationException(
        "RANGE key attributes "
            + String.join(", ", attributes)
            + " must have equality conditions specified in the query because a condition is"
            + " present on key attribute "
            + conditioned);
  }

  private static void flatten(Condition condition, List<Condition> parts) {
    if (condition instanceof Condition.And and) {
      flatten(and.left(), parts);
      flatten(and.right(), parts);
    } else if (condition instanceof Condition.Or) {
      throw invalidOperator("OR");
    } else if (condition instanceof Condition.Not) {
      throw invalidOperator("NOT");
    } else {
      parts.add(condition);
    }
  }

  private static Term term(Condition part, ExpressionAttributes attributes) {
    if (part instanceof Condition.Comparison c) {
      if (c.comparator() == Comparator.NE) {
        throw invalidOperator("<>");
      }
      if (c.left() instanceof Operand.Size || c.right() instanceof Operand.Size) {
        throw new ValidationException(NESTED);
      }
      boolean leftPath = c.left() instanceof Operand.Path;
      boolean rightPath = c.right() instanceof Operand.Path;
      if (leftPath && rightPath) {
        throw new ValidationException(TWO_NAMES);
      }
      if (!leftPath && !rightPath) {
        throw new ValidationException(NO_KEY);
      }
      Comparator comparator = leftPath ? c.comparator() : flipped(c.comparator());
      Operand path = leftPath ? c.left() : c.right();
      Operand value = leftPath ? c.right() : c.left();
      return new Term(
          attribute(path, attributes),
          operator(comparator),
          attributes.value(((Operand.Value) value).placeholder()),
          Optional.empty());
    }
    if (part instanceof Condition.Between b) {
      return new Term(
          attribute(b.value(), attributes),
          SortKeyOperator.BETWEEN,
          value(b.low(), attributes),
          Optional.of(value(b.high(), attributes)));
    }
    if (part instanceof Condition.Function f) {
      if (f.function() != Condition.ConditionFunction.BEGINS_WITH) {
        throw invalidOperator(f.function().functionName());
      }
      return new Term(
          attribute(f.arguments().get(0), attributes),
          SortKeyOperator.BEGINS_WITH,
          value(f.arguments().get(1), attributes),
          Optional.empty());
    }
    throw invalidOperator("IN");
  }

  private static Comparator flipped(Comparator comparator) {
    return switch (comparator) {
      case LT -> Comparator.GT;
      case LE -> Comparator.GE;
      case GT -> Comparator.LT;
      case GE -> Comparator.LE;
      default -> comparator;
    };
  }

  private static SortKeyOperator operator(Comparator comparator) {
    return switch (comparator) {
      case EQ -> SortKeyOperator.EQ;
      case LT -> SortKeyOperator.LT;
      case LE -> SortKeyOperator.LE;
      case GT -> SortKeyOperator.GT;
      default -> SortKeyOperator.GE;
    };
  }

  private static String attribute(Operand operand, ExpressionAttributes attributes) {
    if (!(operand instanceof Operand.Path p)) {
      throw new ValidationException(NO_KEY);
    }
    String name = attributes.name((PathElement.Name) p.path().elements().get(0));
    if (p.path().elements().size() > 1) {
      throw new ValidationException(
          "Key attributes must be scalars; list random access '[]' and map lookup '.' are not"
              + " allowed: Key: "
              + name);
    }
    return name;
  }

  private static AttributeValue value(Operand operand, ExpressionAttributes attributes) {
    if (operand instanceof Operand.Value v) {
      return attributes.value(v.placeholder());
    }
    throw new ValidationException(TWO_NAMES);
  }

  private static void checkValue(AttributeValue value, KeySchema.Attribute key) {
    ScalarAttributeType type = key.type();
    if (!value.type().toString().equals(type.toString())) {
      throw new ValidationException(TYPE_MISMATCH);
    }
    if ((type == ScalarAttributeType.S && value.s().isEmpty())
        || (type == ScalarAttributeType.B && value.b().asByteArrayUnsafe().length == 0)) {
      throw new ValidationException(
          "One or more parameter values are not valid. The AttributeValue for a key attribute"
              + " cannot contain an empty "
              + (type == ScalarAttributeType.S ? "string" : "binary")
              + " value. Key: "
              + key.name());
    }
  }

  private static ValidationException invalidOperator(String operator) {
    return new ValidationException("Invalid operator used in KeyConditionExpression: " + operator);
  }

  private record Term(
      String attribute,
      SortKeyOperator operator,
      AttributeValue value,
      Optional<AttributeValue> upperBound) {
    SortKeyCondition condition() {
      return new SortKeyCondition(attribute, operator, value, upperBound);
    }
  }
}
