package dev.dynakit.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PartiqlTablesTest {
  private static final UnaryOperator<String> DEV = name -> "dev_" + name;

  private static String rewrite(String statement) {
    return PartiqlTables.rewrite(statement, DEV);
  }

  @Test
  void rewritesTheTableOfEachKindOfStatement() {
    assertThat(rewrite("SELECT * FROM \"orders\" WHERE id = ?"))
        .isEqualTo("SELECT * FROM \"dev_orders\" WHERE id = ?");
    assertThat(rewrite("select id from orders where id = 'a'"))
        .isEqualTo("select id from \"dev_orders\" where id = 'a'");
    assertThat(rewrite("SELECT * FROM \"orders\".\"by_kind\" WHERE kind = ?"))
        .isEqualTo("SELECT * FROM \"dev_orders\".\"by_kind\" WHERE kind = ?");
    assertThat(rewrite("INSERT INTO \"orders\" VALUE {'id': ?}"))
        .isEqualTo("INSERT INTO \"dev_orders\" VALUE {'id': ?}");
    assertThat(rewrite("UPDATE orders SET n = n + 1 WHERE id = ?"))
        .isEqualTo("UPDATE \"dev_orders\" SET n = n + 1 WHERE id = ?");
    assertThat(rewrite("DELETE FROM\n\t\"my-orders.v2\" WHERE id = ?"))
        .isEqualTo("DELETE FROM\n\t\"dev_my-orders.v2\" WHERE id = ?");
    assertThat(rewrite("EXISTS(SELECT * FROM \"orders\" WHERE id = ?)"))
        .isEqualTo("EXISTS(SELECT * FROM \"dev_orders\" WHERE id = ?)");
  }

  @Test
  void leavesLiteralsAttributesAndPathsAlone() {
    String literal = "SELECT * FROM \"t\" WHERE note = 'copied FROM \"orders\" it''s done'";
    assertThat(rewrite(literal))
        .isEqualTo("SELECT * FROM \"dev_t\" WHERE note = 'copied FROM \"orders\" it''s done'");
    assertThat(rewrite("SELECT a.from, \"into\" FROM t"))
        .isEqualTo("SELECT a.from, \"into\" FROM \"dev_t\"");
    assertThat(rewrite("SELECT * FROM \"we\"\"ird\"")).isEqualTo("SELECT * FROM \"dev_we\"\"ird\"");
    String none = "SELECT 1";
    assertThat(rewrite(none)).isSameAs(none);
    assertThat(rewrite("SELECT * FROM 'unterminated")).isEqualTo("SELECT * FROM 'unterminated");
  }
}
