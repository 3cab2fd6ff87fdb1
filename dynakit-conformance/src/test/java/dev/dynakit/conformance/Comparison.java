package dev.dynakit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The reference (DynamoDB Local) and every engine target, each opened fresh: a scenario runs on all
 * of them, and each engine target must answer as the reference does.
 *
 * <pre>{@code
 * try (Comparison targets = Comparison.open()) {
 *   targets.check("get of a missing table", c -> c.getItem(b -> b.tableName("none").key(key)));
 * }
 * }</pre>
 */
final class Comparison implements AutoCloseable {
  private final Target.Endpoint reference;
  private final List<Target.Endpoint> engines;

  private Comparison(Target.Endpoint reference, List<Target.Endpoint> engines) {
    this.reference = reference;
    this.engines = engines;
  }

  /** Opens the reference and every engine target, each empty. */
  static Comparison open() {
    List<Target.Endpoint> engines = new ArrayList<>();
    Target.engines().forEach(target -> engines.add(target.open()));
    return new Comparison(Target.REFERENCE.open(), engines);
  }

  /**
   * Opens every target, each with an on-demand table {@code table} keyed by the string {@code id},
   * created alike everywhere.
   */
  static Comparison withTable(String table) {
    Comparison targets = open();
    targets.check(
        "create the table",
        c ->
            c.createTable(
                    b ->
                        b.tableName(table)
                            .attributeDefinitions(
                                a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                            .billingMode("PAY_PER_REQUEST"))
                .tableDescription()
                .keySchema());
    return targets;
  }

  /** Every open target, the reference first. */
  List<Target.Endpoint> endpoints() {
    List<Target.Endpoint> all = new ArrayList<>();
    all.add(reference);
    all.addAll(engines);
    return all;
  }

  /** The reference's client, for reading its state without comparing. */
  Target.Endpoint reference() {
    return reference;
  }

  /**
   * Runs the scenario on every target and fails, naming each engine target that answered otherwise
   * and where, unless all answered alike. Returns the reference's outcome.
   */
  Outcome check(String description, Scenario scenario) {
    return check(description, scenario, UnaryOperator.identity());
  }

  /**
   * As {@link #check(String, Scenario)}, where the engine should answer not what the reference
   * answers but {@code expected} of its response (errors are compared as they are): for a
   * difference that docs/compatibility.md documents. Returns the outcome the engines matched.
   */
  Outcome check(String description, Scenario scenario, UnaryOperator<Object> expected) {
    return check(description, scenario, expected, Outcome::equals);
  }

  /**
   * As {@link #check(String, Scenario, UnaryOperator)}, an engine's outcome passing where {@code
   * alike} holds of the wanted outcome and it: for differences that are known and recorded.
   */
  Outcome check(
      String description,
      Scenario scenario,
      UnaryOperator<Object> expected,
      BiPredicate<Outcome, Outcome> alike) {
    Outcome wanted = Outcome.of(reference.client(), client -> expected.apply(scenario.run(client)));
    StringBuilder differences = new StringBuilder();
    Outcome firstActual = null;
    for (Target.Endpoint engine : engines) {
      Outcome actual = Outcome.of(engine.client(), scenario);
      if (!alike.test(wanted, actual)) {
        firstActual = firstActual == null ? actual : firstActual;
        differences.append(difference(engine.target(), wanted, actual));
      }
    }
    if (firstActual != null) {
      throw new AssertionFailedError(
          description + "\n" + differences, wanted.toString(), firstActual.toString());
    }
    return wanted;
  }

  private static String difference(Target target, Outcome wanted, Outcome actual) {
    String path = firstDifference("", wanted.value(), actual.value());
    String width = "%-" + Target.REFERENCE.name().length() + "s";
    return target
        + " differs from "
        + Target.REFERENCE
        + " at "
        + (path.isEmpty() ? "the top" : path)
        + "\n  "
        + String.format(width, Target.REFERENCE)
        + ": "
        + wanted
        + "\n  "
        + String.format(width, target)
        + ": "
        + actual
        + "\n";
  }

  /** The path of the first place where two canonical values differ, e.g. {@code .Items[2].a}. */
  static String firstDifference(String path, Object expected, Object actual) {
    if (expected instanceof Map<?, ?> left && actual instanceof Map<?, ?> right) {
      Set<Object> keys = new LinkedHashSet<>(left.keySet());
      keys.addAll(right.keySet());
      for (Object key : keys) {
        if (!Objects.equals(left.get(key), right.get(key))) {
          return firstDifference(path + "." + key, left.get(key), right.get(key));
        }
      }
      return path;
    }
    if (expected instanceof List<?> left && actual instanceof List<?> right) {
      for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
        if (!Objects.equals(left.get(i), right.get(i))) {
          return firstDifference(path + "[" + i + "]", left.get(i), right.get(i));
        }
      }
      return path + " (sizes " + left.size() + " and " + right.size() + ")";
    }
    return path;
  }

  @Override
  public void close() {
    endpoints().forEach(Target.Endpoint::close);
  }
}
