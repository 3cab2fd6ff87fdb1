package dev.dynakit.expression;

import dev.dynakit.expression.KeyConditionExpression.SortKeyCondition;
import dev.dynakit.expression.KeyConditionExpression.SortKeyOperator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Checks a bound key condition against a key schema, with DynamoDB's messages. */
final class KeyConditions {
  static final String MISSED_KEY = "Query condition missed key schema element";
  static final String NOT_SUPPORTED = "Query key condition not supported";
  static final String ONE_PER_KEY =
      "KeyConditionExpressions must only contain one condition per key";
  static final String TYPE_MISMATCH =
      "One or more parameter values were invalid: Condition parameter type does not match schema type";

  private KeyConditions() {}

  static KeyConditionExpression analyze(
      Condition tree, KeySchema keys, ExpressionAttributes attributes) {
    List<Condition> parts = new ArrayList<>();
    flatten(tree, parts);
    AttributeValue partitionValue = null;
    SortKeyCondition sort = null;
    String partitionName = keys.partitionKey().name();
    for (Condition part : parts) {
      Term term = term(part, attributes);
      if (term.attribute().equals(partitionName)) {
        if (partitionValue != null) {
          throw new ValidationException(ONE_PER_KEY);
        }
        if (term.operator() != SortKeyOperator.EQ) {
          throw new ValidationException(NOT_SUPPORTED);
        }
        partitionValue = checkType(term.value(), keys.partitionKey().type());
      } else if (keys.sortKey().isPresent()
          && term.attribute().equals(keys.sortKey().get().name())) {
        if (sort != null) {
          throw new ValidationException(ONE_PER_KEY);
        }
        ScalarAttributeType type = keys.sortKey().get().type();
        if (term.operator() == SortKeyOperator.BEGINS_WITH && type == ScalarAttributeType.N) {
          throw new ValidationException(
              ExpressionKind.KEY_CONDITION.errorPrefix()
                  + "Incorrect operand type for operator or function; operator or function:"
                  + " begins_with, operand type: N");
        }
        checkType(term.value(), type);
        term.upperBound().ifPresent(upper -> checkType(upper, type));
        sort =
            new SortKeyCondition(
                term.attribute(), term.operator(), term.value(), term.upperBound());
      } else {
        throw new ValidationException(MISSED_KEY);
      }
    }
    if (partitionValue == null) {
      throw new ValidationException(MISSED_KEY);
    }
    return new KeyConditionExpression(
        tree, partitionName, partitionValue, Optional.ofNullable(sort));
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
      SortKeyOperator operator =
          switch (c.comparator()) {
            case EQ -> SortKeyOperator.EQ;
            case LT -> SortKeyOperator.LT;
            case LE -> SortKeyOperator.LE;
            case GT -> SortKeyOperator.GT;
            case GE -> SortKeyOperator.GE;
            case NE -> throw invalidOperator("<>");
          };
      return new Term(
          attribute(c.left(), attributes),
          operator,
          value(c.right(), attributes),
          Optional.empty());
    }
    if (part instanceof Condition.Between b) {
      return new Term(
          attribute(b.value(), attributes),
          SortKeyOperator.BETWEEN,
          value(b.low(), attributes),
          Optional.of(value(b.high(), attributes)));
    }
    if (part instanceof Condition.Function f
        && f.function() == Condition.ConditionFunction.BEGINS_WITH) {
      return new Term(
          attribute(f.arguments().get(0), attributes),
          SortKeyOperator.BEGINS_WITH,
          value(f.arguments().get(1), attributes),
          Optional.empty());
    }
    if (part instanceof Condition.In) {
      throw invalidOperator("IN");
    }
    throw invalidOperator(((Condition.Function) part).function().functionName());
  }

  private static String attribute(Operand operand, ExpressionAttributes attributes) {
    if (operand instanceof Operand.Path p && p.path().elements().size() == 1) {
      return attributes.name((PathElement.Name) p.path().elements().get(0));
    }
    throw new ValidationException(NOT_SUPPORTED);
  }

  private static AttributeValue value(Operand operand, ExpressionAttributes attributes) {
    if (operand instanceof Operand.Value v) {
      return attributes.value(v.placeholder());
    }
    throw new ValidationException(NOT_SUPPORTED);
  }

  private static AttributeValue checkType(AttributeValue value, ScalarAttributeType type) {
    if (!value.type().toString().equals(type.toString())) {
      throw new ValidationException(TYPE_MISMATCH);
    }
    return value;
  }

  private static ValidationException invalidOperator(String operator) {
    return new ValidationException("Invalid operator used in KeyConditionExpression: " + operator);
  }

  private record Term(
      String attribute,
      SortKeyOperator operator,
      AttributeValue value,
      Optional<AttributeValue> upperBound) {}
}
