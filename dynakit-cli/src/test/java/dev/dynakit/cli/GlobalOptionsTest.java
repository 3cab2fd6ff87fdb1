package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalOptionsTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theDefaultTargetIsTheEmbeddedEngineInDotDynakit() {
    GlobalOptions options = new GlobalOptions();
    assertThat(options.target(Map.of())).isEqualTo("embedded:.dynakit");
    assertThat(options.target(Map.of("AWS_ENDPOINT_URL", "http://x:1"))).isEqualTo("http://x:1");
    assertThat(
            options.target(
                Map.of("DYNAKIT_ENDPOINT", "embedded:", "AWS_ENDPOINT_URL", "http://x:1")))
        .isEqualTo("embedded:");
    options.endpoint = "http://y:2";
    assertThat(options.target(Map.of("DYNAKIT_ENDPOINT", "embedded:"))).isEqualTo("http://y:2");
  }

  @Test
  void aRelativeDataDirectoryIsTakenFromTheWorkingDirectory(@TempDir Path directory) {
    CliContext context =
        new CliContext(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            InputStream.nullInputStream(),
            Map.of(),
            directory,
            false,
            Clock.systemUTC(),
            UnaryOperator.identity());
    assertThat(GlobalOptions.resolveDataDirectory("embedded:.dynakit", context))
        .isEqualTo("embedded:" + directory.resolve(".dynakit"));
    assertThat(GlobalOptions.resolveDataDirectory("embedded:data/../db", context))
        .isEqualTo("embedded:" + directory.resolve("db"));
    assertThat(GlobalOptions.resolveDataDirectory("embedded:/srv/db", context))
        .isEqualTo("embedded:/srv/db");
    assertThat(GlobalOptions.resolveDataDirectory("embedded:", context)).isEqualTo("embedded:");
    assertThat(GlobalOptions.resolveDataDirectory("http://h:1", context)).isEqualTo("http://h:1");
  }

  @Test
  void optionsGoBeforeOrAfterTheCommandAndTheSeedsNamesAreAliases() {
    Run before = Run.cli().run("--endpoint", "embedded:", "tables");
    Run after = Run.cli().run("tables", "--dynamodb-url", "embedded:");
    assertThat(before.exitCode).as(before.toString()).isZero();
    assertThat(before.out).isEqualTo("{\"table_names\":[]}\n");
    assertThat(after.out).isEqualTo(before.out);
  }

  @Test
  void theEnvironmentNamesTheEndpointAndThePolicy() {
    Run.Cli cli =
        Run.cli()
            .environment(Map.of("DYNAKIT_ENDPOINT", "embedded:", "DYNAKIT_ALLOW_WRITE", "true"));
    Run created = cli.run("create-table", "Things", "--pk", "id:S");
    assertThat(created.exitCode).as(created.toString()).isZero();
  }

  @Test
  void awsDropsTheEndpointVariables() {
    Run run =
        Run.cli()
            .environment(
                Map.of(
                    "DYNAKIT_ENDPOINT", "ftp://not-a-url",
                    "AWS_ENDPOINT_URL", "ftp://not-a-url"))
            .run("--endpoint", "aws", "--region", "EU WEST", "tables");
    // The endpoint variables would fail the build first; without them the region does.
    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.err).contains("not a region name").doesNotContain("ftp");
    Run plain = Run.cli().run("--endpoint", "aws", "--region", "EU WEST", "tables");
    assertThat(plain.exitCode).isEqualTo(3);
    assertThat(plain.err).contains("not a region name");
  }

  @Test
  void allowTableRestrictsTheTablesTouched() {
    Run.Cli cli = Run.cli().on(engine);
    cli.run("create-table", "Orders", "--pk", "id:S", "--allow-write");
    cli.run("create-table", "Secrets", "--pk", "id:S", "--allow-write");
    Run refused =
        cli.run("get", "Secrets", "id=1", "--allow-table", "Orders", "--allow-table", "x_*");
    assertThat(refused.exitCode).isEqualTo(4);
    assertThat(refused.err)
        .contains("the table is not on the allow-list")
        .contains("add --allow-table Secrets");
    assertThat(cli.run("get", "Orders", "id=1", "--allow-table", "Orders").exitCode).isZero();
    Run env =
        Run.cli()
            .on(engine)
            .environment(Map.of("DYNAKIT_ALLOW_TABLES", "Orders"))
            .run("put", "Secrets", "id=1", "--allow-write");
    assertThat(env.exitCode)
        .as("the environment's allow-list stays with --allow-write")
        .isEqualTo(4);
  }

  @Test
  void aSecurityProfileCanForbidTheAdapter() {
    Run run =
        Run.cli()
            .run(
                "--endpoint",
                "embedded:",
                "--security-profile",
                "sandbox_compute_and_store",
                "tables");
    assertThat(run.exitCode).isEqualTo(4);
    assertThat(run.err).contains("sandbox_compute_and_store").contains("--security-profile");
    Run unknown = Run.cli().run("--endpoint", "embedded:", "--security-profile", "open", "tables");
    assertThat(unknown.exitCode).isEqualTo(3);
  }

  @Test
  void badSettingsAreNamed() {
    Run timeout = Run.cli().run("--endpoint", "embedded:", "--timeout-s", "0", "tables");
    assertThat(timeout.exitCode).isEqualTo(2);
    assertThat(timeout.err).contains("--timeout-s: must be a positive number of seconds, not 0");
    Run notNumber = Run.cli().run("--timeout-s", "soon", "tables");
    assertThat(notNumber.exitCode).isEqualTo(2);
    assertThat(notNumber.err).contains("timeout-s'").contains("'soon'");
    Run endpoint = Run.cli().run("--endpoint", "ftp://x", "tables");
    assertThat(endpoint.exitCode).isEqualTo(3);
    assertThat(endpoint.err).contains("endpoint").contains("ftp://x");
    Run output = Run.cli().run("--output", "yaml", "tables");
    assertThat(output.exitCode).isEqualTo(2);
    assertThat(output.err).contains("--output").contains("expected one of [JSON, TABLE]");
  }

  @Test
  void timeoutRegionProfileAndConsistentReadAreAccepted() {
    Run run =
        Run.cli()
            .on(engine)
            .run(
                "tables",
                "--timeout-s",
                "2.5",
                "--region",
                "eu-west-1",
                "--profile",
                "default",
                "--consistent-read");
    assertThat(run.exitCode).as(run.toString()).isZero();
  }
}
