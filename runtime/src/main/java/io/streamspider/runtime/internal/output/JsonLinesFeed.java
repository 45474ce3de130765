package io.streamspider.runtime.internal.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.function.BiConsumer;

/** {@code .jsonl}/{@code .jl}: one JSON object per line, as Scrapy's JsonLinesItemExporter. */
final class JsonLinesFeed extends FeedOutput {
  JsonLinesFeed(FeedTarget target, FileChannel channel, BiConsumer<String, String> log)
      throws IOException {
    super(target, channel, log);
  }

  @Override
  void write(Object item) throws IOException, RefusedItem {
    byte[] json = objectJson(item);
    byte[] line = Arrays.copyOf(json, json.length + 1);
    line[json.length] = '\n';
    writeAt(position, line);
    position += line.length;
  }
}
