package dev.dynakit.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link ChildEngine} in a JVM of its own, on this JVM's class path, read line by line. */
final class ChildProcess implements java.io.Closeable {
  /** How long a child may take to start or to die: generous, for a shared machine. */
  static final long BOUND_SECONDS = 120;

  private final Process process;
  private final BufferedReader lines;

  private ChildProcess(Process process) {
    this.process = process;
    this.lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code ChildEngine} with these arguments; its errors go to this process's. */
  static ChildProcess start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // The SDK logs through SLF4J, which has no provider here and would say so on every start.
    command.add("-Dslf4j.internal.verbosity=ERROR");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildEngine.class.getName());
    command.addAll(List.of(args));
    try {
      return new ChildProcess(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** The next line the child printed, or null once its output ended. */
  String readLine() {
    try {
      return lines.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads lines until one equals {@code expected}; fails if the output ends first. */
  void await(String expected) {
    String line;
    while ((line = readLine()) != null) {
      if (line.equals(expected)) {
        return;
      }
    }
    throw new AssertionError("the child ended without printing " + expected);
  }

  /** Closes the child's standard input (a holding child then exits). */
  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /**
   * Kills the child at once (SIGKILL on Linux) and waits for it to be gone. Through its process
   * handle, which, unlike {@link Process#destroyForcibly()}, leaves the pipe open: what the child
   * printed before it died can still be read.
   */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    waitFor();
  }

  /** Waits for the child to exit; fails after {@link #BOUND_SECONDS}. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child did not exit within " + BOUND_SECONDS + " s");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.toHandle().destroyForcibly();
      try {
        waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lines.close();
  }
}
