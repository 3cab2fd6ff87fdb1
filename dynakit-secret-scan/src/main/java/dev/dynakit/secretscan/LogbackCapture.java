package dev.dynakit.secretscan;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** Scans every event that reaches logback's root logger; loaded only where logback is. */
final class LogbackCapture extends AppenderBase<ILoggingEvent> {
  private final SecretScan scan;

  private LogbackCapture(SecretScan scan) {
    this.scan = scan;
  }

  /** Attaches a capture to the root logger; the runnable detaches it. */
  static Runnable attach(SecretScan scan) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
      return () -> {};
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LogbackCapture appender = new LogbackCapture(scan);
    appender.setContext(context);
    appender.setName("secret-scan");
    appender.start();
    root.addAppender(appender);
    return () -> {
      root.detachAppender(appender);
      appender.stop();
    };
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder text = new StringBuilder();
    text.append(event.getLevel())
        .append(' ')
        .append(event.getLoggerName())
        .append(" - ")
        .append(event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      text.append(' ').append(event.getKeyValuePairs());
    }
    if (event.getMDCPropertyMap() != null && !event.getMDCPropertyMap().isEmpty()) {
      text.append(' ').append(event.getMDCPropertyMap());
    }
    for (IThrowableProxy thrown = event.getThrowableProxy();
        thrown != null;
        thrown = thrown.getCause()) {
      text.append("\n").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
    }
    scan.text("log line", text.toString());
  }
}
