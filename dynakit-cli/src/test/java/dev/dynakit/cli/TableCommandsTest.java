package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class TableCommandsTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Run.Cli dynakit = Run.cli().on(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void createTableMakesKeysIndexesAndBilling() {
    Run created =
        dynakit.run(
            "create-table",
            "Music",
            "--pk",
            "Artist:S",
            "--sk",
            "SongTitle:s",
            "--gsi",
            "ByGenre=Genre:S,Year:N",
            "--gsi",
            "ByYear=Year:N",
            "--billing",
            "provisioned",
            "--rcu",
            "7",
            "--wcu",
            "3",
            "--allow-write");
    assertThat(created.exitCode).as(created.toString()).isZero();
    TableDescription table = engine.client().describeTable(b -> b.tableName("Music")).table();
    assertThat(table.keySchema())
        .extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
        .containsExactly("Artist:HASH", "SongTitle:RANGE");
    assertThat(table.attributeDefinitions())
        .extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
        .containsExactlyInAnyOrder("Artist:S", "SongTitle:S", "Genre:S", "Year:N");
    assertThat(table.globalSecondaryIndexes())
        .extracting(i -> i.indexName() + "/" + i.keySchema().size())
        .containsExactlyInAnyOrder("ByGenre/2", "ByYear/1");
    assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(7);
    assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(3);
  }

  @Test
  void createTableNeedsAllowWrite() {
    Run refused = dynakit.run("create-table", "Things", "--pk", "id:S");
    assertThat(refused.exitCode).isEqualTo(4);
    assertThat(refused.err)
        .contains("CreateTable on table 'Things' refused")
        .contains("--allow-write");
    assertThat(engine.client().listTables().tableNames()).isEmpty();
  }

  @Test
  void badKeySpecificationsAreUsageErrorsNamingTheOption() {
    Run type = dynakit.run("create-table", "Things", "--pk", "id:X", "--allow-write");
    assertThat(type.exitCode).isEqualTo(2);
    assertThat(type.err)
        .startsWith(
            "dynakit: --pk 'id:X': key type must be S (string), N (number) or B (binary), not 'X'");
    assertThat(dynakit.run("create-table", "Things", "--pk", "id", "--allow-write").err)
        .contains("--pk 'id': expected NAME:TYPE");
    assertThat(
            dynakit.run("create-table", "Things", "--pk", "id:S", "--gsi", "x", "--allow-write")
                .err)
        .contains("--gsi 'x': expected NAME=ATTR:TYPE[,ATTR:TYPE]");
    assertThat(
            dynakit.run(
                    "create-table",
                    "Things",
                    "--pk",
                    "id:S",
                    "--gsi",
                    "G=a:S,b:S,c:S",
                    "--allow-write")
                .err)
        .contains("at most two attributes");
    assertThat(
            dynakit.run(
                    "create-table", "Things", "--pk", "id:S", "--gsi", "G=id:N", "--allow-write")
                .err)
        .contains("attribute 'id' is already declared with type S");
    assertThat(dynakit.run("create-table", "Things", "--pk", "id:S", "--billing", "free").err)
        .contains("--billing 'free': expected on-demand or provisioned");
    assertThat(dynakit.run("create-table", "Things", "--pk", "id:S", "--stream", "all").err)
        .contains("--stream 'all': expected new-image, old-image, new-and-old-images or keys-only");
    assertThat(dynakit.run("create-table", "Things", "--pk", "id:S", "--rcu", "0").err)
        .contains("--rcu and --wcu must be at least 1");
    Run missing = dynakit.run("create-table", "Things");
    assertThat(missing.exitCode).isEqualTo(2);
    assertThat(missing.err).contains("Missing required option: '--pk=ATTR:TYPE'");
  }

  @Test
  void creatingATableTwiceIsInUse() {
    assertThat(dynakit.run("create-table", "Things", "--pk", "id:S", "--allow-write").exitCode)
        .isZero();
    Run again = dynakit.run("create-table", "Things", "--pk", "id:S", "--allow-write");
    assertThat(again.exitCode).isEqualTo(12);
    assertThat(again.err).contains("ResourceInUseException");
  }

  @Test
  void tablesDescribeCountAndDeleteTable() {
    dynakit.run("create-table", "Bees", "--pk", "id:N", "--allow-write");
    dynakit.run("create-table", "Ants", "--pk", "id:S", "--allow-write");
    assertThat(dynakit.run("tables").out).isEqualTo("{\"table_names\":[\"Ants\",\"Bees\"]}\n");
    for (int i = 0; i < 7; i++) {
      assertThat(dynakit.run("put", "Bees", "id=" + i, "--allow-write").exitCode).isZero();
    }
    assertThat(dynakit.run("count", "Bees").out).isEqualTo("{\"count\":7,\"table\":\"Bees\"}\n");
    assertThat(dynakit.run("describe", "Bees").out)
        .contains("\"TableName\":\"Bees\"")
        .contains("\"ItemCount\":7");
    Run deleted = dynakit.run("delete-table", "Bees", "--allow-write");
    assertThat(deleted.out).startsWith("{\"status\":").contains("\"table\":\"Bees\"");
    assertThat(dynakit.run("tables").out).isEqualTo("{\"table_names\":[\"Ants\"]}\n");
    Run gone = dynakit.run("describe", "Bees");
    assertThat(gone.exitCode).isEqualTo(5);
    assertThat(gone.err).contains("ResourceNotFoundException");
  }

  @Test
  void countCountsAnIndex() {
    dynakit.run(
        "create-table", "Things", "--pk", "id:S", "--gsi", "ByColour=colour:S", "--allow-write");
    dynakit.run("put", "Things", "id=a", "colour=red", "--allow-write");
    dynakit.run("put", "Things", "id=b", "--allow-write");
    assertThat(dynakit.run("count", "Things", "--index", "ByColour").out)
        .isEqualTo("{\"count\":1,\"index\":\"ByColour\",\"table\":\"Things\"}\n");
  }
}
