package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamspider.runtime.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Several outputs ({@code -o a.jsonl -o b.csv --fifo p}). The item is converted to a JSON tree
 * once, so a bad item is reported once, and then written to every output, in order.
 */
final class CompositeOutput implements CrawlOutput {
  private final List<CrawlOutput> outputs;
  private final BiConsumer<String, String> log;

  CompositeOutput(List<CrawlOutput> outputs, BiConsumer<String, String> log) {
    this.outputs = List.copyOf(outputs);
    this.log = log;
  }

  @Override
  public void open(Supplier<Map<String, Object>> stats) throws IOException {
    for (CrawlOutput o : outputs) {
      o.open(stats);
    }
  }

  @Override
  public boolean item(Object item, Response from) throws IOException {
    JsonNode tree;
    try {
      tree = FeedOutput.objectTree(item);
    } catch (FeedOutput.RefusedItem e) {
      log.accept(
          "ERROR", "Item from " + (from == null ? "None" : from) + " dropped: " + e.getMessage());
      return false;
    }
    boolean all = true;
    IOException error = null;
    for (CrawlOutput o : outputs) {
      try {
        all &= o.item(tree, from);
      } catch (IOException e) {
        // the other outputs still get the item; the first failure is reported
        if (error == null) {
          error = e;
        } else {
          error.addSuppressed(e);
        }
      }
    }
    if (error != null) {
      throw error;
    }
    return all;
  }

  @Override
  public void log(String level, String message) {
    for (CrawlOutput o : outputs) {
      o.log(level, message);
    }
  }

  @Override
  public int response(Response response, String method, int parent) {
    int index = -1;
    for (CrawlOutput o : outputs) {
      int i = o.response(response, method, parent);
      if (i >= 0) {
        index = i;
      }
    }
    return index;
  }

  @Override
  public void finish(String outcome) {
    for (CrawlOutput o : outputs) {
      o.finish(outcome);
    }
  }

  @Override
  public void close() throws IOException {
    IOException error = null;
    for (CrawlOutput o : outputs) {
      try {
        o.close();
      } catch (IOException | RuntimeException e) {
        IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
        if (error == null) {
          error = io;
        } else {
          error.addSuppressed(io);
        }
      }
    }
    if (error != null) {
      throw error;
    }
  }
}
