package io.streamspider.runtime.internal.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.function.BiConsumer;

/**
 * {@code .json}: one JSON array, byte for byte what Scrapy's JsonItemExporter writes ({@code [\n}
 * item {@code ,\n} item {@code \n]}; nothing for a crawl without items).
 *
 * <p>Unlike Scrapy, the closing {@code \n]} is written with every item and overwritten by the next
 * one, so the file is a complete JSON array after every {@link #item} returns: a reader after a
 * SIGKILL finds every written item in valid JSON. Only a kill in the middle of a write (before that
 * item was acknowledged) can leave a torn tail. As in Scrapy, {@code -o} appends a second array to
 * an existing file, which is then not valid JSON: use {@code -O} or JSON Lines.
 */
final class JsonArrayFeed extends FeedOutput {
  private boolean first = true;

  JsonArrayFeed(FeedTarget target, FileChannel channel, BiConsumer<String, String> log)
      throws IOException {
    super(target, channel, log);
  }

  @Override
  void write(Object item) throws IOException, RefusedItem {
    byte[] json = objectJson(item);
    byte[] out = new byte[json.length + 4];
    out[0] = (byte) (first ? '[' : ',');
    out[1] = '\n';
    System.arraycopy(json, 0, out, 2, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = ']';
    writeAt(position, out);
    // the next item starts over this item's "\n]"
    position += out.length - 2;
    first = false;
  }
}
