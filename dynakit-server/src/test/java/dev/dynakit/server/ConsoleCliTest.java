package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The dynakit command line the console shows for a DynamoDB Query or Scan. */
class ConsoleCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI ENDPOINT = URI.create("http://127.0.0.1:8000");

  @Test
  void everyFieldBecomesItsVerbArgumentAndQuotesSurviveTheShell() throws Exception {
    String line =
        ConsoleCli.line(
            JSON,
            "Scan",
            JSON.readTree(
                "{\"TableName\":\"t\",\"IndexName\":\"i\",\"ProjectionExpression\":\"a\","
                    + "\"Select\":\"SPECIFIC_ATTRIBUTES\",\"Segment\":0,\"TotalSegments\":2,"
                    + "\"FilterExpression\":\"b = :b\",\"ExpressionAttributeValues\":"
                    + "{\":b\":{\"S\":\"it's\"}},\"ConsistentRead\":false}"),
            ENDPOINT);
    assertThat(line)
        .isEqualTo(
            "dynakit scan --endpoint http://127.0.0.1:8000 --args '{\"table\":\"t\",\"index\":\"i\","
                + "\"filter\":\"b = :b\",\"projection\":\"a\",\"values\":{\":b\":{\"S\":\"it'\\''s\"}},"
                + "\"consistent_read\":false,\"select\":\"SPECIFIC_ATTRIBUTES\",\"segment\":0,"
                + "\"total_segments\":2,\"typed\":true}'");
    assertThat(ConsoleCli.shellQuote("a'b")).isEqualTo("'a'\\''b'");
  }

  @Test
  void whatTheVerbsCannotSayIsRefusedNamingIt() throws Exception {
    assertThatThrownBy(
            () ->
                ConsoleCli.line(
                    JSON,
                    "Query",
                    JSON.readTree("{\"TableName\":\"t\",\"ReturnConsumedCapacity\":\"TOTAL\"}"),
                    ENDPOINT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the dynakit command has no argument for the request field ReturnConsumedCapacity");
    assertThatThrownBy(() -> ConsoleCli.line(JSON, "GetItem", JSON.readTree("{}"), ENDPOINT))
        .hasMessage("no dynakit command is shown for GetItem");
  }
}
