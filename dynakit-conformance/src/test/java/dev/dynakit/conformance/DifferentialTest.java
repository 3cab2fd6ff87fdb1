package dev.dynakit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The randomized differential test: from a seed, tables with random keys, then random requests with
 * random items and expressions, some invalid on purpose, each made on DynamoDB Local, on the engine
 * in-process, on the engine over HTTP, on a durable engine reopened every few calls and through its
 * server, every response compared; at the end of a round every table is scanned on all of them.
 *
 * <p>{@code mvn verify} runs {@value #ROUND} operations a round on the seeds 1, 2, 3, ... until
 * {@code dynakit.differential.operations} operations are made. {@code -Ddynakit.seed=S} runs one
 * round of that many operations on the seed S (a failure message says which to replay), and {@code
 * -Ddynakit.seed=random} runs rounds on new seeds.
 */
class DifferentialTest {
  static final int ROUND = 150;

  private static final ScalarAttributeType[] KEY_TYPES = {
    ScalarAttributeType.S, ScalarAttributeType.N, ScalarAttributeType.B
  };

  private static Comparison targets;

  @BeforeAll
  static void open() {
    targets = Comparison.open();
  }

  @AfterAll
  static void close() {
    targets.close();
  }

  @TestFactory
  Stream<DynamicTest> enginesAnswerEveryRequestAsDynamoDbLocal() {
    int operations = Integer.parseInt(property("dynakit.differential.operations", "1200"));
    String seed = property("dynakit.seed", "");
    int rounds = (operations + ROUND - 1) / ROUND;
    if (!seed.isEmpty() && !seed.equals("random")) {
      return Stream.of(round(Long.parseLong(seed), operations));
    }
    LongStream seeds =
        seed.equals("random") ? new Random().longs(rounds) : LongStream.rangeClosed(1, rounds);
    return seeds.mapToObj(each -> round(each, ROUND));
  }

  private static String property(String name, String otherwise) {
    String value = System.getProperty(name, "").trim();
    return value.isEmpty() ? otherwise : value;
  }

  private static DynamicTest round(long seed, int operations) {
    return DynamicTest.dynamicTest("seed " + seed, () -> run(seed, operations));
  }

  private static void run(long seed, int operations) {
    RandomValues random = new RandomValues(new Random(seed));
    List<TableShape> tables = tables(seed, random);
    String replay = "seed " + seed + ", tables " + tables;
    tables.forEach(
        table ->
            targets
                .endpoints()
                .forEach(target -> target.client().createTable(table.createRequest())));
    try {
      RandomRequests requests = new RandomRequests(random, tables);
      for (int i = 0; i < operations; i++) {
        RandomRequests.Step step = requests.next();
        targets.check(
            replay
                + "\noperation "
                + i
                + " (replay with -Ddynakit.seed="
                + seed
                + " -Ddynakit.differential.operations="
                + (i + 1)
                + "): "
                + step.description(),
            step.scenario(),
            step.expectation().apply(targets.reference().client()),
            DifferentialTest::alike);
      }
      for (TableShape table : tables) {
        targets.check(
            replay + "\nevery item of " + table.name() + " at the end",
            RandomRequests.everything(table));
      }
    } finally {
      tables.forEach(
          table ->
              targets
                  .endpoints()
                  .forEach(target -> target.client().deleteTable(b -> b.tableName(table.name()))));
    }
  }

  /**
   * Equal outcomes, or the one difference this test knows and tolerates: when an update expression
   * fails in two ways on an item (an operand missing, a path that cannot be written, an operand of
   * the wrong type, arithmetic out of DynamoDB's range), DynamoDB Local and the engine may report a
   * different one of them, as they take the actions in another order (DynamoDB Local: "SET m.z = m
   * - :v" on an item without {@code m} is "The document path provided in the update expression is
   * invalid for update", the engine says the operand {@code m} does not exist).
   */
  private static boolean alike(Outcome wanted, Outcome actual) {
    if (wanted.equals(actual)) {
      return true;
    }
    return UPDATE_FAILURES.contains(message(wanted)) && UPDATE_FAILURES.contains(message(actual));
  }

  private static final Set<String> UPDATE_FAILURES =
      Set.of(
          "The document path provided in the update expression is invalid for update",
          "The provided expression refers to an attribute that does not exist in the item",
          "An operand in the update expression has an incorrect data type",
          "DynamoDB only supports precision up to 38 digits",
          "Number overflow. Attempting to store a number with magnitude larger than supported"
              + " range",
          "Number underflow. Attempting to store a number with magnitude smaller than supported"
              + " range");

  private static String message(Outcome outcome) {
    return outcome.isError() ? String.valueOf(((Map<?, ?>) outcome.value()).get("message")) : "";
  }

  /** One or two tables, each with a partition key and maybe a sort key of any key type. */
  private static List<TableShape> tables(long seed, RandomValues random) {
    List<TableShape> tables = new ArrayList<>();
    for (int i = random.between(1, 2); i > 0; i--) {
      tables.add(
          new TableShape(
              "seed" + Long.toUnsignedString(seed) + "_" + i,
              random.pick("pk", "id", "h"),
              random.pick(KEY_TYPES),
              random.chance(0.7) ? random.pick("sk", "r", "rk") : null,
              random.pick(KEY_TYPES),
              random.chance(0.7)));
    }
    return tables;
  }
}
