package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dynakit.client.policy.Policy;
import io.modelcontextprotocol.client.McpSyncClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One audit line per tool call: tool, tables, outcome and rule, duration; never a value. */
class AuditTest {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger audit;
  private HttpFixture fixture;
  private McpSyncClient client;
  private Calls calls;

  @BeforeEach
  void start() {
    audit = (Logger) LoggerFactory.getLogger(Audit.LOGGER);
    appender.start();
    audit.addAppender(appender);
    fixture =
        new HttpFixture(
            Policy.builder().allowTables("orders", "events").build(),
            McpOptions.builder().clock(new StepClock(7)));
    client = fixture.client(HttpFixture.TOKEN);
    calls = fixture.calls(client);
  }

  @AfterEach
  void stop() {
    audit.detachAppender(appender);
    client.closeGracefully();
    fixture.close();
  }

  private List<String> lines() {
    return appender.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .collect(Collectors.toList());
  }

  @Test
  void everyCallWritesOneLineWithItsOutcome() {
    calls.ok("get", "{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}}");
    calls.error("put", "{\"table\": \"orders\", \"item\": {\"id\": \"o-9\", \"pin\": \"4711\"}}");
    calls.error(
        "transact_get",
        "{\"items\": [{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}}, {\"table\":"
            + " \"secrets\", \"key\": {\"id\": \"s-1\"}}]}");
    calls.error("get", "{\"table\": \"events\", \"key\": {\"id\": \"value-77\"}}");
    calls.error("scan", "{\"table\": \"orders\", \"cursor\": \"bm9wZQ\"}");
    calls.error("get", "{\"table\": \"bad name!\", \"key\": {\"id\": 1}}");
    assertThat(lines())
        .containsExactly(
            "tool=get tables=orders outcome=allowed duration_ms=7",
            "tool=put tables=orders outcome=refused rule=WRITE_NOT_ALLOWED duration_ms=7",
            "tool=transact_get tables=orders,secrets outcome=refused rule=TABLE_NOT_ALLOWED"
                + " duration_ms=7",
            "tool=get tables=events outcome=failed error=INVALID_KEY duration_ms=7",
            "tool=scan tables=orders outcome=failed error=INVALID_ARGUMENT duration_ms=7",
            "tool=get tables=? outcome=refused rule=TABLE_NOT_ALLOWED duration_ms=7");
    assertThat(String.join("\n", lines()))
        .doesNotContain("4711")
        .doesNotContain("value-77")
        .doesNotContain(HttpFixture.TOKEN);
  }

  @Test
  void tablesAreReadFromEveryShapeOfArguments() {
    assertThat(Audit.tables(Map.of())).containsExactly("-");
    assertThat(Audit.tables(null)).containsExactly("-");
    assertThat(
            Audit.tables(
                Map.of(
                    "requests",
                    Map.of("a", List.of()),
                    "items",
                    List.of(
                        Map.of("condition_check", Map.of("table", "b")),
                        Map.of("table", 5),
                        "not an item"))))
        .containsExactly("a", "b", "?");
  }
}
