package dev.dynakit.client.partiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PartiqlTablesTest {
  private static final UnaryOperator<String> DEV = name -> "dev_" + name;

  private static String rename(String statement) {
    return PartiqlTables.rename(statement, DEV);
  }

  @Test
  void eachKindOfStatementNamesItsTableAndSaysWhetherItWrites() {
    assertThat(PartiqlTables.of("SELECT * FROM \"orders\" WHERE id = 'x' AND n > 3"))
        .containsExactly("orders");
    assertThat(PartiqlTables.writes("SELECT * FROM \"orders\"")).isFalse();
    assertThat(PartiqlTables.writes("EXISTS(SELECT * FROM \"orders\" WHERE id = 'o1')")).isFalse();
    for (String write :
        List.of(
            "INSERT INTO \"app_users\" VALUE {'id': 'u1', 'n': 1}",
            "  UPDATE app_users SET n = 2 WHERE id = 'u1' RETURNING ALL NEW *",
            "DELETE FROM \"app_users\" WHERE id = 'u1'")) {
      assertThat(PartiqlTables.of(write)).as(write).containsExactly("app_users");
      assertThat(PartiqlTables.writes(write)).as(write).isTrue();
    }
  }

  @Test
  void aTableGivenByItsArnIsTheTableTheArnNames() {
    String arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/";
    assertThat(PartiqlTables.of("SELECT * FROM \"" + arn + "orders\" WHERE id = ?"))
        .containsExactly("orders");
    assertThat(rename("SELECT * FROM \"" + arn + "orders\".\"by_kind\""))
        .isEqualTo("SELECT * FROM \"" + arn + "dev_orders\".\"by_kind\"");
    assertThat(PartiqlTables.of("SELECT * FROM \"arn:aws:s3:::orders\""))
        .containsExactly("arn:aws:s3:::orders");
    assertThat(rename("SELECT * FROM \"arn:aws:s3:::orders\""))
        .isEqualTo("SELECT * FROM \"arn:aws:s3:::orders\"");
    assertThat(TableArns.tableOf(arn + "orders")).isEqualTo("orders");
    assertThat(TableArns.tableOf("orders")).isEqualTo("orders");
    assertThat(TableArns.tableOf(null)).isNull();
    assertThat(TableArns.rename(arn + "orders/index/by_kind", DEV))
        .isEqualTo(arn + "dev_orders/index/by_kind");
  }

  @Test
  void anythingUnrecognisedWritesAndNamesNoTable() {
    assertThat(PartiqlTables.writes("")).isTrue();
    assertThat(PartiqlTables.writes(null)).isTrue();
    assertThat(PartiqlTables.writes("DROP TABLE x")).isTrue();
    assertThat(PartiqlTables.of("")).isEmpty();
    assertThat(PartiqlTables.of(null)).isEmpty();
  }

  @Test
  void renamesTheTableOfEachKindOfStatement() {
    assertThat(rename("SELECT * FROM \"orders\" WHERE id = ?"))
        .isEqualTo("SELECT * FROM \"dev_orders\" WHERE id = ?");
    assertThat(rename("select id from orders where id = 'a'"))
        .isEqualTo("select id from \"dev_orders\" where id = 'a'");
    assertThat(rename("SELECT * FROM \"orders\".\"by_kind\" WHERE kind = ?"))
        .isEqualTo("SELECT * FROM \"dev_orders\".\"by_kind\" WHERE kind = ?");
    assertThat(rename("INSERT INTO \"orders\" VALUE {'id': ?}"))
        .isEqualTo("INSERT INTO \"dev_orders\" VALUE {'id': ?}");
    assertThat(rename("UPDATE orders SET n = n + 1 WHERE id = ?"))
        .isEqualTo("UPDATE \"dev_orders\" SET n = n + 1 WHERE id = ?");
    assertThat(rename("DELETE FROM\n\t\"my-orders.v2\" WHERE id = ?"))
        .isEqualTo("DELETE FROM\n\t\"dev_my-orders.v2\" WHERE id = ?");
    assertThat(rename("EXISTS(SELECT * FROM \"orders\" WHERE id = ?)"))
        .isEqualTo("EXISTS(SELECT * FROM \"dev_orders\" WHERE id = ?)");
  }

  @Test
  void literalsAttributePathsAndIndexesAreNotTables() {
    String literal = "SELECT * FROM \"t\" WHERE note = 'copied FROM \"orders\" it''s done'";
    assertThat(PartiqlTables.of(literal)).containsExactly("t");
    assertThat(rename(literal))
        .isEqualTo("SELECT * FROM \"dev_t\" WHERE note = 'copied FROM \"orders\" it''s done'");
    assertThat(PartiqlTables.of("SELECT a.from, \"into\" FROM t")).containsExactly("t");
    assertThat(rename("SELECT a.from, \"into\" FROM t"))
        .isEqualTo("SELECT a.from, \"into\" FROM \"dev_t\"");
    // UPDATE names a table only as the statement's first word
    assertThat(PartiqlTables.of("SELECT * FROM t WHERE update IN [1]")).containsExactly("t");
    // a bare table.index is the table and its index, as with quoted names
    assertThat(PartiqlTables.of("SELECT * FROM my.by_kind")).containsExactly("my");
    String none = "SELECT 1";
    assertThat(rename(none)).isSameAs(none);
    assertThat(rename("SELECT * FROM 'unterminated")).isEqualTo("SELECT * FROM 'unterminated");
  }

  @Test
  void quotedNamesMayHoldDoubledQuotesAndDots() {
    assertThat(PartiqlTables.of("SELECT * FROM \"we\"\"ird.name\""))
        .containsExactly("we\"ird.name");
    assertThat(rename("SELECT * FROM \"we\"\"ird\"")).isEqualTo("SELECT * FROM \"dev_we\"\"ird\"");
  }

  /**
   * The policy reads the tables of the statement the prefix wrote: they must be the renamed ones.
   */
  @Property(tries = 300)
  void theTablesOfARenamedStatementAreTheRenamedTables(
      @ForAll("statements") String statement, @ForAll("prefixes") String prefix) {
    UnaryOperator<String> renaming = name -> prefix + name;
    List<String> expected =
        PartiqlTables.of(statement).stream().map(renaming).collect(Collectors.toList());

    String renamed = PartiqlTables.rename(statement, renaming);

    assertThat(PartiqlTables.of(renamed)).isEqualTo(expected);
    assertThat(PartiqlTables.writes(renamed)).isEqualTo(PartiqlTables.writes(statement));
    assertThat(PartiqlTables.rename(renamed, UnaryOperator.identity())).isEqualTo(renamed);
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.of("", "dev_", "a\"b_", "x.y-");
  }

  @Provide
  Arbitrary<String> statements() {
    Arbitrary<String> table =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars("abcXYZ_09-")
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(s -> Character.isLetter(s.charAt(0))),
            Arbitraries.strings()
                .withChars("ab.\"'-_ ")
                .ofMinLength(1)
                .ofMaxLength(8)
                .map(s -> '"' + s.replace("\"", "\"\"") + '"'));
    Arbitrary<String> literal =
        Arbitraries.strings()
            .withChars("ab FROM\"'")
            .ofMaxLength(10)
            .map(s -> "'" + s.replace("'", "''") + "'");
    return Arbitraries.oneOf(
            Arbitraries.of(
                "SELECT * FROM %s WHERE id = %s",
                "select a.from FROM %s.\"idx\" where b = %s",
                "INSERT INTO %s VALUE {'k': %s}",
                "UPDATE %s SET n = %s",
                "DELETE FROM %s WHERE id = %s",
                "EXISTS(SELECT * FROM %s WHERE id = %s)"))
        .flatMap(
            form ->
                net.jqwik.api.Combinators.combine(table, literal)
                    .as((t, l) -> String.format(form, t, l)));
  }
}
