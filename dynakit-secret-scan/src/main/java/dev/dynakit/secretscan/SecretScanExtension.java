package dev.dynakit.secretscan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The extension behind {@link ScanForSecrets}: from before the class's first test to after its
 * last, it captures log events and standard output and error, scans the exceptions tests throw,
 * hands each test the class's {@link SecretScan}, and at the end fails the class if anything held a
 * secret, after writing what it scanned to {@code target/secret-scan/<class>.txt}.
 */
public final class SecretScanExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        TestExecutionExceptionHandler,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SecretScanExtension.class);

  /** Where the counts go, relative to the module a test runs in. */
  static final Path REPORTS = Path.of("target", "secret-scan");

  @Override
  public void beforeAll(ExtensionContext context) {
    List<String> secrets = new ArrayList<>();
    context
        .getTestClass()
        .map(type -> type.getAnnotation(ScanForSecrets.class))
        .ifPresent(annotation -> secrets.addAll(Arrays.asList(annotation.value())));
    SecretScan scan = new SecretScan(secrets);
    context.getStore(NAMESPACE).put(Capture.class, new Capture(scan));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    Capture capture = context.getStore(NAMESPACE).remove(Capture.class, Capture.class);
    if (capture == null) {
      return;
    }
    capture.stop();
    SecretScan scan = capture.scan;
    String name = context.getRequiredTestClass().getName();
    Files.createDirectories(REPORTS);
    StringBuilder report = new StringBuilder();
    for (Map.Entry<String, Long> kind : scan.scanned().entrySet()) {
      report.append(kind.getKey()).append('=').append(kind.getValue()).append('\n');
    }
    report.append("findings=").append(scan.findings().size()).append('\n');
    Files.writeString(REPORTS.resolve(name + ".txt"), report.toString());
    if (!scan.findings().isEmpty()) {
      throw new AssertionError(
          "a secret appeared in what " + name + " emitted:\n" + String.join("\n", scan.findings()));
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    SecretScan scan = scan(context);
    if (scan != null) {
      scan.throwable(thrown);
    }
    throw thrown;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SecretScan.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SecretScan scan = scan(context);
    if (scan == null) {
      throw new IllegalStateException(
          "a SecretScan is given to tests of a class annotated @ScanForSecrets only");
    }
    return scan;
  }

  private static SecretScan scan(ExtensionContext context) {
    Capture capture = context.getStore(NAMESPACE).get(Capture.class, Capture.class);
    return capture == null ? null : capture.scan;
  }

  /** What is attached while a class runs: log appenders and the copies of stdout and stderr. */
  static final class Capture {
    final SecretScan scan;
    private final Handler julHandler;
    private final Runnable detachLogback;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    Capture(SecretScan scan) {
      this.scan = scan;
      julHandler = new JulHandler(scan);
      Logger.getLogger("").addHandler(julHandler);
      detachLogback = logback(scan);
      System.setOut(new PrintStream(new Tee(out, output), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Tee(err, output), true, StandardCharsets.UTF_8));
    }

    void stop() {
      System.out.flush();
      System.err.flush();
      System.setOut(out);
      System.setErr(err);
      Logger.getLogger("").removeHandler(julHandler);
      detachLogback.run();
      String printed;
      synchronized (output) {
        printed = output.toString(StandardCharsets.UTF_8);
      }
      printed.lines().forEach(line -> scan.text("output line", line));
    }

    /** Attaches to logback's root logger if logback is the SLF4J binding here. */
    private static Runnable logback(SecretScan scan) {
      try {
        Class.forName("ch.qos.logback.classic.LoggerContext");
        Class.forName("org.slf4j.LoggerFactory");
      } catch (ClassNotFoundException e) {
        return () -> {};
      }
      return LogbackCapture.attach(scan);
    }
  }

  /** Writes to the original stream and keeps a copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream original;
    private final ByteArrayOutputStream copy;

    Tee(OutputStream original, ByteArrayOutputStream copy) {
      this.original = original;
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      synchronized (copy) {
        copy.write(bytes, offset, length);
      }
      try {
        original.write(bytes, offset, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void flush() throws IOException {
      original.flush();
    }
  }

  /** Scans each {@code java.util.logging} record as it is published. */
  private static final class JulHandler extends Handler {
    private final SecretScan scan;
    private final SimpleFormatter formatter = new SimpleFormatter();

    JulHandler(SecretScan scan) {
      this.scan = scan;
    }

    @Override
    public void publish(LogRecord record) {
      scan.text("log line", formatter.format(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
