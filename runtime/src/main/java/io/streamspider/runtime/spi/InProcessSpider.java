package io.streamspider.runtime.spi;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The spider of {@code --local} run in the host's own JVM ({@code -s SPIDER_JVM=same}): the
 * runtime's crawl loop on the given streams instead of the process's stdin and stdout. Same
 * protocol, same messages; one JVM to warm up, and a debugger attached to it stops in callbacks.
 */
public interface InProcessSpider {
  /**
   * Runs the crawl on {@code fromHost} (the protocol's stdin) and {@code toHost} (its stdout) until
   * the host's input ends or the spider sends {@code close}; never calls System.exit.
   *
   * @return the exit code the spider process would have had
   */
  int run(InputStream fromHost, OutputStream toHost);

  /** What SIGTERM does to a spider process: end the current callback, then the crawl. */
  void cancel();
}
