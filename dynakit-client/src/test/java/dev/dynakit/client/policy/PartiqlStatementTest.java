package dev.dynakit.client.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartiqlStatementTest {
  @Test
  void selectNamesItsTableAndReadsOnly() {
    PartiqlStatement statement =
        PartiqlStatement.parse("SELECT * FROM \"orders\" WHERE id = 'x' AND n > 3");
    assertThat(statement.tables()).containsExactly("orders");
    assertThat(statement.mutation()).isFalse();
  }

  @Test
  void bareNamesLowerCaseKeywordsAndIndexesAreUnderstood() {
    assertThat(PartiqlStatement.parse("select id from orders where id = ?").tables())
        .containsExactly("orders");
    assertThat(PartiqlStatement.parse("SELECT * FROM \"orders\".\"by_status\"").tables())
        .containsExactly("orders");
  }

  @Test
  void insertUpdateAndDeleteAreMutationsOnTheirTable() {
    PartiqlStatement insert =
        PartiqlStatement.parse("INSERT INTO \"app_users\" VALUE {'id': 'u1', 'n': 1}");
    assertThat(insert.tables()).containsExactly("app_users");
    assertThat(insert.mutation()).isTrue();
    PartiqlStatement update =
        PartiqlStatement.parse("  UPDATE app_users SET n = 2 WHERE id = 'u1' RETURNING ALL NEW *");
    assertThat(update.tables()).containsExactly("app_users");
    assertThat(update.mutation()).isTrue();
    PartiqlStatement delete = PartiqlStatement.parse("DELETE FROM \"app_users\" WHERE id = 'u1'");
    assertThat(delete.tables()).containsExactly("app_users");
    assertThat(delete.mutation()).isTrue();
  }

  @Test
  void tableNamesInsideLiteralsDoNotCount() {
    PartiqlStatement statement =
        PartiqlStatement.parse("SELECT * FROM \"orders\" WHERE note = 'copied FROM secrets'");
    assertThat(statement.tables()).containsExactly("orders");
  }

  @Test
  void quotedNamesMayHoldDoubledQuotesAndDots() {
    assertThat(PartiqlStatement.parse("SELECT * FROM \"we\"\"ird.name\"").tables())
        .containsExactly("we\"ird.name");
    assertThat(PartiqlStatement.parse("SELECT * FROM my.table").tables())
        .containsExactly("my.table");
  }

  @Test
  void existsIsARead() {
    PartiqlStatement exists =
        PartiqlStatement.parse("EXISTS(SELECT * FROM \"orders\" WHERE id = 'o1')");
    assertThat(exists.tables()).containsExactly("orders");
    assertThat(exists.mutation()).isFalse();
  }

  @Test
  void anythingUnrecognisedIsAMutationWithNoTable() {
    assertThat(PartiqlStatement.parse("").mutation()).isTrue();
    assertThat(PartiqlStatement.parse("").tables()).isEmpty();
    assertThat(PartiqlStatement.parse("DROP TABLE x").mutation()).isTrue();
    assertThat(PartiqlStatement.parse(null).tables()).isEmpty();
  }
}
