package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Netty's log in the command-line server: warnings and errors on standard error, nothing else. */
class QuietNettyLogTest {
  @Test
  void warningsAndErrorsArePrintedAndNothingElse() {
    InternalLogger log = QuietNettyLog.logger("io.netty.Test");
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      for (InternalLogLevel level : InternalLogLevel.values()) {
        log.log(level, "one");
        log.log(level, "two {}", "a");
        log.log(level, "three {} {}", "a", "b");
        log.log(level, "four {} {} {}", "a", "b", "c");
        log.log(level, "five", new IllegalStateException("boom"));
      }
    } finally {
      System.setErr(original);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(log.isTraceEnabled() || log.isDebugEnabled() || log.isInfoEnabled()).isFalse();
    assertThat(log.isWarnEnabled() && log.isErrorEnabled()).isTrue();
    for (String level : new String[] {"WARN", "ERROR"}) {
      assertThat(printed)
          .contains(
              level + " io.netty.Test: one",
              level + " io.netty.Test: two {} a",
              level + " io.netty.Test: three {} {} a b",
              level + " io.netty.Test: four {} {} {} [a, b, c]",
              level + " io.netty.Test: five");
    }
    assertThat(printed).contains("java.lang.IllegalStateException: boom");
    assertThat(printed).doesNotContain("TRACE", "DEBUG", "INFO");
  }
}
