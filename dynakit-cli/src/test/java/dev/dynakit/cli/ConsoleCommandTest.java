package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynakit console} and {@code dynakit serve --console}: the console is served and its
 * address printed, and the {@code dynakit} command the console shows for a query, run as it is
 * shown, answers the same items.
 */
class ConsoleCommandTest {
  private static final Pattern CONSOLE = Pattern.compile("console at (http://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path directory;

  @AfterEach
  void stop() {
    ServeCommand.stopAll();
  }

  private RunningCommand run(String... args) {
    return new RunningCommand(directory, args);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode call(URI console, String operation, String request) throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(console.resolve("api/call"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operation\":\"" + operation + "\",\"request\":" + request + "}"))
                .build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(answer.body());
    assertThat(result.path("status").asInt()).as(answer.body()).isEqualTo(200);
    return result;
  }

  /** The words of a POSIX shell command line made of plain words and single-quoted strings. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    boolean escaped = false;
    for (char c : line.toCharArray()) {
      if (escaped) {
        word.append(c);
        escaped = false;
      } else if (quoted) {
        if (c == '\'') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '\'') {
        quoted = true;
        any = true;
      } else if (c == '\\') {
        escaped = true;
        any = true;
      } else if (c == ' ') {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }

  @Test
  void theCommandTheConsoleShowsForAQueryRunsAndAnswersTheSameItems() throws Exception {
    RunningCommand console = run("console", "--port", "0", "--in-memory");
    URI url = console.address(CONSOLE);
    assertThat(url.getPath()).isEqualTo("/console/");
    assertThat(console.out.toString()).startsWith("listening on http://127.0.0.1:");
    assertThat(send(HttpRequest.newBuilder(url).build()).body())
        .contains("<title>dynakit console</title>");

    call(
        url,
        "CreateTable",
        "{\"TableName\":\"Music\",\"BillingMode\":\"PAY_PER_REQUEST\","
            + "\"AttributeDefinitions\":[{\"AttributeName\":\"Artist\",\"AttributeType\":\"S\"},"
            + "{\"AttributeName\":\"Year\",\"AttributeType\":\"N\"}],"
            + "\"KeySchema\":[{\"AttributeName\":\"Artist\",\"KeyType\":\"HASH\"},"
            + "{\"AttributeName\":\"Year\",\"KeyType\":\"RANGE\"}]}");
    for (int year = 2000; year < 2010; year++) {
      call(
          url,
          "PutItem",
          "{\"TableName\":\"Music\",\"Item\":{\"Artist\":{\"S\":\"Don't Stop\"},\"Year\":{\"N\":\""
              + year
              + "\"},\"Tags\":{\"SS\":[\"a\",\"b\"]},\"Plays\":{\"N\":\""
              + year % 7
              + ".5\"}}}");
    }
    JsonNode query =
        call(
            url,
            "Query",
            "{\"TableName\":\"Music\",\"KeyConditionExpression\":\"#pk = :pk AND #sk BETWEEN :sk"
                + " AND :sk2\",\"FilterExpression\":\"Plays > :p\","
                + "\"ExpressionAttributeNames\":{\"#pk\":\"Artist\",\"#sk\":\"Year\"},"
                + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"Don't Stop\"},"
                + "\":sk\":{\"N\":\"2001\"},\":sk2\":{\"N\":\"2008\"},\":p\":{\"N\":\"2\"}},"
                + "\"ScanIndexForward\":false,\"ConsistentRead\":true,\"Limit\":6}");
    JsonNode items = query.path("response").path("Items");
    assertThat(items).hasSizeBetween(1, 5);

    List<String> words = words(query.path("cli").asText());
    assertThat(words.subList(0, 3)).containsExactly("dynakit", "query", "--endpoint");
    Run run =
        Run.cli()
            .environment(Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s"))
            .directory(directory)
            .run(words.subList(1, words.size()).toArray(String[]::new));
    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode printed = JSON.readTree(run.out);
    assertThat(printed.path("items")).isEqualTo(items);
    assertThat(printed.path("last_evaluated_key"))
        .isEqualTo(query.path("response").path("LastEvaluatedKey"));

    JsonNode scan = call(url, "Scan", "{\"TableName\":\"Music\",\"Limit\":3}");
    List<String> scanWords = words(scan.path("cli").asText());
    Run scanned =
        Run.cli()
            .environment(Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s"))
            .directory(directory)
            .run(scanWords.subList(1, scanWords.size()).toArray(String[]::new));
    assertThat(scanned.exitCode).as(scanned.toString()).isZero();
    assertThat(JSON.readTree(scanned.out).path("items"))
        .isEqualTo(scan.path("response").path("Items"));

    ServeCommand.stopAll();
    assertThat(console.exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void withSignaturesCheckedTheConsoleAddressCarriesItsToken() throws Exception {
    Files.writeString(directory.resolve("keys"), "# keys\nAKIDEXAMPLE s3cr3t\n");
    RunningCommand serving =
        run("serve", "--port", "0", "--in-memory", "--console", "--auth", "keys");
    URI url = serving.address(CONSOLE);
    assertThat(url.getQuery()).matches("token=[0-9a-f]{32}");
    URI info = url.resolve("api/info");
    assertThat(send(HttpRequest.newBuilder(info).build()).statusCode()).isEqualTo(403);
    HttpResponse<String> allowed =
        send(HttpRequest.newBuilder(URI.create(info + "?" + url.getQuery())).build());
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(allowed.body()).path("auth").asBoolean()).isTrue();
    assertThat(serving.err.toString()).doesNotContain("s3cr3t");

    RunningCommand bad = run("serve", "--port", "0", "--in-memory", "--auth", "missing");
    assertThat(bad.exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE.code());
    assertThat(bad.err.toString()).contains("--auth: cannot read the auth file");
  }
}
