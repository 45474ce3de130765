package io.streamspider.slf4j;

import io.streamspider.runtime.internal.LogSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger whose records become protocol {@code log} messages, written as {@code [logger name]
 * message} (as java.util.logging records are), a throwable's stack trace on the following lines.
 */
final class StreamSpiderLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  StreamSpiderLogger(String name) {
    this.name = name;
  }

  /** Scrapy's level name of an SLF4J level. */
  static String scrapyLevel(Level level) {
    switch (level) {
      case ERROR:
        return "ERROR";
      case WARN:
        return "WARNING";
      case INFO:
        return "INFO";
      default:
        return "DEBUG";
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return LogSink.enabled("DEBUG");
  }

  @Override
  public boolean isDebugEnabled() {
    return LogSink.enabled("DEBUG");
  }

  @Override
  public boolean isInfoEnabled() {
    return LogSink.enabled("INFO");
  }

  @Override
  public boolean isWarnEnabled() {
    return LogSink.enabled("WARNING");
  }

  @Override
  public boolean isErrorEnabled() {
    return LogSink.enabled("ERROR");
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    String text = "[" + name + "] " + MessageFormatter.basicArrayFormat(pattern, arguments);
    if (throwable != null) {
      StringWriter w = new StringWriter();
      throwable.printStackTrace(new PrintWriter(w));
      text += "\n" + w.toString().stripTrailing();
    }
    LogSink.log(scrapyLevel(level), text);
  }
}
