package dev.dynakit.expression;

import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.ast.Update;
import dev.dynakit.expression.ast.UpdateAction;
import dev.dynakit.expression.value.AttributeValues;
import dev.dynakit.expression.value.DynamoNumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An update expression bound to its request's names and values.
 *
 * <pre>{@code
 * UpdateExpression update = attributes.update("SET #n = #n + :one REMOVE draft");
 * Map<String, AttributeValue> after = update.apply(before);
 * }</pre>
 *
 * <p>As in DynamoDB, every operand is read from the item as it was before the update, then the
 * actions are applied; a failure leaves the item untouched.
 */
public final class UpdateExpression {
  static final String INVALID_PATH =
      "The document path provided in the update expression is invalid for update";
  static final String MISSING_ATTRIBUTE =
      "The provided expression refers to an attribute that does not exist in the item";
  static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

  private final Update tree;
  private final ExpressionAttributes attributes;

  UpdateExpression(Update tree, ExpressionAttributes attributes) {
    this.tree = tree;
    this.attributes = attributes;
  }

  /** The parsed tree. */
  public Update tree() {
    return tree;
  }

  /** The top-level attributes the update writes or removes, for key and ReturnValues checks. */
  public Set<String> topLevelAttributes() {
    Set<String> names = new LinkedHashSet<>();
    for (UpdateAction action : tree.actions()) {
      names.add(attributes.name((PathElement.Name) action.path().elements().get(0)));
    }
    return names;
  }

  /**
   * The parts of an item that the update's actions name, nested as in the item: what {@code
   * ReturnValues} {@code UPDATED_OLD} (on the item before) and {@code UPDATED_NEW} (on the item
   * after) return. As in DynamoDB, a path into a list returns the whole list.
   */
  public Map<String, AttributeValue> updatedParts(Map<String, AttributeValue> item) {
    List<List<PathElement>> paths = new ArrayList<>();
    for (UpdateAction action : tree.actions()) {
      List<PathElement> path = attributes.resolve(action.path());
      int end = 1;
      while (end < path.size() && path.get(end) instanceof PathElement.Name) {
        end++;
      }
      List<PathElement> upToList = path.subList(0, end);
      if (!paths.contains(upToList)) {
        paths.add(upToList);
      }
    }
    return new ProjectionExpression(null, paths).project(item);
  }

  /**
   * Applies the update to an item (the empty map for an item that does not exist yet) and returns
   * the new item; the argument is not changed.
   *
   * @throws ValidationException as DynamoDB refuses an update the item's values do not allow
   */
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
    Evaluator reader = new Evaluator(attributes, item);
    List<Write> writes = new ArrayList<>();
    for (UpdateAction.Set set : tree.set()) {
      writes.add(new Write(attributes.resolve(set.path()), setValue(reader, set.value())));
    }
    List<List<PathElement>> removals = new ArrayList<>();
    for (UpdateAction.Remove remove : tree.remove()) {
      removals.add(requireParent(item, attributes.resolve(remove.path())));
    }
    for (UpdateAction.Add add : tree.add()) {
      List<PathElement> path = attributes.resolve(add.path());
      writes.add(new Write(path, add(Documents.get(item, path), reader.value(add.value()))));
    }
    for (UpdateAction.Delete delete : tree.delete()) {
      List<PathElement> path = requireParent(item, attributes.resolve(delete.path()));
      AttributeValue current = Documents.get(item, path);
      if (current != null) {
        AttributeValue remaining = delete(current, reader.value(delete.value()));
        if (remaining == null) {
          removals.add(path);
        } else {
          writes.add(new Write(path, remaining));
        }
      }
    }

    Map<String, AttributeValue> result = new LinkedHashMap<>(item);
    writes.sort(Comparator.comparing(Write::path, UpdateExpression::appendOrder));
    for (Write write : writes) {
      if (!Documents.set(result, write.path(), write.value())) {
        throw new ValidationException(INVALID_PATH);
      }
    }
    // Later list elements first, so that each index still means what it meant before the update.
    removals.sort(UpdateExpression::appendOrder);
    for (int i = removals.size() - 1; i >= 0; i--) {
      Documents.remove(result, removals.get(i));
    }
    return result;
  }

  private static List<PathElement> requireParent(
      Map<String, AttributeValue> item, List<PathElement> path) {
    if (!Documents.hasParent(item, path)) {
      throw new ValidationException(INVALID_PATH);
    }
    return path;
  }

  /** Orders paths so that list indexes into the same list come in ascending order. */
  private static int appendOrder(List<PathElement> a, List<PathElement> b) {
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      PathElement x = a.get(i);
      PathElement y = b.get(i);
      if (!x.equals(y)) {
        if (x instanceof PathElement.Index xi && y instanceof PathElement.Index yi) {
          return Integer.compare(xi.index(), yi.index());
        }
        return 0;
      }
    }
    return 0;
  }

  private AttributeValue setValue(Evaluator reader, Operand operand) {
    if (operand instanceof Operand.Arithmetic arithmetic) {
      AttributeValue left = present(setValue(reader, arithmetic.left()));
      AttributeValue right = present(setValue(reader, arithmetic.right()));
      if (left.type() != AttributeValue.Type.N || right.type() != AttributeValue.Type.N) {
        throw new ValidationException(WRONG_TYPE);
      }
      DynamoNumber a = DynamoNumber.parse(left.n());
      DynamoNumber b = DynamoNumber.parse(right.n());
      DynamoNumber sum =
          arithmetic.operator() == Operand.ArithmeticOperator.PLUS ? a.add(b) : a.subtract(b);
      return AttributeValue.fromN(sum.toString());
    }
    if (operand instanceof Operand.IfNotExists ifNotExists) {
      AttributeValue existing = reader.value(ifNotExists.path());
      return existing != null ? existing : setValue(reader, ifNotExists.fallback());
    }
    if (operand instanceof Operand.ListAppend append) {
      AttributeValue first = present(setValue(reader, append.first()));
      AttributeValue second = present(setValue(reader, append.second()));
      if (first.type() != AttributeValue.Type.L || second.type() != AttributeValue.Type.L) {
        throw new ValidationException(WRONG_TYPE);
      }
      List<AttributeValue> joined = new ArrayList<>(first.l());
      joined.addAll(second.l());
      return AttributeValue.fromL(joined);
    }
    return present(reader.value(operand));
  }

  private static AttributeValue present(AttributeValue value) {
    if (value == null) {
      throw new ValidationException(MISSING_ATTRIBUTE);
    }
    return value;
  }

  private static AttributeValue add(AttributeValue current, AttributeValue operand) {
    if (current == null) {
      return operand;
    }
    if (current.type() != operand.type()) {
      throw new ValidationException(WRONG_TYPE);
    }
    switch (current.type()) {
      case N:
        return AttributeValue.fromN(
            DynamoNumber.parse(current.n()).add(DynamoNumber.parse(operand.n())).toString());
      case SS:
        return AttributeValue.fromSs(union(current.ss(), operand.ss()));
      case NS:
        return AttributeValue.fromNs(numberUnion(current.ns(), operand.ns()));
      case BS:
        return AttributeValue.fromBs(union(current.bs(), operand.bs()));
      default:
        throw new ValidationException(WRONG_TYPE);
    }
  }

  /** The set left after removing the operand's elements, or null where nothing is left. */
  private static AttributeValue delete(AttributeValue current, AttributeValue operand) {
    if (current.type() != operand.type()) {
      throw new ValidationException(WRONG_TYPE);
    }
    AttributeValue remaining;
    switch (current.type()) {
      case SS:
        List<String> strings = new ArrayList<>(current.ss());
        strings.removeAll(operand.ss());
        remaining = strings.isEmpty() ? null : AttributeValue.fromSs(strings);
        break;
      case BS:
        List<SdkBytes> bytes = new ArrayList<>(current.bs());
        bytes.removeAll(operand.bs());
        remaining = bytes.isEmpty() ? null : AttributeValue.fromBs(bytes);
        break;
      case NS:
        List<String> numbers = new ArrayList<>();
        for (String member : current.ns()) {
          if (!containsNumber(operand.ns(), member)) {
            numbers.add(member);
          }
        }
        remaining = numbers.isEmpty() ? null : AttributeValue.fromNs(numbers);
        break;
      default:
        throw new ValidationException(WRONG_TYPE);
    }
    return remaining;
  }

  private static <T> List<T> union(List<T> a, List<T> b) {
    Set<T> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  private static List<String> numberUnion(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    for (String member : b) {
      if (!containsNumber(all, member)) {
        all.add(member);
      }
    }
    return all;
  }

  private static boolean containsNumber(List<String> numbers, String number) {
    AttributeValue wanted = AttributeValue.fromN(number);
    for (String member : numbers) {
      if (AttributeValues.equal(AttributeValue.fromN(member), wanted)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return tree.toString();
  }

  private record Write(List<PathElement> path, AttributeValue value) {}
}
