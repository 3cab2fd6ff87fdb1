package dev.dynakit.expression.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records cases: reads case files, runs each case on DynamoDB Local and writes the file back with
 * each case's {@code expect} set to what DynamoDB Local did (comments and blank lines kept). This
 * is how expected outcomes are made: never write them by hand.
 *
 * <p>From the repository root, after {@code mvn -pl dynakit-expression test-compile}:
 *
 * <pre>{@code
 * mvn -q -pl dynakit-expression dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Dsqlite4java.library.path=dynakit-expression/target/sqlite4java \
 *     -cp dynakit-expression/target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.dynakit.expression.reference.CaseRecorder \
 *     dynakit-expression/src/test/resources/cases/new-cases.jsonl
 * }</pre>
 *
 * <p>Each case is named on standard error as it runs; cases whose recorded outcome changes are
 * reported there too. Lines are rewritten in a fixed form ({@link ReferenceCase#toJson()}).
 */
public final class CaseRecorder {
  private CaseRecorder() {}

  public static void main(String[] args) throws IOException {
    try {
      record(args);
    } catch (RuntimeException | IOException e) {
      // DynamoDB Local's threads would keep the JVM alive.
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void record(String[] args) throws IOException {
    DynamoDbLocalRunner runner = new DynamoDbLocalRunner();
    for (String arg : args) {
      Path path = Path.of(arg);
      List<String> out = new ArrayList<>();
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String text = lines.get(i).strip();
        if (text.isEmpty() || text.startsWith("#")) {
          out.add(lines.get(i));
          continue;
        }
        ReferenceCase c = ReferenceCase.parse(path.getFileName().toString(), i + 1, text);
        System.err.println("running " + c.displayName());
        Outcome outcome = runner.run(c);
        if (c.expect() != null && !c.expect().equals(outcome)) {
          System.err.println("changed: " + c.displayName() + ": " + outcome.toJson());
        }
        out.add(c.withExpect(outcome).toJson());
      }
      Files.write(path, out, StandardCharsets.UTF_8);
    }
  }
}
