package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.core.JsonGenerationException;
import java.io.IOException;
import java.util.Arrays;

/**
 * One Scrapy Cloud Write Entrypoint message, {@code CMD json\n}, encoded into a buffer that is
 * reused from message to message (not thread-safe: {@link FifoWriter} encodes under its lock). The
 * JSON is {@code json.dumps(value, ensure_ascii=True, separators=(',', ':'))}: plain values are
 * written by {@link AsciiJson}'s encoder; records, POJOs, dates and anything else by Jackson's own
 * serializers with the items' mapper ({@link ItemJson#MAPPER}) through a {@link LineGenerator},
 * which writes straight into this line with the same escaping, in place when such a value sits
 * inside a plain one. Either way the line is ASCII with one newline, its last byte, by
 * construction, so nothing scans it again before it is written.
 */
public final class WireLine extends AsciiJson {
  private static final String TOO_LARGE =
      "its ITM line is over Scrapy Cloud's 1 MiB limit ("
          + MAX_MESSAGE_BYTES
          + " bytes, counted after \\u escaping)";
  private static final String NOT_ASCII =
      "its JSON is not ASCII on one line (a raw value written by a custom serializer?)";

  /** One generator for many values: making one per value cost more than a small value's writing. */
  private LineGenerator generator;

  /**
   * Encodes {@code ITM item}; returns null if the line is ready to be written, else why the item
   * cannot be sent (over 1 MiB, not serialisable, not a JSON object).
   */
  public String item(Object item) {
    try {
      start("ITM");
      if (!write(item)) {
        jackson(item);
      }
      end();
    } catch (IOException | RuntimeException e) {
      generator = null; // it may hold half a value: the next one gets a fresh generator
      if (causedBy(e, TooLarge.class)) {
        return TOO_LARGE;
      }
      if (causedBy(e, LineGenerator.NotAscii.class)) {
        return NOT_ASCII;
      }
      return FeedOutput.RefusedItem.unserialisable(item, e).getMessage();
    }
    if (buf[4] != '{') {
      return FeedOutput.RefusedItem.notAnObject(item).getMessage();
    }
    return null;
  }

  /** Encodes a message the writer built (LOG, REQ, STA, FIN); false if it is over the limit. */
  boolean message(String command, Object payload) throws IOException {
    try {
      start(command);
      if (!write(payload)) {
        jackson(payload);
      }
      end();
      return true;
    } catch (IOException | RuntimeException e) {
      generator = null;
      if (causedBy(e, TooLarge.class)) {
        return false;
      }
      throw e;
    }
  }

  /** Jackson's serializers write {@code value} at the end of the line, as a value of its own. */
  private void jackson(Object value) throws IOException {
    LineGenerator g = generator;
    if (g == null) {
      g = new LineGenerator(this, ItemJson.MAPPER);
      generator = g;
    }
    g.resetFeatures();
    ItemJson.MAPPER.writeValue(g, value);
    if (!g.atRoot()) {
      throw new JsonGenerationException("the item's JSON was left unfinished by its serializer", g);
    }
  }

  /** A value inside a map or list that only Jackson knows: written in place. */
  @Override
  void other(Object v) throws IOException {
    jackson(v);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The encoded line is {@code buffer()[0 .. length())}. */
  public byte[] buffer() {
    return buf;
  }

  public int length() {
    return size;
  }

  byte[] copy() {
    return Arrays.copyOf(buf, size);
  }
}
