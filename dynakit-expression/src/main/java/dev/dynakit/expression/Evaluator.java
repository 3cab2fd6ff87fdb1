package dev.dynakit.expression;

import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.value.AttributeValues;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Evaluates bound conditions over one item by DynamoDB's rules: a missing attribute or a comparison
 * across types makes a comparison false, never an error.
 */
final class Evaluator {
  private final ExpressionAttributes attributes;
  private final Map<String, AttributeValue> item;

  Evaluator(ExpressionAttributes attributes, Map<String, AttributeValue> item) {
    this.attributes = attributes;
    this.item = item;
  }

  boolean test(Condition condition) {
    if (condition instanceof Condition.Comparison c) {
      return compare(value(c.left()), c.comparator(), value(c.right()));
    } else if (condition instanceof Condition.Between b) {
      AttributeValue value = value(b.value());
      return compare(value, Comparator.GE, value(b.low()))
          && compare(value, Comparator.LE, value(b.high()));
    } else if (condition instanceof Condition.In in) {
      AttributeValue value = value(in.value());
      if (value == null) {
        return false;
      }
      for (Operand candidate : in.candidates()) {
        AttributeValue other = value(candidate);
        if (other != null && AttributeValues.equal(value, other)) {
          return true;
        }
      }
      return false;
    } else if (condition instanceof Condition.Function f) {
      return function(f);
    } else if (condition instanceof Condition.And and) {
      return test(and.left()) && test(and.right());
    } else if (condition instanceof Condition.Or or) {
      return test(or.left()) || test(or.right());
    }
    return !test(((Condition.Not) condition).operand());
  }

  static boolean compare(AttributeValue left, Comparator comparator, AttributeValue right) {
    if (left == null || right == null) {
      // A missing operand equals nothing: <> holds, even when both are missing (DynamoDB Local).
      return comparator == Comparator.NE;
    }
    switch (comparator) {
      case EQ:
        return AttributeValues.equal(left, right);
      case NE:
        return !AttributeValues.equal(left, right);
      default:
        break;
    }
    OptionalInt order = AttributeValues.compare(left, right);
    if (order.isEmpty()) {
      return false;
    }
    int c = order.getAsInt();
    return switch (comparator) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      default -> c >= 0;
    };
  }

  private boolean function(Condition.Function f) {
    AttributeValue first = value(f.arguments().get(0));
    switch (f.function()) {
      case ATTRIBUTE_EXISTS:
        return first != null;
      case ATTRIBUTE_NOT_EXISTS:
        return first == null;
      default:
        break;
    }
    AttributeValue second = value(f.arguments().get(1));
    if (first == null || second == null) {
      return false;
    }
    return switch (f.function()) {
      case ATTRIBUTE_TYPE ->
          second.type() == AttributeValue.Type.S && typeName(first).equals(second.s());
      case BEGINS_WITH -> beginsWith(first, second);
      default -> contains(first, second);
    };
  }

  static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
    if (value.type() == AttributeValue.Type.S && prefix.type() == AttributeValue.Type.S) {
      return value.s().startsWith(prefix.s());
    }
    if (value.type() == AttributeValue.Type.B && prefix.type() == AttributeValue.Type.B) {
      byte[] bytes = value.b().asByteArrayUnsafe();
      byte[] start = prefix.b().asByteArrayUnsafe();
      return bytes.length >= start.length
          && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
    }
    return false;
  }

  private static boolean containsBytes(byte[] bytes, byte[] run) {
    for (int start = 0; start + run.length <= bytes.length; start++) {
      if (Arrays.equals(bytes, start, start + run.length, run, 0, run.length)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(AttributeValue container, AttributeValue element) {
    switch (container.type()) {
      case S:
        return element.type() == AttributeValue.Type.S && container.s().contains(element.s());
      case B:
        // As a string contains a substring, binary contains a run of bytes (DynamoDB Local).
        return element.type() == AttributeValue.Type.B
            && containsBytes(container.b().asByteArrayUnsafe(), element.b().asByteArrayUnsafe());
      case SS:
        return element.type() == AttributeValue.Type.S && container.ss().contains(element.s());
      case BS:
        return element.type() == AttributeValue.Type.B && container.bs().contains(element.b());
      case NS:
        if (element.type() != AttributeValue.Type.N) {
          return false;
        }
        for (String member : container.ns()) {
          if (AttributeValues.equal(AttributeValue.fromN(member), element)) {
            return true;
          }
        }
        return false;
      case L:
        for (AttributeValue member : container.l()) {
          if (AttributeValues.equal(member, element)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  /** The value of an operand, or null where it has none (a missing attribute). */
  AttributeValue value(Operand operand) {
    if (operand instanceof Operand.Path p) {
      return Documents.get(item, attributes.resolve(p.path()));
    } else if (operand instanceof Operand.Value v) {
      return attributes.value(v.placeholder());
    } else if (operand instanceof Operand.Size s) {
      AttributeValue value = value(s.operand());
      if (value == null) {
        return null;
      }
      OptionalLong size = AttributeValues.size(value);
      return size.isPresent() ? AttributeValue.fromN(Long.toString(size.getAsLong())) : null;
    }
    throw new IllegalStateException("not a condition operand: " + operand);
  }

  /** DynamoDB's name for a value's type, as {@code attribute_type} takes it. */
  static String typeName(AttributeValue value) {
    return value.type() == AttributeValue.Type.NUL ? "NULL" : value.type().toString();
  }
}
