package dev.dynakit.client.expressions;

import dev.dynakit.expression.value.AttributeValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the builders' trees say, evaluated directly on the tree (never through rendered text), as
 * the DynamoDB Developer Guide describes the operators: comparisons with a missing operand are
 * false except {@code <>}, ordering only within strings, numbers and binaries, and so on. Value
 * equality, ordering and {@code size} are the project's {@link AttributeValues}.
 */
final class Reference {
  private Reference() {}

  static boolean test(Condition condition, Map<String, AttributeValue> item) {
    if (condition instanceof Node.Comparison c) {
      return compare(value(c.left, item), c.comparator, value(c.right, item));
    }
    if (condition instanceof Node.Between b) {
      AttributeValue v = value(b.value, item);
      return compare(v, Node.Comparator.GE, value(b.low, item))
          && compare(v, Node.Comparator.LE, value(b.high, item));
    }
    if (condition instanceof Node.In in) {
      AttributeValue v = value(in.value, item);
      return v != null && in.candidates.stream().anyMatch(c -> AttributeValues.equal(v, c));
    }
    if (condition instanceof Node.Function f) {
      return function(f, get(item, f.path));
    }
    if (condition instanceof Node.Junction j) {
      return j.and
          ? j.parts.stream().allMatch(part -> test(part, item))
          : j.parts.stream().anyMatch(part -> test(part, item));
    }
    return !test(((Node.Negation) condition).operand, item);
  }

  private static boolean function(Node.Function f, AttributeValue v) {
    switch (f.function) {
      case ATTRIBUTE_EXISTS:
        return v != null;
      case ATTRIBUTE_NOT_EXISTS:
        return v == null;
      case ATTRIBUTE_TYPE:
        return v != null && typeName(v).equals(f.argument.s());
      case BEGINS_WITH:
        if (v == null || v.type() != f.argument.type()) {
          return false;
        }
        if (v.type() == AttributeValue.Type.S) {
          return v.s().startsWith(f.argument.s());
        }
        byte[] bytes = v.b().asByteArray();
        byte[] prefix = f.argument.b().asByteArray();
        return bytes.length >= prefix.length
            && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
      default:
        return v != null && contains(v, f.argument);
    }
  }

  private static boolean contains(AttributeValue container, AttributeValue element) {
    switch (container.type()) {
      case S:
        return element.type() == AttributeValue.Type.S && container.s().contains(element.s());
      case B:
        return element.type() == AttributeValue.Type.B
            && new String(container.b().asByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(
                    new String(
                        element.b().asByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1));
      case SS:
        return element.type() == AttributeValue.Type.S && container.ss().contains(element.s());
      case NS:
        return element.type() == AttributeValue.Type.N
            && container.ns().stream()
                .anyMatch(n -> new BigDecimal(n).compareTo(new BigDecimal(element.n())) == 0);
      case BS:
        return element.type() == AttributeValue.Type.B && container.bs().contains(element.b());
      case L:
        return container.l().stream().anyMatch(member -> AttributeValues.equal(member, element));
      default:
        return false;
    }
  }

  private static boolean compare(AttributeValue l, Node.Comparator op, AttributeValue r) {
    if (l == null || r == null) {
      return op == Node.Comparator.NE; // a missing operand equals nothing, not even another
    }
    switch (op) {
      case EQ:
        return AttributeValues.equal(l, r);
      case NE:
        return !AttributeValues.equal(l, r);
      default:
        OptionalInt order = AttributeValues.compare(l, r);
        if (order.isEmpty()) {
          return false;
        }
        int c = order.getAsInt();
        return op == Node.Comparator.LT
            ? c < 0
            : op == Node.Comparator.LE ? c <= 0 : op == Node.Comparator.GT ? c > 0 : c >= 0;
    }
  }

  private static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
    if (operand instanceof Operand.OfValue v) {
      return v.value();
    }
    if (operand instanceof Operand.OfPath p) {
      return get(item, p.path());
    }
    AttributeValue v = get(item, ((Operand.OfSize) operand).path());
    if (v == null) {
      return null;
    }
    OptionalLong size = AttributeValues.size(v);
    return size.isPresent() ? AttributeValue.fromN(Long.toString(size.getAsLong())) : null;
  }

  /** The value at a path: map keys into maps, indexes into lists, nothing anywhere else. */
  static AttributeValue get(Map<String, AttributeValue> item, Path path) {
    AttributeValue current = item.get((String) path.steps().get(0));
    for (Object step : path.steps().subList(1, path.steps().size())) {
      if (current == null) {
        return null;
      }
      if (step instanceof Integer) {
        int i = (Integer) step;
        current =
            current.type() == AttributeValue.Type.L && i < current.l().size()
                ? current.l().get(i)
                : null;
      } else {
        current = current.type() == AttributeValue.Type.M ? current.m().get((String) step) : null;
      }
    }
    return current;
  }

  private static String typeName(AttributeValue v) {
    return v.type() == AttributeValue.Type.NUL ? "NULL" : v.type().toString();
  }

  /**
   * The item after the update's actions (each on a top-level attribute), or null where DynamoDB
   * refuses the update for this item: every operand is read from the item before the update.
   */
  static Map<String, AttributeValue> apply(Update update, Map<String, AttributeValue> before) {
    Map<String, AttributeValue> after = new LinkedHashMap<>(before);
    for (UpdateAction action : update.actions()) {
      String name = action.path().attributeName();
      AttributeValue old = before.get(name);
      if (action instanceof UpdateAction.Assign a) {
        after.put(name, a.value());
      } else if (action instanceof UpdateAction.Copy c) {
        AttributeValue source = before.get(c.source().attributeName());
        if (source == null) {
          return null;
        }
        after.put(name, source);
      } else if (action instanceof UpdateAction.Default d) {
        after.put(name, old == null ? d.value() : old);
      } else if (action instanceof UpdateAction.Arithmetic a) {
        if (old == null || old.type() != AttributeValue.Type.N) {
          return null;
        }
        BigDecimal amount = new BigDecimal(a.amount().n());
        BigDecimal result =
            a.minus()
                ? new BigDecimal(old.n()).subtract(amount)
                : new BigDecimal(old.n()).add(amount);
        after.put(name, AttributeValue.fromN(result.toPlainString()));
      } else if (action instanceof UpdateAction.ListJoin j) {
        if (old != null && old.type() != AttributeValue.Type.L) {
          return null;
        }
        List<AttributeValue> joined = new ArrayList<>();
        List<AttributeValue> existing = old == null ? List.of() : old.l();
        joined.addAll(j.prepend() ? j.list().l() : existing);
        joined.addAll(j.prepend() ? existing : j.list().l());
        after.put(name, AttributeValue.fromL(joined));
      } else if (action instanceof UpdateAction.Remove) {
        after.remove(name);
      } else if (action instanceof UpdateAction.Add a) {
        AttributeValue added = add(old, a.value());
        if (added == null) {
          return null;
        }
        after.put(name, added);
      } else {
        AttributeValue set = ((UpdateAction.Delete) action).value();
        if (old == null) {
          continue;
        }
        if (old.type() != set.type()) {
          return null;
        }
        List<Object> left = new ArrayList<>(members(old));
        left.removeAll(members(set));
        if (left.isEmpty()) {
          after.remove(name);
        } else {
          after.put(name, rebuild(old.type(), left));
        }
      }
    }
    return after;
  }

  private static AttributeValue add(AttributeValue old, AttributeValue value) {
    if (old == null) {
      return value;
    }
    if (old.type() != value.type()) {
      return null;
    }
    if (old.type() == AttributeValue.Type.N) {
      return AttributeValue.fromN(
          new BigDecimal(old.n()).add(new BigDecimal(value.n())).toPlainString());
    }
    List<Object> all = new ArrayList<>(members(old));
    for (Object member : members(value)) {
      if (!all.contains(member)) {
        all.add(member);
      }
    }
    return rebuild(old.type(), all);
  }

  /**
   * A set's members as comparable objects: strings, numbers as BigDecimal (no trailing zeros),
   * bytes.
   */
  private static List<Object> members(AttributeValue set) {
    List<Object> members = new ArrayList<>();
    switch (set.type()) {
      case SS:
        members.addAll(set.ss());
        break;
      case NS:
        set.ns().forEach(n -> members.add(new BigDecimal(n).stripTrailingZeros()));
        break;
      default:
        members.addAll(set.bs());
        break;
    }
    return members;
  }

  private static AttributeValue rebuild(AttributeValue.Type type, List<Object> members) {
    List<String> strings = new ArrayList<>();
    List<SdkBytes> bytes = new ArrayList<>();
    for (Object member : members) {
      if (member instanceof SdkBytes) {
        bytes.add((SdkBytes) member);
      } else if (member instanceof BigDecimal) {
        strings.add(((BigDecimal) member).toPlainString());
      } else {
        strings.add((String) member);
      }
    }
    switch (type) {
      case SS:
        return AttributeValue.fromSs(strings);
      case NS:
        return AttributeValue.fromNs(strings);
      default:
        return AttributeValue.fromBs(bytes);
    }
  }

  /** Whether an item's key satisfies a key condition, read from the builder's parts. */
  static boolean key(KeyCondition condition, Map<String, AttributeValue> item) {
    List<KeyCondition.Part> parts = new ArrayList<>(condition.partition());
    parts.addAll(condition.sort());
    for (KeyCondition.Part part : parts) {
      AttributeValue v = item.get(part.name);
      boolean holds;
      switch (part.op) {
        case EQ:
          holds = compare(v, Node.Comparator.EQ, part.value);
          break;
        case LT:
          holds = compare(v, Node.Comparator.LT, part.value);
          break;
        case LE:
          holds = compare(v, Node.Comparator.LE, part.value);
          break;
        case GT:
          holds = compare(v, Node.Comparator.GT, part.value);
          break;
        case GE:
          holds = compare(v, Node.Comparator.GE, part.value);
          break;
        case BETWEEN:
          holds =
              compare(v, Node.Comparator.GE, part.value)
                  && compare(v, Node.Comparator.LE, part.high);
          break;
        default:
          holds =
              v != null && v.type() == AttributeValue.Type.S && v.s().startsWith(part.value.s());
          break;
      }
      if (!holds) {
        return false;
      }
    }
    return true;
  }
}
