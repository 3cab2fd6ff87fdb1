package dev.dynakit.client.partiql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.partiql.PartiqlParser;
import dev.dynakit.expression.partiql.Statement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The policy gate's quick reading of a statement (its table, whether it writes) agrees with the
 * PartiQL parser on random well-formed statements whose values and attribute names try to look like
 * table names and keywords.
 */
class PartiqlTablesAgainstParserTest {
  @Property(tries = 300)
  void theGateReadsTheTableAndKindTheParserReads(@ForAll("statements") String statement) {
    Statement parsed = PartiqlParser.parse(statement);

    assertThat(PartiqlTables.of(statement)).containsExactly(parsed.table());
    assertThat(PartiqlTables.writes(statement)).isEqualTo(parsed.writes());
  }

  @Provide
  Arbitrary<String> statements() {
    Arbitrary<String> table =
        Arbitraries.of("orders", "app_users", "from", "into", "Sel_ect", "t.x", "a\"b", "update")
            .map(t -> "\"" + t.replace("\"", "\"\"") + "\"");
    Arbitrary<String> attribute =
        Arbitraries.of("pk", "\"from\"", "\"into\"", "a.b", "c[0]", "\"update\".x", "n");
    Arbitrary<String> value =
        Arbitraries.of("'FROM x'", "'INTO y'", "?", "1", "-2.5", "'it''s'", "[1, 'a']", "<<'s'>>");
    Arbitrary<String> condition =
        Combinators.combine(attribute, value, Arbitraries.of("=", "<>", "<", ">="))
            .as((a, v, op) -> a + " " + op + " " + v);
    return Combinators.combine(
            table, attribute, value, condition, Arbitraries.integers().between(0, 4))
        .as(
            (t, a, v, c, kind) -> {
              switch (kind) {
                case 0:
                  return "SELECT " + a + " FROM " + t + " WHERE " + c;
                case 1:
                  return "INSERT INTO " + t + " VALUE {'pk': " + v + "}";
                case 2:
                  return "UPDATE " + t + " SET " + a + " = " + v + " WHERE " + c;
                case 3:
                  return "DELETE FROM " + t + " WHERE " + c + " RETURNING ALL OLD *";
                default:
                  return "EXISTS(SELECT * FROM " + t + " WHERE " + c + ")";
              }
            });
  }
}
