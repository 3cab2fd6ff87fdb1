package dev.dynakit.expression;

import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A deliberately plain interpreter of condition trees, written from DynamoDB's documentation
 * without sharing code with the module, for the property that both agree. Values are turned into
 * ordinary Java objects (BigDecimal, byte lists, sets) and compared as such.
 */
final class ReferenceInterpreter {
  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;

  ReferenceInterpreter(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
  }

  boolean test(Condition c, Map<String, AttributeValue> item) {
    if (c instanceof Condition.And and) {
      return test(and.left(), item) && test(and.right(), item);
    }
    if (c instanceof Condition.Or or) {
      return test(or.left(), item) || test(or.right(), item);
    }
    if (c instanceof Condition.Not not) {
      return !test(not.operand(), item);
    }
    if (c instanceof Condition.Comparison cmp) {
      Object l = plain(eval(cmp.left(), item));
      Object r = plain(eval(cmp.right(), item));
      return switch (cmp.comparator()) {
        case EQ -> l != null && l.equals(r);
        case NE -> l == null || !l.equals(r);
        case LT -> order(l, r) != null && order(l, r) < 0;
        case LE -> order(l, r) != null && order(l, r) <= 0;
        case GT -> order(l, r) != null && order(l, r) > 0;
        case GE -> order(l, r) != null && order(l, r) >= 0;
      };
    }
    if (c instanceof Condition.Between b) {
      Object v = plain(eval(b.value(), item));
      Integer low = order(v, plain(eval(b.low(), item)));
      Integer high = order(v, plain(eval(b.high(), item)));
      return low != null && high != null && low >= 0 && high <= 0;
    }
    if (c instanceof Condition.In in) {
      Object v = plain(eval(in.value(), item));
      return v != null && in.candidates().stream().anyMatch(o -> v.equals(plain(eval(o, item))));
    }
    Condition.Function f = (Condition.Function) c;
    AttributeValue first = eval(f.arguments().get(0), item);
    AttributeValue second = f.arguments().size() > 1 ? eval(f.arguments().get(1), item) : null;
    return switch (f.function()) {
      case ATTRIBUTE_EXISTS -> first != null;
      case ATTRIBUTE_NOT_EXISTS -> first == null;
      case ATTRIBUTE_TYPE ->
          first != null
              && second != null
              && second.s() != null
              && second
                  .s()
                  .equals(first.type() == AttributeValue.Type.NUL ? "NULL" : first.type().name());
      case BEGINS_WITH -> first != null && second != null && startsWith(first, second);
      case CONTAINS -> first != null && second != null && contains(first, second);
    };
  }

  private static boolean startsWith(AttributeValue v, AttributeValue p) {
    if (v.s() != null && p.s() != null) {
      return v.s().startsWith(p.s());
    }
    if (v.b() != null && p.b() != null) {
      List<Integer> a = bytes(v.b());
      List<Integer> b = bytes(p.b());
      return a.size() >= b.size() && a.subList(0, b.size()).equals(b);
    }
    return false;
  }

  private static boolean contains(AttributeValue v, AttributeValue e) {
    Object element = plain(e);
    return switch (v.type()) {
      case S -> e.s() != null && v.s().contains(e.s());
      // A run of bytes, found as a substring of the bytes read one char a byte.
      case B -> e.b() != null && latin1(v).contains(latin1(e));
      case SS, NS, BS ->
          e.type().name().equals(v.type().name().substring(0, 1))
              && ((Set<?>) plain(v)).contains(element);
      case L -> ((List<?>) plain(v)).contains(element);
      default -> false;
    };
  }

  private static String latin1(AttributeValue binary) {
    return new String(binary.b().asByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private AttributeValue eval(Operand o, Map<String, AttributeValue> item) {
    if (o instanceof Operand.Value v) {
      return values.get(v.placeholder());
    }
    if (o instanceof Operand.Size s) {
      AttributeValue v = eval(s.operand(), item);
      if (v == null) {
        return null;
      }
      Integer size =
          switch (v.type()) {
            case S -> v.s().length();
            case B -> v.b().asByteArray().length;
            case SS -> v.ss().size();
            case NS -> v.ns().size();
            case BS -> v.bs().size();
            case L -> v.l().size();
            case M -> v.m().size();
            default -> null;
          };
      return size == null ? null : AttributeValue.fromN(size.toString());
    }
    List<PathElement> path = ((Operand.Path) o).path().elements();
    AttributeValue current = null;
    for (int i = 0; i < path.size(); i++) {
      PathElement e = path.get(i);
      if (e instanceof PathElement.Name n) {
        String name =
            n.isPlaceholder() && i == 0 || n.isPlaceholder() ? names.get(n.token()) : n.token();
        current =
            i == 0
                ? item.get(name)
                : current.m() != null && current.type() == AttributeValue.Type.M
                    ? current.m().get(name)
                    : null;
      } else {
        int index = ((PathElement.Index) e).index();
        current =
            current.type() == AttributeValue.Type.L && index < current.l().size()
                ? current.l().get(index)
                : null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** A value as a Java object whose equals is DynamoDB's equality; null stays null. */
  private static Object plain(AttributeValue v) {
    if (v == null) {
      return null;
    }
    return switch (v.type()) {
      case S -> "S:" + v.s();
      case N -> new BigDecimal(v.n()).stripTrailingZeros();
      case B -> new Bytes(bytes(v.b()));
      case BOOL -> v.bool();
      case NUL -> "NULL";
      case SS -> new HashSet<>(v.ss().stream().map(s -> "S:" + s).toList());
      case NS ->
          v.ns().stream()
              .map(n -> new BigDecimal(n).stripTrailingZeros())
              .collect(Collectors.toSet());
      case BS -> v.bs().stream().map(b -> new Bytes(bytes(b))).collect(Collectors.toSet());
      case L -> v.l().stream().map(ReferenceInterpreter::plain).toList();
      case M ->
          v.m().entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, x -> plain(x.getValue())));
      default -> throw new IllegalArgumentException(v.toString());
    };
  }

  private static List<Integer> bytes(SdkBytes b) {
    byte[] raw = b.asByteArray();
    Integer[] unsigned = new Integer[raw.length];
    for (int i = 0; i < raw.length; i++) {
      unsigned[i] = raw[i] & 0xff;
    }
    return Arrays.asList(unsigned);
  }

  /** The order of two plain values of one orderable type, or null. */
  private static Integer order(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (a instanceof String x
        && b instanceof String y
        && x.startsWith("S:")
        && y.startsWith("S:")) {
      return Arrays.compareUnsigned(
          x.substring(2).getBytes(StandardCharsets.UTF_8),
          y.substring(2).getBytes(StandardCharsets.UTF_8));
    }
    if (a instanceof Bytes x && b instanceof Bytes y) {
      List<Integer> p = x.unsigned();
      List<Integer> q = y.unsigned();
      for (int i = 0; i < Math.min(p.size(), q.size()); i++) {
        int c = Integer.compare(p.get(i), q.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(p.size(), q.size());
    }
    return null;
  }

  private record Bytes(List<Integer> unsigned) {}
}
