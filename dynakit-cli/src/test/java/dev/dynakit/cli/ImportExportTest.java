package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ImportExportTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  @TempDir Path directory;
  private Run.Cli dynakit;

  @BeforeEach
  void tables() {
    dynakit = Run.cli().on(engine).directory(directory);
    for (String table : new String[] {"Source", "Target"}) {
      Run created =
          dynakit.run("create-table", table, "--pk", "pk:S", "--sk", "sk:N", "--allow-write");
      assertThat(created.exitCode).as(created.toString()).isZero();
    }
    for (int i = 0; i < 130; i++) {
      int n = i;
      engine
          .client()
          .putItem(
              b ->
                  b.tableName("Source")
                      .item(
                          Map.of(
                              "pk", AttributeValue.fromS("p" + n % 7),
                              "sk", AttributeValue.fromN(Integer.toString(n)),
                              "price", AttributeValue.fromN("12.50"),
                              "tags", AttributeValue.fromSs(List.of("a", "b, \"c\"")),
                              "blob",
                                  AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1})),
                              "nested",
                                  AttributeValue.fromM(
                                      Map.of("ok", AttributeValue.fromBool(n % 2 == 0))))));
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Set<Map<String, AttributeValue>> scan(String table) {
    return new HashSet<>(engine.client().scan(b -> b.tableName(table)).items());
  }

  @Test
  void jsonLinesGoOutAndComeBackTheSame() throws Exception {
    Run export = dynakit.run("export", "Source", "--file", "items.jsonl", "--segments", "3");
    assertThat(export.exitCode).as(export.toString()).isZero();
    assertThat(export.out)
        .isEqualTo("{\"file\":\"items.jsonl\",\"items\":130,\"table\":\"Source\"}\n");
    assertThat(export.err).startsWith("export Source: 130 items");
    List<String> lines = Files.readAllLines(directory.resolve("items.jsonl"));
    assertThat(lines).hasSize(130);
    assertThat(lines)
        .anyMatch(line -> line.contains("\"tags\":{\"$ss\":[\"a\",\"b, \\\"c\\\"\"]}"));

    Run imported = dynakit.run("import", "Target", "--file", "items.jsonl", "--allow-write");
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(imported.out)
        .isEqualTo(
            "{\"items\":130,\"requests\":6,\"table\":\"Target\",\"unprocessed_retried\":0}\n");
    assertThat(scan("Target")).isEqualTo(scan("Source"));
  }

  @Test
  void dynamoDbJsonGoesToStandardOutputAndComesBackFromStandardInput() {
    Run export = dynakit.run("export", "Source", "--format", "dynamodb-json", "--segments", "1");
    assertThat(export.exitCode).as(export.toString()).isZero();
    assertThat(export.out.lines()).hasSize(130).allMatch(line -> line.startsWith("{\"Item\":{"));
    assertThat(export.out)
        .contains("\"price\":{\"N\":\"12.5\"}")
        .contains("\"blob\":{\"B\":\"AAE=\"}");
    Run imported =
        dynakit
            .stdin(export.out)
            .run("import", "Target", "--format", "DynamoDB-JSON", "--allow-write");
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(scan("Target")).isEqualTo(scan("Source"));
  }

  @Test
  void csvHasTheKeyFirstAndReadsBack() throws Exception {
    Run export = dynakit.run("export", "Source", "--format", "csv", "--file", "items.csv");
    assertThat(export.exitCode).as(export.toString()).isZero();
    List<String> lines = Files.readAllLines(directory.resolve("items.csv"));
    assertThat(lines.get(0)).isEqualTo("pk,sk,blob,nested,price,tags");
    assertThat(lines).hasSize(131);
    assertThat(lines)
        .contains(
            "p0,0,\"{\"\"$b\"\":\"\"AAE=\"\"}\",\"{\"\"ok\"\":true}\",12.5,\"{\"\"$ss\"\":[\"\"a\"\",\"\"b, \\\"\"c\\\"\"\"\"]}\"");
    Run imported =
        dynakit.run("import", "Target", "--format", "csv", "--file", "items.csv", "--allow-write");
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(scan("Target")).isEqualTo(scan("Source"));
  }

  @Test
  void csvCellsAreTypedByTheKeyOrByTheirLook() throws Exception {
    Files.writeString(
        directory.resolve("in.csv"),
        "sk,pk,name,count,gone,note\r\n"
            + "1,007,\"Smith, \"\"J\"\"\",3,,\"two\nlines\"\r\n"
            + "\n"
            + "2,x,plain,true,null,[1]\n",
        StandardCharsets.UTF_8);
    Run imported =
        dynakit.run("import", "Target", "--format", "csv", "--file", "in.csv", "--allow-write");
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    Map<String, AttributeValue> first =
        engine
            .client()
            .getItem(
                b ->
                    b.tableName("Target")
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS("007"),
                                "sk",
                                AttributeValue.fromN("1"))))
            .item();
    assertThat(first.get("name")).isEqualTo(AttributeValue.fromS("Smith, \"J\""));
    assertThat(first.get("count")).isEqualTo(AttributeValue.fromN("3"));
    assertThat(first).doesNotContainKey("gone");
    assertThat(first.get("note")).isEqualTo(AttributeValue.fromS("two\nlines"));
    Map<String, AttributeValue> second =
        engine
            .client()
            .getItem(
                b ->
                    b.tableName("Target")
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("x"), "sk", AttributeValue.fromN("2"))))
            .item();
    assertThat(second.get("count")).isEqualTo(AttributeValue.fromBool(true));
    assertThat(second.get("gone")).isEqualTo(AttributeValue.fromNul(true));
    assertThat(second.get("note").l()).containsExactly(AttributeValue.fromN("1"));
  }

  @Test
  void aKeyGivenTwiceKeepsTheLaterItem() {
    Run imported =
        dynakit
            .stdin("{\"pk\":\"a\",\"sk\":1,\"v\":1}\n\n{\"pk\":\"a\",\"sk\":1,\"v\":2}\n")
            .run("import", "Target", "--allow-write");
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(imported.out).contains("\"items\":2").contains("\"requests\":2");
    assertThat(scan("Target")).singleElement().extracting(item -> item.get("v").n()).isEqualTo("2");
  }

  @Test
  void wrongInputIsNamedByLine() throws Exception {
    Run json =
        dynakit
            .stdin("{\"pk\":\"a\",\"sk\":1}\n{\"pk\": }\n")
            .run("import", "Target", "--allow-write");
    assertThat(json.exitCode).isEqualTo(2);
    assertThat(json.err)
        .startsWith("dynakit: standard input line 2: not valid JSON at line 1, column 8");
    Files.writeString(directory.resolve("no-key.csv"), "pk,name\na,b\n");
    assertThat(dynakit.run("import", "Target", "--format", "csv", "--file", "no-key.csv").err)
        .contains("no-key.csv: the CSV header has no column for key attribute 'sk'");
    Files.writeString(directory.resolve("short.csv"), "pk,sk,name\na,1\n");
    assertThat(dynakit.run("import", "Target", "--format", "csv", "--file", "short.csv").err)
        .contains("short.csv line 2: 2 fields, the header has 3");
    Files.writeString(directory.resolve("open.csv"), "pk,sk\n\"a,1\n");
    assertThat(dynakit.run("import", "Target", "--format", "csv", "--file", "open.csv").err)
        .contains("CSV: a quoted field is not closed");
    assertThat(dynakit.run("import", "Target", "--file", "missing.jsonl").err)
        .contains("--file: file not found: missing.jsonl");
    assertThat(dynakit.run("export", "Source", "--format", "xml").err)
        .contains("--format 'xml': expected jsonl, dynamodb-json or csv");
    assertThat(dynakit.run("export", "Source", "--segments", "0").err)
        .contains("--segments 0: must be from 1 to 1000");
    Run refused = dynakit.stdin("{\"pk\":\"a\",\"sk\":1}\n").run("import", "Target");
    assertThat(refused.exitCode).isEqualTo(4);
    assertThat(dynakit.run("export", "Nope").exitCode).isEqualTo(5);
    Files.writeString(directory.resolve("empty.csv"), "");
    assertThat(
            dynakit.run(
                    "import", "Target", "--format", "csv", "--file", "empty.csv", "--allow-write")
                .out)
        .contains("\"items\":0");
  }

  @Test
  void aTerminalGetsAProgressBar() {
    Run export = dynakit.terminal(true).run("export", "Source", "--file", "items.jsonl");
    assertThat(export.exitCode).as(export.toString()).isZero();
    assertThat(export.err).contains("export Source").contains("130/130").contains("items/s");
    Run imported =
        dynakit.terminal(true).run("import", "Target", "--file", "items.jsonl", "--allow-write");
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(imported.err).as("the total is the file's lines").contains("130/130");
  }
}
