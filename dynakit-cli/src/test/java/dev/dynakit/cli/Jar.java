package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar ({@code target/dynakit.jar}) as a separate process. */
final class Jar {
  final int exitCode;
  final String out;
  final String err;

  private Jar(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static Path path() {
    String jar = System.getProperty("dynakit.jar");
    assertThat(jar).as("system property dynakit.jar (set by the failsafe plugin)").isNotNull();
    Path path = Path.of(jar);
    assertThat(path).exists();
    return path;
  }

  static Jar run(Path directory, String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(path().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("dynakit-out", ".txt");
    Path err = Files.createTempFile("dynakit-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DYNAKIT_"));
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command may not read its input at all.
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
    Jar result =
        new Jar(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
  }
}
