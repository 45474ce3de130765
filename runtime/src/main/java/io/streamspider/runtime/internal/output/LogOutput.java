package io.streamspider.runtime.internal.output;

import io.streamspider.runtime.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * No feed and no FIFO: items only go to the log at DEBUG, as Scrapy logs every scraped item ({@code
 * Scraped from <200 URL>} and the item), and one WARNING says how to keep them.
 */
final class LogOutput implements CrawlOutput {
  static final String WARNING =
      "No item output is configured: items are only logged at DEBUG. "
          + "Write them to a file with -o items.jsonl (-O to overwrite; .json and .csv work too), "
          + "or to Scrapy Cloud with --fifo PATH.";

  private final BiConsumer<String, String> log;

  LogOutput(BiConsumer<String, String> log) {
    this.log = log;
  }

  @Override
  public void open(Supplier<Map<String, Object>> stats) {
    log.accept("WARNING", WARNING);
  }

  @Override
  public boolean item(Object item, Response from) {
    byte[] json;
    try {
      json = FeedOutput.objectJson(item);
    } catch (FeedOutput.RefusedItem e) {
      log.accept("ERROR", "Item dropped: " + e.getMessage());
      return false;
    }
    log.accept(
        "DEBUG",
        "Scraped from "
            + (from == null ? "None" : from)
            + "\n"
            + new String(json, StandardCharsets.UTF_8));
    return true;
  }

  @Override
  public void close() {}
}
