package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.secretscan.ScanForSecrets;
import dev.dynakit.secretscan.SecretScan;
import dev.dynakit.server.DynakitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands given credentials (by environment variables or a profile) against a server that verifies
 * signatures, and {@code dynakit serve --auth}, print no secret: not when they work, not when the
 * server refuses them, not when a file or profile is wrong.
 */
@ScanForSecrets({
  CredentialsOutputTest.SECRET,
  CredentialsOutputTest.WRONG_SECRET,
  CredentialsOutputTest.TOKEN
})
class CredentialsOutputTest {
  static final String SECRET = "cli-s3cr3t-access-key-0123456789";
  static final String WRONG_SECRET = "cli-wrong-secret-key-9876543210";
  static final String TOKEN = "cli-session-token-FwoGZXIvYXdzEBYa";
  private static DynakitServer server;
  private static SecretScan scan;

  @TempDir Path home;

  @BeforeAll
  static void start(SecretScan secretScan) {
    scan = secretScan;
    server = DynakitServer.builder().port(0).auth(Map.of("AKIDCLI", SECRET)).build().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void stopServing() {
    ServeCommand.stopAll();
  }

  private Run run(Map<String, String> variables, String... args) {
    Map<String, String> environment = new HashMap<>(variables);
    environment.put("HOME", home.toString());
    environment.put("AWS_REGION", "eu-west-1");
    Run run = Run.cli().environment(environment).directory(home).run(args);
    (run.out + run.err).lines().forEach(line -> scan.text("output line", line));
    return run;
  }

  @Test
  void keysFromTheEnvironmentWorkAndWhenRefusedAreNotPrinted() {
    String endpoint = server.endpoint().toString();
    Map<String, String> keys =
        Map.of("AWS_ACCESS_KEY_ID", "AKIDCLI", "AWS_SECRET_ACCESS_KEY", SECRET);
    Run ok = run(keys, "--endpoint", endpoint, "tables");
    assertThat(ok.exitCode).as(ok.toString()).isZero();

    Map<String, String> withToken = new HashMap<>(keys);
    withToken.put("AWS_SESSION_TOKEN", TOKEN);
    Run token = run(withToken, "--endpoint", endpoint, "tables");
    assertThat(token.exitCode).isNotZero();
    assertThat(token.err).containsIgnoringCase("security token");

    Run wrong =
        run(
            Map.of("AWS_ACCESS_KEY_ID", "AKIDCLI", "AWS_SECRET_ACCESS_KEY", WRONG_SECRET),
            "--endpoint",
            endpoint,
            "tables");
    assertThat(wrong.exitCode).isNotZero();
    assertThat(wrong.err).containsIgnoringCase("signature");
  }

  @Test
  void keysFromAProfileWorkAndWhenRefusedOrMissingAreNotPrinted() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/credentials"),
        "[good]\naws_access_key_id = AKIDCLI\naws_secret_access_key = "
            + SECRET
            + "\n\n[wrong]\naws_access_key_id = AKIDCLI\naws_secret_access_key = "
            + WRONG_SECRET
            + "\naws_session_token = "
            + TOKEN
            + "\n");
    String endpoint = server.endpoint().toString();
    Run good = run(Map.of(), "--endpoint", endpoint, "--profile", "good", "tables");
    assertThat(good.exitCode).as(good.toString()).isZero();
    Run wrong = run(Map.of(), "--endpoint", endpoint, "--profile", "wrong", "tables");
    assertThat(wrong.exitCode).isNotZero();
    Run missing = run(Map.of(), "--endpoint", endpoint, "--profile", "nobody", "tables");
    assertThat(missing.exitCode).isNotZero();
    assertThat(missing.err).contains("nobody");
  }

  @Test
  void serveWithAnAuthFilePrintsWhereItListensAndABadFileNamesTheLineOnly() throws Exception {
    Path keys = Files.writeString(home.resolve("keys"), "AKIDCLI " + SECRET + "\n");
    RunningCommand serving =
        new RunningCommand(home, "serve", "--port", "0", "--in-memory", "--auth", keys.toString());
    serving.address(Pattern.compile("listening on (http://\\S+)"));
    ServeCommand.stopAll();
    assertThat(serving.exit.get(30, TimeUnit.SECONDS)).isZero();
    (serving.out.toString() + serving.err).lines().forEach(line -> scan.text("output line", line));

    Path bad = Files.writeString(home.resolve("bad"), "AKIDCLI " + SECRET + " trailing\n");
    Run refused = run(Map.of(), "serve", "--port", "0", "--in-memory", "--auth", bad.toString());
    assertThat(refused.exitCode).isEqualTo(ExitCode.USAGE.code());
    assertThat(refused.err)
        .contains("--auth: the auth file", "line 1 is not 'ACCESS_KEY_ID SECRET_ACCESS_KEY'");
  }
}
