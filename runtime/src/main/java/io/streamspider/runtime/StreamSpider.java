package io.streamspider.runtime;

import io.streamspider.runtime.internal.Launcher;

/**
 * The entry point of every spider jar ({@code Main-Class}): runs a spider under a Scrapy Streaming
 * host over stdin/stdout, or on the embedded host with {@code --local}. {@code --help} lists the
 * options.
 */
public final class StreamSpider {
  private StreamSpider() {}

  public static void main(String[] args) {
    System.exit(Launcher.run(args));
  }
}
