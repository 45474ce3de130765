package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import java.io.IOException;
import java.util.Arrays;

/**
 * One Scrapy Cloud Write Entrypoint message, {@code CMD json\n}, encoded into a buffer that is
 * reused from message to message (not thread-safe: {@link FifoWriter} encodes under its lock).
 * Plain values are written directly; records, POJOs and dates by Jackson's serializers through
 * {@link AsciiGenerator}. Either way the line is ASCII with one newline, its last byte, by
 * construction, so nothing scans it again before it is written.
 */
public final class WireLine extends AsciiJson {
  private static final String TOO_LARGE = "its ITM line is over Scrapy Cloud's 1 MiB limit ("
      + MAX_MESSAGE_BYTES + " bytes, counted after \\u escaping)";

  private AsciiGenerator generator;
  private JsonWriteContext root;
  private ReusedProvider provider;

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
    } catch (TooLarge e) {
      return TOO_LARGE;
    } catch (NotWireSafe e) {
      return e.getMessage();
    } catch (IOException | RuntimeException e) {
      if (e.getCause() instanceof TooLarge) {
        return TOO_LARGE;
      }
      if (e.getCause() instanceof NotWireSafe n) {
        return n.getMessage();
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
    } catch (TooLarge e) {
      return false;
    } catch (IOException e) {
      if (e.getCause() instanceof TooLarge) {
        return false;
      }
      throw e;
    }
  }

  /** Jackson's serializers, writing through this line's escaping. */
  private void jackson(Object value) throws IOException {
    AsciiGenerator g = generator;
    if (g == null) {
      g = new AsciiGenerator(this, ItemJson.MAPPER);
      generator = g;
      root = (JsonWriteContext) g.getOutputContext();
    }
    g.reset(root.reset(JsonStreamContext.TYPE_ROOT)); // a previous value may have failed halfway
    ReusedProvider p = provider == null ? ReusedProvider.of(ItemJson.MAPPER) : provider.next();
    provider = p;
    // what MAPPER.writeValue(g, value) does with ItemJson's settings (no indenting, no closing)
    p.serializeValue(g, value);
    if (!g.getOutputContext().inRoot()) {
      throw new JsonGenerationException("the item's JSON was left unfinished by its serializer", g);
    }
  }

  /** A value inside a map or list that only Jackson knows: written in place, as a value of its own. */
  @Override
  void other(Object v) throws IOException {
    jackson(v);
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
