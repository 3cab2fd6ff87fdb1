package dev.dynakit.server;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Netty's log for the command-line server: warnings and errors to standard error, nothing else.
 * Netty would otherwise initialise whichever logging library it finds on the class path (Log4j 2,
 * where DynamoDB Local brings it) or {@code java.util.logging}, whose start-up scans every jar on
 * the class path for a logger service: together over half a second of the server's start-up, for
 * the few debug lines Netty writes.
 */
final class QuietNettyLog extends AbstractInternalLogger {
  private static final long serialVersionUID = 1L;

  /** Makes Netty log through this class. */
  static void install() {
    InternalLoggerFactory.setDefaultFactory(
        new InternalLoggerFactory() {
          @Override
          protected InternalLogger newInstance(String name) {
            return logger(name);
          }
        });
  }

  /** The logger of that name. */
  static InternalLogger logger(String name) {
    return new QuietNettyLog(name);
  }

  private QuietNettyLog(String name) {
    super(name);
  }

  private void print(String level, String message, Throwable t) {
    System.err.println(level + " " + name() + ": " + message);
    if (t != null) {
      t.printStackTrace(System.err);
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public void trace(String msg) {
    // Not logged.
  }

  @Override
  public void trace(String format, Object arg) {
    // Not logged.
  }

  @Override
  public void trace(String format, Object argA, Object argB) {
    // Not logged.
  }

  @Override
  public void trace(String format, Object... arguments) {
    // Not logged.
  }

  @Override
  public void trace(String msg, Throwable t) {
    // Not logged.
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public void debug(String msg) {
    // Not logged.
  }

  @Override
  public void debug(String format, Object arg) {
    // Not logged.
  }

  @Override
  public void debug(String format, Object argA, Object argB) {
    // Not logged.
  }

  @Override
  public void debug(String format, Object... arguments) {
    // Not logged.
  }

  @Override
  public void debug(String msg, Throwable t) {
    // Not logged.
  }

  @Override
  public boolean isInfoEnabled() {
    return false;
  }

  @Override
  public void info(String msg) {
    // Not logged.
  }

  @Override
  public void info(String format, Object arg) {
    // Not logged.
  }

  @Override
  public void info(String format, Object argA, Object argB) {
    // Not logged.
  }

  @Override
  public void info(String format, Object... arguments) {
    // Not logged.
  }

  @Override
  public void info(String msg, Throwable t) {
    // Not logged.
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public void warn(String msg) {
    print("WARN", msg, null);
  }

  @Override
  public void warn(String format, Object arg) {
    print("WARN", format + " " + arg, null);
  }

  @Override
  public void warn(String format, Object argA, Object argB) {
    print("WARN", format + " " + argA + " " + argB, null);
  }

  @Override
  public void warn(String format, Object... arguments) {
    print("WARN", format + " " + java.util.Arrays.toString(arguments), null);
  }

  @Override
  public void warn(String msg, Throwable t) {
    print("WARN", msg, t);
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  public void error(String msg) {
    print("ERROR", msg, null);
  }

  @Override
  public void error(String format, Object arg) {
    print("ERROR", format + " " + arg, null);
  }

  @Override
  public void error(String format, Object argA, Object argB) {
    print("ERROR", format + " " + argA + " " + argB, null);
  }

  @Override
  public void error(String format, Object... arguments) {
    print("ERROR", format + " " + java.util.Arrays.toString(arguments), null);
  }

  @Override
  public void error(String msg, Throwable t) {
    print("ERROR", msg, t);
  }
}
