package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemShorthandTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Run.Cli dynakit = Run.cli().on(engine);

  @BeforeEach
  void table() {
    dynakit.run("create-table", "Songs", "--pk", "Artist:S", "--sk", "Track:N", "--allow-write");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Map<String, AttributeValue> stored(String artist, String track) {
    return engine
        .client()
        .getItem(
            b ->
                b.tableName("Songs")
                    .key(
                        Map.of(
                            "Artist", AttributeValue.fromS(artist),
                            "Track", AttributeValue.fromN(track))))
        .item();
  }

  @Test
  void putInfersTypesAndKeysTakeTheTablesTypes() {
    Run put =
        dynakit.run(
            "put",
            "Songs",
            "Artist=1999",
            "Track=7",
            "Year=2021",
            "Title=Call Me",
            "Live=true",
            "Gone=null",
            "Code=007",
            "--allow-write");
    assertThat(put.exitCode).as(put.toString()).isZero();
    Map<String, AttributeValue> item = stored("1999", "7");
    assertThat(item.get("Artist")).isEqualTo(AttributeValue.fromS("1999"));
    assertThat(item.get("Year")).isEqualTo(AttributeValue.fromN("2021"));
    assertThat(item.get("Title")).isEqualTo(AttributeValue.fromS("Call Me"));
    assertThat(item.get("Live")).isEqualTo(AttributeValue.fromBool(true));
    assertThat(item.get("Gone")).isEqualTo(AttributeValue.fromNul(true));
    assertThat(item.get("Code")).isEqualTo(AttributeValue.fromS("007"));
  }

  @Test
  void aTypeAfterTheNameForcesIt() {
    Run put =
        dynakit.run(
            "put",
            "Songs",
            "Artist=a",
            "Track=1",
            "Year:S=2021",
            "Price:n=9.50",
            "Live:BOOL=FALSE",
            "Nothing:NULL=",
            "Blob:B=AAEC",
            "Tags:JSON={\"$ss\":[\"x\",\"y\"]}",
            "Meta:json={\"a\":[1,true]}",
            "odd:name=v",
            "--allow-write");
    assertThat(put.exitCode).as(put.toString()).isZero();
    Map<String, AttributeValue> item = stored("a", "1");
    assertThat(item.get("Year")).isEqualTo(AttributeValue.fromS("2021"));
    assertThat(item.get("Price")).isEqualTo(AttributeValue.fromN("9.5"));
    assertThat(item.get("Live")).isEqualTo(AttributeValue.fromBool(false));
    assertThat(item.get("Nothing")).isEqualTo(AttributeValue.fromNul(true));
    assertThat(item.get("Blob").b().asByteArray()).containsExactly(0, 1, 2);
    assertThat(item.get("Tags").ss()).containsExactlyInAnyOrder("x", "y");
    assertThat(item.get("Meta").m().get("a").l())
        .containsExactly(AttributeValue.fromN("1"), AttributeValue.fromBool(true));
    assertThat(item.get("odd:name")).isEqualTo(AttributeValue.fromS("v"));
  }

  @Test
  void getAndDeleteTakeTheKey() {
    dynakit.run("put", "Songs", "Artist=a", "Track=1", "Title=x", "--allow-write");
    assertThat(dynakit.run("get", "Songs", "Artist=a", "Track=1").out)
        .isEqualTo("{\"item\":{\"Artist\":\"a\",\"Title\":\"x\",\"Track\":1}}\n");
    assertThat(dynakit.run("get", "Songs", "Artist=a", "Track=2").out).isEqualTo("{}\n");
    assertThat(dynakit.run("delete", "Songs", "Artist=a", "Track=1", "--allow-write").exitCode)
        .isZero();
    assertThat(stored("a", "1")).isEmpty();
  }

  @Test
  void wrongShorthandsAreNamed() {
    Run missingKey = dynakit.run("get", "Songs", "Artist=a");
    assertThat(missingKey.exitCode).isEqualTo(2);
    assertThat(missingKey.err)
        .contains(
            "get: key attribute 'Track' of table 'Songs' is missing (its key: Artist:S, Track:N)");
    assertThat(dynakit.run("get", "Songs", "Artist=a", "Track=1", "Title=x").err)
        .contains("get: 'Title' is not a key attribute of table 'Songs'");
    assertThat(dynakit.run("get", "Songs", "Artist").err)
        .contains("'Artist': expected ATTR=VALUE (or ATTR:TYPE=VALUE)");
    assertThat(dynakit.run("put", "Songs", "Artist=a", "Artist=b", "Track=1").err)
        .contains("attribute 'Artist' is given twice");
    assertThat(dynakit.run("put", "Songs", "Artist=a", "Track=x").err)
        .contains("attribute 'Track' (type N): not a number");
    assertThat(dynakit.run("put", "Songs", "Artist=a", "Track=1", "b:BOOL=yes").err)
        .contains("attribute 'b' (type BOOL): not true or false");
    assertThat(dynakit.run("put", "Songs", "Artist=a", "Track=1", "b:B=!!").err)
        .contains("attribute 'b' (type B): not base64");
    assertThat(dynakit.run("put", "Songs", "Artist=a", "Track=1", "j:JSON={").err)
        .contains("attribute 'j' (type JSON): not valid JSON");
    assertThat(dynakit.run("get", "Songs", "Artist=a", "--args", "{}").err)
        .contains("give either --args JSON or TABLE ATTR=VALUE..., not both");
    assertThat(dynakit.run("get").err).contains("give --args JSON, or TABLE and ATTR=VALUE pairs");
    assertThat(dynakit.run("get", "Nope", "id=1").exitCode).isEqualTo(5);
  }
}
