package dev.dynakit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurements that need a JVM of their own (start-up, memory, a client whose JIT profile no other
 * client may share): a bench class's {@code main} run in a fresh JVM on this JVM's class path,
 * answering one result line.
 */
final class Forks {
  /** The prefix of the line a child JVM answers with. */
  static final String RESULT = "dynakit-bench-result";

  private Forks() {}

  /** The line a child prints: the prefix, then its fields separated by spaces. */
  static String line(Object... fields) {
    StringBuilder out = new StringBuilder(RESULT);
    for (Object field : fields) {
      out.append(' ').append(field);
    }
    return out.toString();
  }

  /**
   * Runs {@code main}'s {@code main(args)} in a fresh JVM with {@code jvmOptions}; answers the
   * fields of its result line.
   *
   * @throws IllegalStateException if the child printed no result line (its output is in the
   *     message)
   */
  static String[] result(Class<?> main, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    String sqlite = System.getProperty("sqlite4java.library.path");
    if (sqlite != null) {
      command.add("-Dsqlite4java.library.path=" + sqlite);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      int exit = process.waitFor();
      for (String line : output.split("\\R")) {
        if (line.startsWith(RESULT + " ")) {
          return line.substring(RESULT.length() + 1).trim().split(" ");
        }
      }
      throw new IllegalStateException(
          main.getSimpleName()
              + " "
              + String.join(" ", args)
              + " exited "
              + exit
              + " without a result:\n"
              + output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a JVM for " + main.getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + main.getSimpleName(), e);
    }
  }
}
