package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.runtime.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A feed file ({@code -o}/{@code -O}). The file is opened (created, or truncated for {@code -O})
 * when the output is created, as Scrapy opens feeds when the spider opens. Every item is one
 * positional write on a {@link FileChannel}, with no user-space buffer: when {@link #item} returns
 * its bytes are in the OS page cache, which survives the death of the process (SIGKILL); only a
 * crash of the machine could lose them, so there is no fsync.
 */
abstract class FeedOutput implements CrawlOutput {
  final Path path;
  final String option;
  private final FileChannel channel;
  private final BiConsumer<String, String> log;

  /** Where the next write starts. */
  long position;

  private boolean closed;

  FeedOutput(FeedTarget target, FileChannel channel, BiConsumer<String, String> log)
      throws IOException {
    this.path = target.path();
    this.option = target.overwrite() ? "-O" : "-o";
    this.channel = channel;
    this.log = log;
    this.position = target.overwrite() ? 0 : channel.size();
  }

  /**
   * Opens {@code target}'s file for writing without changing it, creating it and missing parent
   * directories as Scrapy does; an {@code -O} file is only emptied by {@link #of}, once every
   * output could be opened.
   */
  static FileChannel openChannel(FeedTarget target) throws IOException {
    Path parent = target.path().toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
    // not APPEND: the JSON array rewrites its closing bracket in place
    return FileChannel.open(target.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /**
   * The feed in its format on a channel from {@link #openChannel}; empties it first for {@code -O}.
   */
  static FeedOutput of(
      FeedTarget target, FeedFormat format, FileChannel ch, BiConsumer<String, String> log)
      throws IOException {
    try {
      if (target.overwrite()) {
        ch.truncate(0);
      }
      switch (format) {
        case JSON_LINES:
          return new JsonLinesFeed(target, ch, log);
        case JSON:
          return new JsonArrayFeed(target, ch, log);
        default:
          return new CsvFeed(target, ch, log);
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Opens {@code target}'s file in its format ({@link #openChannel}, then {@link #of}). */
  static FeedOutput open(FeedTarget target, FeedFormat format, BiConsumer<String, String> log)
      throws IOException {
    return of(target, format, openChannel(target), log);
  }

  @Override
  public void open(Supplier<Map<String, Object>> stats) {}

  @Override
  public final synchronized boolean item(Object item, Response from) throws IOException {
    if (closed) {
      throw new IOException("the feed " + path + " is already closed");
    }
    try {
      write(item);
      return true;
    } catch (RefusedItem e) {
      log.accept("ERROR", "Item not written to " + path + ": " + e.getMessage());
      return false;
    } catch (IOException e) {
      throw new IOException(
          "writing to the feed " + option + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  /** Writes one item at {@link #position} and advances it. */
  abstract void write(Object item) throws IOException, RefusedItem;

  /** Writes all of {@code bytes} at {@code at}; returns when they are in the page cache. */
  final void writeAt(long at, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long p = at;
    while (b.hasRemaining()) {
      p += channel.write(b, p);
    }
  }

  @Override
  public final synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }

  /** The item as Scrapy-spaced UTF-8 JSON; refused unless it is a JSON object. */
  static byte[] objectJson(Object item) throws RefusedItem {
    byte[] json;
    try {
      json = ItemJson.FEED.writeValueAsBytes(item);
    } catch (JsonProcessingException | RuntimeException e) {
      throw RefusedItem.unserialisable(item, e);
    }
    if (json.length == 0 || json[0] != '{') {
      throw RefusedItem.notAnObject(item);
    }
    return json;
  }

  /** The item as a JSON object tree; refused otherwise. */
  static ObjectNode objectTree(Object item) throws RefusedItem {
    JsonNode n;
    try {
      n = ItemJson.tree(item);
    } catch (RuntimeException e) {
      throw RefusedItem.unserialisable(item, e);
    }
    if (!(n instanceof ObjectNode o)) {
      throw RefusedItem.notAnObject(item);
    }
    return o;
  }

  /** An item an output cannot write; the message says why. */
  static final class RefusedItem extends Exception {
    RefusedItem(String message) {
      super(message, null, false, false);
    }

    static RefusedItem unserialisable(Object item, Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      if (root != e) {
        why = why + " (" + root + ")";
      }
      return new RefusedItem(
          "an item of type "
              + (item == null ? "null" : item.getClass().getName())
              + " cannot be serialised to JSON: "
              + why);
    }

    static RefusedItem notAnObject(Object item) {
      return new RefusedItem(
          "items must serialise to a JSON object (a record, a POJO or a Map); got "
              + ItemJson.describe(item));
    }
  }
}
