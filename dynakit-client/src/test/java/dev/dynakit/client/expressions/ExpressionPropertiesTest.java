package dev.dynakit.client.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ExpressionAttributes;
import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.ValidationException;
import dev.dynakit.expression.value.AttributeValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Random condition trees, updates and key conditions over awkward attribute names (reserved words,
 * dots, dashes, {@code #}, {@code :}, spaces, unicode) render to expressions that the project's own
 * parser accepts with no unused placeholder, and that mean what the builder's tree says: the
 * project's evaluator agrees with a reference evaluator of the tree written here, and applying an
 * update gives the item the actions describe.
 */
class ExpressionPropertiesTest {
  static final List<String> NAMES =
      List.of("name", "status", "size", "a.b", "x-y", "#h", ":c", "with space", "ünï", "日本", "k");

  private static final List<String> SET_TYPES = List.of("SS", "NS", "BS");

  // ---- conditions ----

  @Property(tries = 400)
  void renderedConditionsMeanWhatTheTreeSays(
      @ForAll("conditions") Condition condition,
      @ForAll("items") List<Map<String, AttributeValue>> items) {
    Placeholders p = new Placeholders();
    String text = condition.render(p);
    ExpressionAttributes attributes = attributes(p);
    var parsed = attributes.condition(text);
    attributes.checkAllUsed();
    for (Map<String, AttributeValue> item : items) {
      assertThat(parsed.matches(item))
          .as("%s on %s", condition, item)
          .isEqualTo(Reference.test(condition, item));
    }
  }

  @Property(tries = 200)
  void conditionsRenderedTogetherShareOnePlaceholders(
      @ForAll("conditions") Condition first, @ForAll("conditions") Condition second) {
    Placeholders p = new Placeholders();
    String a = first.render(p);
    String b = second.render(p);
    ExpressionAttributes attributes = attributes(p);
    attributes.condition(a);
    attributes.filter(b);
    attributes.checkAllUsed();
  }

  @Provide
  Arbitrary<Condition> conditions() {
    return condition(3);
  }

  private static Arbitrary<Condition> condition(int depth) {
    Arbitrary<Condition> leaf =
        Arbitraries.oneOf(
            Combinators.combine(path(), comparators(), values(1))
                .as((path, op, value) -> compare(path, op, value))
                .filter(c -> c != null),
            Combinators.combine(path(), comparators(), path())
                .filter((l, op, r) -> !l.equals(r))
                .as((l, op, r) -> comparePaths(l, op, r)),
            Combinators.combine(path(), orderables(), orderables())
                .filter((path, x, y) -> x.type() == y.type())
                .as(
                    (path, x, y) ->
                        AttributeValues.compare(x, y).getAsInt() <= 0
                            ? Conditions.between(path, x, y)
                            : Conditions.between(path, y, x)),
            Combinators.combine(path(), values(1).list().ofMinSize(1).ofMaxSize(4))
                .as(Conditions::in),
            path().map(Conditions::attributeExists),
            path().map(Conditions::attributeNotExists),
            Combinators.combine(
                    path(),
                    Arbitraries.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"))
                .as(Conditions::attributeType),
            Combinators.combine(path(), orderables().filter(v -> v.n() == null))
                .as(Conditions::beginsWith),
            Combinators.combine(path(), orderables()).as(Conditions::contains),
            Combinators.combine(path(), comparators(), numbers())
                .as((path, op, n) -> sizeCompare(Conditions.size(path), op, n)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Condition> smaller = Arbitraries.lazy(() -> condition(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(
            1,
            smaller
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(l -> Conditions.and(l.toArray(new Condition[0])))),
        net.jqwik.api.Tuple.of(
            1,
            smaller
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(l -> Conditions.or(l.toArray(new Condition[0])))),
        net.jqwik.api.Tuple.of(1, smaller.map(Condition::not)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(smaller, smaller).as(Condition::and)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(smaller, smaller).as(Condition::or)));
  }

  private static Arbitrary<String> comparators() {
    return Arbitraries.of("=", "<>", "<", "<=", ">", ">=");
  }

  private static Condition compare(Path path, String op, AttributeValue value) {
    boolean ordering = !op.equals("=") && !op.equals("<>");
    if (ordering && value.s() == null && value.n() == null && value.b() == null) {
      return null;
    }
    switch (op) {
      case "=":
        return Conditions.eq(path, value);
      case "<>":
        return Conditions.ne(path, value);
      case "<":
        return Conditions.lt(path, value);
      case "<=":
        return Conditions.le(path, value);
      case ">":
        return Conditions.gt(path, value);
      default:
        return Conditions.ge(path, value);
    }
  }

  private static Condition comparePaths(Path left, String op, Path right) {
    switch (op) {
      case "=":
        return Conditions.eq(left, right);
      case "<>":
        return Conditions.ne(left, right);
      case "<":
        return Conditions.lt(left, right);
      case "<=":
        return Conditions.le(left, right);
      case ">":
        return Conditions.gt(left, right);
      default:
        return Conditions.ge(left, right);
    }
  }

  private static Condition sizeCompare(Size size, String op, AttributeValue n) {
    switch (op) {
      case "=":
        return size.eq(n);
      case "<>":
        return size.ne(n);
      case "<":
        return size.lt(n);
      case "<=":
        return size.le(n);
      case ">":
        return size.gt(n);
      default:
        return size.ge(n);
    }
  }

  // ---- updates ----

  @Property(tries = 400)
  void renderedUpdatesDoWhatTheActionsSay(
      @ForAll("updates") Update update, @ForAll("items") List<Map<String, AttributeValue>> items) {
    Placeholders p = new Placeholders();
    String text = update.render(p);
    ExpressionAttributes attributes = attributes(p);
    var parsed = attributes.update(text);
    attributes.checkAllUsed();
    for (Map<String, AttributeValue> item : items) {
      Map<String, AttributeValue> expected = Reference.apply(update, item);
      if (expected == null) {
        assertThatThrownBy(() -> parsed.apply(item))
            .as("%s on %s", update, item)
            .isInstanceOf(ValidationException.class);
      } else {
        Map<String, AttributeValue> actual = parsed.apply(item);
        assertThat(actual.keySet()).as("%s on %s", update, item).isEqualTo(expected.keySet());
        expected.forEach(
            (name, value) ->
                assertThat(AttributeValues.equal(actual.get(name), value))
                    .as("%s on %s: %s is %s, not %s", update, item, name, actual.get(name), value)
                    .isTrue());
      }
    }
  }

  @Provide
  Arbitrary<Update> updates() {
    return Arbitraries.of(NAMES)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .uniqueElements()
        .flatMap(
            names -> {
              List<Arbitrary<UpdateAction>> actions = new ArrayList<>();
              for (String name : names) {
                actions.add(action(Path.of(name)));
              }
              return Combinators.combine(actions)
                  .as(
                      list -> {
                        Update.Builder builder = Update.builder();
                        list.forEach(action -> addTo(builder, action));
                        return builder.build();
                      });
            });
  }

  private static Arbitrary<UpdateAction> action(Path path) {
    return Arbitraries.oneOf(
        values(1).map(v -> new UpdateAction.Assign(path, v)),
        Arbitraries.of(NAMES).map(source -> new UpdateAction.Copy(path, Path.of(source))),
        values(1).map(v -> new UpdateAction.Default(path, v)),
        Combinators.combine(numbers(), Arbitraries.of(true, false))
            .as((n, minus) -> new UpdateAction.Arithmetic(path, n, minus)),
        Combinators.combine(values(0).list().ofMaxSize(2), Arbitraries.of(true, false))
            .as((l, prepend) -> new UpdateAction.ListJoin(path, AttributeValue.fromL(l), prepend)),
        Arbitraries.just(new UpdateAction.Remove(path)),
        Arbitraries.oneOf(numbers(), sets()).map(v -> new UpdateAction.Add(path, v)),
        sets().map(v -> new UpdateAction.Delete(path, v)));
  }

  private static void addTo(Update.Builder builder, UpdateAction action) {
    Path path = action.path();
    if (action instanceof UpdateAction.Assign a) {
      builder.set(path, a.value());
    } else if (action instanceof UpdateAction.Copy c) {
      builder.set(path, c.source());
    } else if (action instanceof UpdateAction.Default d) {
      builder.setIfNotExists(path, d.value());
    } else if (action instanceof UpdateAction.Arithmetic a) {
      BigDecimal amount = new BigDecimal(a.amount().n());
      if (a.minus()) {
        builder.decrement(path, amount);
      } else {
        builder.increment(path, amount);
      }
    } else if (action instanceof UpdateAction.ListJoin j) {
      if (j.prepend()) {
        builder.prependToList(path, j.list());
      } else {
        builder.appendToList(path, j.list());
      }
    } else if (action instanceof UpdateAction.Remove) {
      builder.remove(path);
    } else if (action instanceof UpdateAction.Add a) {
      builder.add(path, a.value());
    } else {
      builder.delete(path, ((UpdateAction.Delete) action).value());
    }
  }

  @Property(tries = 300)
  void overlappingPathsAreRefusedExactlyWhereTheParserRefusesThem(
      @ForAll("paths") Path first, @ForAll("paths") Path second) {
    Placeholders p = new Placeholders();
    String text =
        "SET "
            + first.render(p)
            + " = "
            + p.value(AttributeValue.fromN("1"))
            + " REMOVE "
            + second.render(p);
    String parserSays;
    try {
      attributes(p).update(text);
      parserSays = "fine";
    } catch (ValidationException e) {
      parserSays =
          e.getMessage()
              .substring(0, e.getMessage().indexOf(';'))
              .replace("Invalid UpdateExpression: ", "");
    }
    String builderSays;
    try {
      Update.builder().set(first, AttributeValue.fromN("1")).remove(second).build();
      builderSays = "fine";
    } catch (IllegalArgumentException e) {
      builderSays = e.getMessage().substring(0, e.getMessage().indexOf(';'));
    }
    assertThat(builderSays).as("%s and %s", first, second).isEqualTo(parserSays);
  }

  // ---- key conditions and projections ----

  @Property(tries = 300)
  void keyConditionsMatchTheItemsTheySay(
      @ForAll("keyNames") List<String> names,
      @ForAll("keyValues") List<AttributeValue> values,
      @ForAll("sortOps") String op,
      @ForAll("keyItems") List<Map<String, AttributeValue>> items) {
    String pk = names.get(0);
    String sk = names.get(1);
    AttributeValue low = values.get(1);
    AttributeValue high = values.get(2);
    if (AttributeValues.compare(low, high).getAsInt() > 0) {
      AttributeValue t = low;
      low = high;
      high = t;
    }
    KeyCondition partition = KeyCondition.partition(pk, values.get(0));
    KeyCondition key;
    switch (op) {
      case "none":
        key = partition;
        break;
      case "=":
        key = partition.sortEq(sk, low);
        break;
      case "<":
        key = partition.sortLt(sk, low);
        break;
      case "<=":
        key = partition.sortLe(sk, low);
        break;
      case ">":
        key = partition.sortGt(sk, low);
        break;
      case ">=":
        key = partition.sortGe(sk, low);
        break;
      case "between":
        key = partition.sortBetween(sk, low, high);
        break;
      default:
        key = partition.sortBeginsWith(sk, low);
        break;
    }
    Placeholders p = new Placeholders();
    String text = key.render(p);
    ExpressionAttributes attributes = attributes(p);
    var parsed =
        attributes.keyCondition(
            text, KeySchema.of(pk, ScalarAttributeType.S).withSortKey(sk, ScalarAttributeType.S));
    attributes.checkAllUsed();
    for (Map<String, AttributeValue> item : items) {
      Map<String, AttributeValue> named = new LinkedHashMap<>();
      named.put(pk, item.get("p"));
      named.put(sk, item.get("s"));
      assertThat(parsed.matches(named))
          .as("%s on %s", key, named)
          .isEqualTo(Reference.key(key, named));
    }
  }

  @Property(tries = 100)
  void projectionsSelectTheirPaths(@ForAll("paths") Path first, @ForAll("paths") Path second) {
    Projection projection;
    try {
      projection = Projection.of(first, second);
    } catch (IllegalArgumentException overlapping) {
      return;
    }
    Placeholders p = new Placeholders();
    String text = projection.render(p);
    ExpressionAttributes attributes = attributes(p);
    assertThat(attributes.projection(text).topLevelAttributes())
        .containsExactlyInAnyOrderElementsOf(
            new LinkedHashSet<>(List.of(first.attributeName(), second.attributeName())));
    attributes.checkAllUsed();
  }

  @Provide
  Arbitrary<List<String>> keyNames() {
    return Arbitraries.of(NAMES).list().ofSize(2).uniqueElements();
  }

  @Provide
  Arbitrary<List<AttributeValue>> keyValues() {
    return Arbitraries.of("a", "ab", "b", "ü").map(AttributeValue::fromS).list().ofSize(3);
  }

  @Provide
  Arbitrary<String> sortOps() {
    return Arbitraries.of("none", "=", "<", "<=", ">", ">=", "between", "begins_with");
  }

  @Provide
  Arbitrary<List<Map<String, AttributeValue>>> keyItems() {
    Arbitrary<AttributeValue> s =
        Arbitraries.of("a", "ab", "abc", "b", "ü").map(AttributeValue::fromS);
    return Combinators.combine(s, s)
        .as((p, q) -> Map.of("p", p, "s", q))
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  // ---- generators ----

  @Provide
  Arbitrary<Path> paths() {
    return path();
  }

  private static Arbitrary<Path> path() {
    Arbitrary<Object> step =
        Arbitraries.oneOf(
            Arbitraries.of(NAMES).map(n -> (Object) n),
            Arbitraries.integers().between(0, 2).map(i -> (Object) i));
    return Combinators.combine(Arbitraries.of(NAMES), step.list().ofMaxSize(2))
        .as(
            (name, steps) -> {
              Path path = Path.of(name);
              for (Object s : steps) {
                path = s instanceof Integer ? path.index((Integer) s) : path.field((String) s);
              }
              return path;
            });
  }

  @Provide
  Arbitrary<List<Map<String, AttributeValue>>> items() {
    return item().list().ofMinSize(1).ofMaxSize(5);
  }

  private static Arbitrary<Map<String, AttributeValue>> item() {
    return Arbitraries.maps(Arbitraries.of(NAMES), values(2)).ofMaxSize(NAMES.size());
  }

  static Arbitrary<AttributeValue> values(int depth) {
    Arbitrary<AttributeValue> scalar =
        Arbitraries.oneOf(
            orderables(),
            Arbitraries.of(true, false).map(AttributeValue::fromBool),
            Arbitraries.just(AttributeValue.fromNul(true)),
            sets());
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<AttributeValue> inner = Arbitraries.lazy(() -> values(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, scalar),
        net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(AttributeValue::fromL)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.maps(Arbitraries.of(NAMES), inner)
                .ofMaxSize(3)
                .map(AttributeValue::fromM)));
  }

  static Arbitrary<AttributeValue> orderables() {
    return Arbitraries.oneOf(
        Arbitraries.of("a", "ab", "b", "ü", "with space").map(AttributeValue::fromS),
        numbers(),
        Arbitraries.of(new byte[] {1}, new byte[] {1, 2}, new byte[] {2})
            .map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b))));
  }

  static Arbitrary<AttributeValue> numbers() {
    return Arbitraries.of("-1", "0", "1", "2", "1.5", "10").map(AttributeValue::fromN);
  }

  static Arbitrary<AttributeValue> sets() {
    return Arbitraries.of(SET_TYPES)
        .flatMap(
            type -> {
              switch (type) {
                case "SS":
                  return Arbitraries.of("a", "ab", "b")
                      .set()
                      .ofMinSize(1)
                      .map(s -> AttributeValue.fromSs(new ArrayList<>(s)));
                case "NS":
                  return Arbitraries.of("0", "1", "2")
                      .set()
                      .ofMinSize(1)
                      .map(s -> AttributeValue.fromNs(new ArrayList<>(s)));
                default:
                  return Arbitraries.of(1, 2, 3)
                      .set()
                      .ofMinSize(1)
                      .map(
                          s -> {
                            List<SdkBytes> bytes = new ArrayList<>();
                            s.forEach(
                                b -> bytes.add(SdkBytes.fromByteArray(new byte[] {b.byteValue()})));
                            return AttributeValue.fromBs(bytes);
                          });
              }
            });
  }

  private static ExpressionAttributes attributes(Placeholders p) {
    // As a request carries them: no map where there is nothing to map.
    ExpressionAttributes.Builder builder = ExpressionAttributes.builder();
    if (p.namesOrNull() != null) {
      builder.names(p.namesOrNull());
    }
    if (p.valuesOrNull() != null) {
      builder.values(p.valuesOrNull());
    }
    return builder.build();
  }
}
