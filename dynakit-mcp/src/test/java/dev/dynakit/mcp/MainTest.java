package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line: its options, its errors, and a stdio run that ends with its input. */
class MainTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(
        args,
        Map.of(),
        new java.io.ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream(),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badOptionsAreNamedWithTheUsage() throws Exception {
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err()).contains("unknown option '--bogus'").contains("usage: dynakit mcp");
    err.reset();
    assertThat(run("--port", "80")).isEqualTo(2);
    assertThat(err()).contains("need --http");
    err.reset();
    assertThat(run("--http", "--port", "eighty")).isEqualTo(2);
    assertThat(err()).contains("--port needs a whole number, not 'eighty'");
    err.reset();
    assertThat(run("--allow-table")).isEqualTo(2);
    assertThat(err()).contains("--allow-table needs a value");
    err.reset();
    assertThat(run("--max-items", "0")).isEqualTo(2);
    assertThat(err()).contains("max items must be between 1 and 10000");
    err.reset();
    assertThat(run("--endpoint", "ftp://x")).isEqualTo(2);
    assertThat(err()).contains("endpoint");
    err.reset();
    assertThat(run("--allow-table", "bad*name")).isEqualTo(2);
  }

  @Test
  void helpPrintsTheUsage() throws Exception {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(err()).contains("--allow-write").contains("--max-bytes");
  }

  @Test
  @Timeout(90)
  void aStdioRunAnswersOnItsOutputAndEndsWithItsInput() throws Exception {
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    BufferedReader fromServer =
        new BufferedReader(
            new InputStreamReader(
                new PipedInputStream(serverOut, 1 << 16), StandardCharsets.UTF_8));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Main.run(
                    new String[] {"--max-items", "5", "--allow-write"},
                    Map.of(),
                    serverIn,
                    serverOut,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              } finally {
                // Ends the test's reads, should the server stop early.
                try {
                  serverOut.close();
                } catch (java.io.IOException e) {
                  // nothing more to end
                }
              }
            });
    PrintStream requests = new PrintStream(toServer, true, StandardCharsets.UTF_8);
    requests.println(RawHttp.INITIALIZE);
    String first = fromServer.readLine();
    assertThat(first).as("answer to initialize; %s", exit).isNotNull();
    assertThat(first).contains("\"id\":1").contains("\"dynakit\"");
    requests.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    requests.println(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"list_tables\",\"arguments\":{}}}");
    String answer = fromServer.readLine();
    assertThat(answer).contains("\"id\":2").contains("table_names").contains("\"isError\":false");
    requests.println("this is not json");
    requests.println(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"scan\",\"arguments\":{\"table\":\"nope\"}}}");
    assertThat(fromServer.readLine()).contains("\"id\":3").contains("\"isError\":true");
    toServer.close();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(0);
  }

  @Test
  @Timeout(120)
  void requestsReadBeforeTheInputEndsAreAllAnswered() throws Exception {
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
    CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
    ByteArrayOutputStream answers =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            if (toString(StandardCharsets.UTF_8).contains("\n")) {
              firstAnswer.complete(null);
            }
          }

          @Override
          public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }
        };
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Main.run(
                    new String[0],
                    Map.of(),
                    serverIn,
                    answers,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    PrintStream requests = new PrintStream(toServer, true, StandardCharsets.UTF_8);
    requests.println(RawHttp.INITIALIZE);
    firstAnswer.get(60, TimeUnit.SECONDS);
    // The last requests and the end of the input come at once: both are still answered.
    requests.print(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"list_tables\",\"arguments\":{}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}\n");
    requests.close();
    assertThat(exit.get(90, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(answers.toString(StandardCharsets.UTF_8))
        .contains("\"id\":2,\"result\"")
        .contains("table_names")
        .contains("\"id\":3,\"result\"");
  }

  @Test
  void optionsAreCheckedWhenGiven() {
    assertThatThrownBy(() -> McpOptions.builder().maxBytes(10)).hasMessageContaining("max bytes");
    assertThatThrownBy(() -> McpOptions.builder().port(70_000)).hasMessageContaining("port");
    assertThatThrownBy(() -> McpOptions.builder().path("mcp")).hasMessageContaining("path");
    assertThatThrownBy(() -> McpOptions.builder().host(" ")).hasMessageContaining("host");
    McpOptions options =
        McpOptions.builder()
            .token(dev.dynakit.client.credentials.Secret.of("sekrit-0123456789"))
            .environment(Map.of("HOME", "/home/ann"))
            .build();
    assertThat(options.toString()).doesNotContain("sekrit").contains("token=****");
    assertThat(options.tokenFile().toString()).isEqualTo("/home/ann/.config/dynakit/mcp-token");
    assertThat(McpOptions.defaults().maxItems()).isEqualTo(100);
    assertThat(McpOptions.defaults().maxBytes()).isEqualTo(65_536);
  }
}
