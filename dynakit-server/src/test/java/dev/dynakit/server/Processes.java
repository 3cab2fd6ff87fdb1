package dev.dynakit.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real clients installed on this machine (the AWS CLI, python3) as child processes. */
final class Processes {
  /** Bounds one command: generous for a loaded machine; a hang fails the test. */
  static final long TIMEOUT_SECONDS = 120;

  private Processes() {}

  /** What a finished command printed and how it exited. */
  record Result(int exitCode, String out, String err) {}

  /**
   * The environment a client needs for the server: dummy credentials, a region, and no config or
   * credentials file of the machine's, so nothing on it changes the outcome.
   */
  static Map<String, String> clientEnvironment(Path scratch) {
    return Map.of(
        "AWS_ACCESS_KEY_ID", "x",
        "AWS_SECRET_ACCESS_KEY", "x",
        "AWS_DEFAULT_REGION", "us-east-1",
        "AWS_CONFIG_FILE", scratch.resolve("config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("credentials").toString(),
        "AWS_PAGER", "",
        "AWS_EC2_METADATA_DISABLED", "true");
  }

  static Result run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), out.join(), err.join());
  }

  /** Whether {@code command} runs and exits 0 (a tool that is installed and works). */
  static boolean works(List<String> command) {
    try {
      return run(command, Map.of()).exitCode() == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Copies a class-path resource to a file in {@code dir}. */
  static Path resource(String name, Path dir) throws IOException {
    Path file = dir.resolve(Path.of(name).getFileName());
    try (InputStream in = Processes.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name);
      }
      Files.copy(in, file);
    }
    return file;
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
