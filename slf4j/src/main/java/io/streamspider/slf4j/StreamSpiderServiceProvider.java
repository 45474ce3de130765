package io.streamspider.slf4j;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider of a spider jar that bundles {@code streamspider-slf4j}: every SLF4J logger
 * sends its records through the runtime's logging path, so they reach the host as {@code log}
 * messages at their levels (TRACE and DEBUG as DEBUG, INFO, WARN as WARNING, ERROR), never on
 * stderr, and {@code -s LOG_LEVEL} filters them as it filters java.util.logging.
 */
public final class StreamSpiderServiceProvider implements SLF4JServiceProvider {
  /** The SLF4J API version this provider is written against. */
  public static final String REQUESTED_API_VERSION = "2.0.99";

  private ILoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  /** Created by SLF4J through {@link java.util.ServiceLoader}. */
  public StreamSpiderServiceProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return REQUESTED_API_VERSION;
  }

  @Override
  public void initialize() {
    loggerFactory = new StreamSpiderLoggerFactory();
    markerFactory = new BasicMarkerFactory();
    mdcAdapter = new BasicMDCAdapter();
  }
}
