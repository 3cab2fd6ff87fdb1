package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamsCommandTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Run.Cli dynakit = Run.cli().on(engine);

  @BeforeEach
  void table() {
    engine
        .client()
        .createTable(
            b ->
                b.tableName("Orders")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    for (String id : new String[] {"o-1", "o-2"}) {
      engine
          .client()
          .putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS(id))));
    }
    engine
        .client()
        .deleteItem(b -> b.tableName("Orders").key(Map.of("id", AttributeValue.fromS("o-1"))));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void tailPrintsOneJsonLinePerChange() {
    Run tail = dynakit.run("streams", "tail", "Orders", "--from", "trim_horizon", "--timeout", "0");
    assertThat(tail.exitCode).as(tail.toString()).isZero();
    String[] lines = tail.out.split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0])
        .startsWith("{\"dynamodb\":{\"Keys\":{\"id\":\"o-1\"},\"NewImage\":{\"id\":\"o-1\"}")
        .contains("\"eventName\":\"INSERT\"", "\"eventID\":", "\"raw\":{");
    assertThat(lines[2]).contains("\"eventName\":\"REMOVE\"");
  }

  @Test
  void tailStopsAfterMaxEventsAndFiltersByEventName() {
    Run inserts =
        dynakit.run(
            "streams",
            "tail",
            "Orders",
            "--from",
            "TRIM_HORIZON",
            "--events",
            "INSERT",
            "--max-events",
            "1",
            "--typed");
    assertThat(inserts.exitCode).as(inserts.toString()).isZero();
    assertThat(inserts.out.split("\n")).hasSize(1);
    assertThat(inserts.out).contains("\"Keys\":{\"id\":{\"S\":\"o-1\"}}");
    Run removes =
        dynakit.run(
            "streams",
            "tail",
            "Orders",
            "--from",
            "trim_horizon",
            "--events",
            "REMOVE",
            "--timeout",
            "0.01");
    assertThat(removes.out.split("\n")).hasSize(1);
    assertThat(removes.out).contains("\"eventName\":\"REMOVE\"");
  }

  @Test
  void badOptionsAreUsageErrors() {
    Run from = dynakit.run("streams", "tail", "Orders", "--from", "yesterday");
    assertThat(from.exitCode).isEqualTo(2);
    assertThat(from.err).contains("--from must be latest or trim_horizon");
    assertThat(dynakit.run("streams", "tail", "Orders", "--max-events", "0").err)
        .contains("--max-events must be at least 1");
    assertThat(dynakit.run("streams", "tail", "Orders", "--timeout", "-1").err)
        .contains("--timeout must not be negative");
    Run noTable = dynakit.run("streams", "tail", "Nope", "--timeout", "0");
    assertThat(noTable.exitCode).isEqualTo(5);
    Run created =
        dynakit.run("create-table", "Plain", "--pk", "id:S", "--allow-write", "--output", "table");
    assertThat(created.exitCode).as(created.toString()).isZero();
    Run noStream = dynakit.run("streams", "tail", "Plain", "--timeout", "0");
    assertThat(noStream.exitCode).isEqualTo(8);
    assertThat(noStream.err).contains("table 'Plain' has no stream");
    assertThat(dynakit.run("streams").out).contains("tail");
  }

  @Test
  void createTableCanEnableAStream() {
    Run created =
        dynakit.run(
            "create-table", "Events", "--pk", "id:S", "--stream", "keys-only", "--allow-write");
    assertThat(created.exitCode).as(created.toString()).isZero();
    assertThat(
            engine
                .client()
                .describeTable(b -> b.tableName("Events"))
                .table()
                .streamSpecification()
                .streamViewTypeAsString())
        .isEqualTo("KEYS_ONLY");
  }

  @Test
  void theSubscribeVerbIsACommandToo() {
    Run subscribe =
        dynakit.run(
            "streams.subscribe",
            "--args",
            "{\"table_name\":\"Orders\",\"shard_iterator_type\":\"TRIM_HORIZON\",\"timeout_s\":0}");
    assertThat(subscribe.exitCode).as(subscribe.toString()).isZero();
    assertThat(subscribe.out)
        .startsWith("{\"active\":true,\"events\":[{")
        .endsWith("\"table\":\"Orders\"}\n");
  }
}
