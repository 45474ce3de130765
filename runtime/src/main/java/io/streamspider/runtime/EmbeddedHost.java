package io.streamspider.runtime;

import java.util.List;

/**
 * The embedded Scrapy Streaming host ({@code --local}), provided by the {@code host} module
 * through {@link java.util.ServiceLoader} when a spider jar bundles it.
 */
public interface EmbeddedHost {
  /**
   * Crawls with this jar's spider as the host's spider.
   *
   * @param spiderCommand the command that starts the spider process (java, -cp, ..., args)
   *     when the host runs it as a child, as Scrapy would
   * @param hostArguments the host's own options ({@code -s NAME=VALUE}, ...)
   * @return the process exit code
   */
  int run(List<String> spiderCommand, List<String> hostArguments) throws Exception;

  /**
   * Crawls with {@code spider} running in this JVM, over in-memory pipes instead of a child
   * process; otherwise as {@link #run}.
   */
  default int run(InProcessSpider spider, List<String> hostArguments) throws Exception {
    throw new UnsupportedOperationException("this embedded host cannot run the spider in its JVM");
  }

  /** The host's debugging commands of a spider jar, as Scrapy's. */
  List<String> COMMANDS = List.of("fetch", "parse", "check", "shell", "select", "form");

  /**
   * Runs one of {@link #COMMANDS} ({@code args} starts with its name) on this jar's spiders.
   *
   * @return the exit code
   */
  default int command(List<String> args, java.io.PrintStream out, java.io.PrintStream err) {
    throw new UnsupportedOperationException("this embedded host has no commands");
  }
}
