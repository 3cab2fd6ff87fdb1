package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line: its options, its mistakes, and what it prints once listening. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theOptionsAreParsedWithTheirDefaults() {
    assertThat(Main.parse())
        .isEqualTo(new Main.Options(8000, "127.0.0.1", null, null, null, null, false));
    assertThat(Main.parse("--port", "0", "--host", "0.0.0.0", "--in-memory"))
        .isEqualTo(new Main.Options(0, "0.0.0.0", null, null, null, null, false));
    assertThat(Main.parse("--data-dir", "d", "--tls-cert", "c.pem", "--tls-key", "k.pem"))
        .isEqualTo(
            new Main.Options(
                8000, "127.0.0.1", Path.of("d"), Path.of("c.pem"), Path.of("k.pem"), null, false));
    assertThat(Main.parse("--console").console()).isTrue();
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> Main.parse("--port", "x"))
        .hasMessage("--port must be a number, not 'x'");
    assertThatThrownBy(() -> Main.parse("--port", "70000"))
        .hasMessage("--port must be 0 to 65535, not 70000");
    assertThatThrownBy(() -> Main.parse("--port")).hasMessage("--port needs a value");
    assertThatThrownBy(() -> Main.parse("--host", "--in-memory"))
        .hasMessage("--host needs a value");
    assertThatThrownBy(() -> Main.parse("--verbose")).hasMessage("unknown option '--verbose'");
    assertThatThrownBy(() -> Main.parse("--in-memory", "--data-dir", "d"))
        .hasMessage("--in-memory and --data-dir cannot be given together");
    assertThatThrownBy(() -> Main.parse("--tls-cert", "c.pem"))
        .hasMessage("--tls-cert and --tls-key must be given together");
  }

  @Test
  void aBadCommandLineExitsWith2AndPrintsTheUsage() {
    assertThat(run("--port", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("dynakit-server: --port must be a number, not 'x'", Main.USAGE);
    assertThat(out.size()).isZero();
  }

  @Test
  void startsAndPrintsWhereItListens() throws IOException {
    assertThat(run("--port", "0", "--in-memory")).isEqualTo(0);
    String printed = out.toString(StandardCharsets.UTF_8).trim();
    assertThat(printed).matches("listening on http://127\\.0\\.0\\.1:\\d+");
    int port = Integer.parseInt(printed.substring(printed.lastIndexOf(':') + 1));
    try (RawHttp http = new RawHttp(port)) {
      assertThat(http.send(RawHttp.post("DynamoDB_20120810.ListTables", "{}")).read().status())
          .isEqualTo(200);
    }
    // The shutdown hook registered by run() closes this server when the test JVM exits.
  }

  @Test
  void withTheConsolePrintsItsAddress() throws IOException {
    assertThat(run("--port", "0", "--in-memory", "--console")).isEqualTo(0);
    String[] printed = out.toString(StandardCharsets.UTF_8).trim().split("\n");
    assertThat(printed).hasSize(2);
    assertThat(printed[1]).matches("console at http://127\\.0\\.0\\.1:\\d+/console/");
    int port = Integer.parseInt(printed[0].substring(printed[0].lastIndexOf(':') + 1));
    try (RawHttp http = new RawHttp(port)) {
      RawHttp.Response page = http.send("GET /console/ HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text()).contains("<title>dynakit console</title>");
    }
  }

  @Test
  void aPortInUseExitsWith1NamingIt() {
    try (DynakitServer holder = DynakitServer.builder().port(0).build().start()) {
      assertThat(run("--port", Integer.toString(holder.port()))).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("cannot listen on 127.0.0.1:" + holder.port());
    }
  }

  @Test
  void aDataDirectoryKeepsTablesAndItemsAcrossRestartsAndIsOwnedByOneServer(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Main.Options options = Main.parse("--port", "0", "--data-dir", dir.toString());
    try (DynakitServer first = Main.start(options);
        RawHttp http = new RawHttp(first.port())) {
      assertThat(
              http.send(
                      RawHttp.post(
                          "DynamoDB_20120810.CreateTable",
                          "{\"TableName\":\"kept\",\"BillingMode\":\"PAY_PER_REQUEST\","
                              + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\","
                              + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":"
                              + "\"id\",\"KeyType\":\"HASH\"}]}"))
                  .read()
                  .status())
          .isEqualTo(200);
      assertThat(
              http.send(
                      RawHttp.post(
                          "DynamoDB_20120810.PutItem",
                          "{\"TableName\":\"kept\",\"Item\":{\"id\":{\"S\":\"a\"}}}"))
                  .read()
                  .status())
          .isEqualTo(200);
      assertThatThrownBy(() -> Main.start(options))
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("pid");
    }
    try (DynakitServer again = Main.start(options);
        RawHttp http = new RawHttp(again.port())) {
      String got =
          http.send(
                  RawHttp.post(
                      "DynamoDB_20120810.GetItem",
                      "{\"TableName\":\"kept\",\"Key\":{\"id\":{\"S\":\"a\"}}}"))
              .read()
              .text();
      assertThat(got).isEqualTo("{\"Item\":{\"id\":{\"S\":\"a\"}}}");
    }
  }

  @Test
  void aStopSignalClosesTheServerThroughItsShutdownHook() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                javaBin,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--port",
                "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String first = lines.readLine();
      assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
      try (RawHttp http = new RawHttp(port)) {
        assertThat(http.send(RawHttp.post("DynamoDB_20120810.ListTables", "{}")).read().status())
            .isEqualTo(200);
        // SIGTERM by kill(1): Process.destroy() would also close the streams read here.
        assertThat(
                new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor())
            .isZero();
        assertThat(lines.readLine()).isEqualTo("stopped");
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(http.closedByServer()).isTrue();
      }
      assertThat(process.exitValue()).isEqualTo(143);
    } finally {
      process.destroyForcibly();
    }
  }
}
