package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.BiConsumer;

/**
 * One Scrapy Cloud message being encoded: a reusable byte buffer and the JSON it is written with,
 * ASCII only by construction, as Python's {@code json.dumps(ensure_ascii=True, separators=(',',
 * ':'))} writes strings: {@code \" \\ \b \f \n \r \t}, {@code \\u00XX} for other control characters
 * and DEL, {@code \\uXXXX} (lower case) for everything above, one escape per UTF-16 unit (so
 * surrogate pairs above U+FFFF). Numbers, booleans and null as Jackson writes them. These are the
 * rules of {@link io.streamspider.runtime.internal.PythonJson#ensureAscii}, which every other ASCII
 * writer of the jar uses; WireLineTest checks the two give the same bytes.
 *
 * <p>Why a hand-written encoder: it is kept only for plain JSON-shaped values (maps with string
 * keys, collections, arrays, strings, boxed numbers, booleans, null, Jackson trees), the items the
 * throughput target of BENCHMARKS.md ("Item output to Scrapy Cloud's pipe", maps: at least 5x
 * Python's reference writer) is measured on. {@code JsonPolicyCost} (module benchmarks) measured
 * the same maps through Jackson's own generator with the policy's supported hooks at 3.3-3.6x this
 * encoder's CPU time (medians 1,175-1,265 ns against 352-353 ns, lowest 551-635 against 254-263 ns;
 * loaded machine, load 30-42), and Python's whole json.dumps at only 3.4-4.3x that Jackson path,
 * before any write(2): 5x is out of reach without this encoder. Anything else goes to {@link
 * #other}, where {@link WireLine} has Jackson's serializers write it through a {@link
 * LineGenerator}, which writes with this encoder's strings and keys. The line refuses to grow much
 * past the 1 MiB limit.
 */
class AsciiJson {
  /** Scrapy Cloud's limit on one message, newline included. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  /** Strings are escaped in chunks: room for the worst case (6 bytes a char) of one chunk. */
  static final int CHUNK = 1024;

  private static final int CAPACITY = MAX_MESSAGE_BYTES + 8 * CHUNK;
  private static final int MAX_DEPTH = 100;
  private static final int KEY_CACHE = 256;
  private static final int MAX_CACHED_KEY = 64;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  /**
   * Per ASCII char: 0 written as is, else the letter after the backslash (\b \t \n \f \r \" \\), or
   * 'u' for \\u00XX.
   */
  private static final byte[] ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE[0x7f] = 'u';
    ESCAPE['\b'] = 'b';
    ESCAPE['\t'] = 't';
    ESCAPE['\n'] = 'n';
    ESCAPE['\f'] = 'f';
    ESCAPE['\r'] = 'r';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
  }

  byte[] buf = new byte[8192];
  int size;

  /** Map keys and property names recur in every item: their encoded {@code "key":} by string. */
  private final String[] keys = new String[KEY_CACHE];

  /** A cached key's bytes as little-endian words: copying one is a few 8-byte stores. */
  private final long[][] keyWords = new long[KEY_CACHE][];

  private final int[] keyLengths = new int[KEY_CACHE];

  /** Thrown as soon as a line is known to pass {@link #MAX_MESSAGE_BYTES}. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("over " + MAX_MESSAGE_BYTES + " bytes", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** A map with a key that is not a string, or nesting too deep: Jackson writes the whole item. */
  static final class NotPlain extends Exception {
    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  /** Starts a line with its command and a space. */
  final void start(String command) {
    if (buf.length > (1 << 20)) {
      buf = new byte[8192]; // do not keep a huge item's buffer for the rest of the crawl
    }
    int n = command.length();
    for (int i = 0; i < n; i++) {
      buf[i] = (byte) command.charAt(i);
    }
    buf[n] = ' ';
    size = n + 1;
  }

  /** Ends the line; TooLarge if it is over the limit, newline included. */
  final void end() throws TooLarge {
    ensure(1);
    buf[size++] = '\n';
    if (size > MAX_MESSAGE_BYTES) {
      throw new TooLarge();
    }
  }

  /** Room for {@code n} more bytes; TooLarge once the line is already over the limit. */
  final void ensure(int n) throws TooLarge {
    int need = size + n;
    if (need <= buf.length) {
      return;
    }
    grow(need);
  }

  private void grow(int need) throws TooLarge {
    if (size > MAX_MESSAGE_BYTES || need > CAPACITY) {
      throw new TooLarge();
    }
    buf = Arrays.copyOf(buf, Math.min(CAPACITY, Math.max(need, buf.length * 2)));
  }

  final void put(byte b) throws TooLarge {
    ensure(1);
    buf[size++] = b;
  }

  /**
   * Writes {@code value} at the end of the line. Returns false, with the line as it was, if the
   * value holds a type only Jackson knows.
   */
  final boolean write(Object value) throws IOException {
    if (value != null && !(value instanceof String) && kind(value.getClass()) == OTHER) {
      return false; // a record or POJO: Jackson writes all of it
    }
    int mark = size;
    try {
      value(value, 0);
      return true;
    } catch (NotPlain e) {
      size = mark;
      return false;
    }
  }

  private void value(Object v, int depth) throws IOException, NotPlain {
    if (v instanceof String s) {
      string(s);
      return;
    }
    if (v == null) {
      ascii("null");
      return;
    }
    switch (kind(v.getClass())) {
      case INTEGRAL -> number(((Number) v).longValue());
      case DOUBLE -> number(((Double) v).doubleValue());
      case BOOLEAN -> ascii((Boolean) v ? "true" : "false");
      case FLOAT -> number(((Float) v).floatValue());
      case MAP -> map((Map<?, ?>) v, depth);
      case COLLECTION -> collection((Collection<?>) v, depth);
      case ARRAY -> array((Object[]) v, depth);
      case NODE -> node((JsonNode) v, depth);
      case PRIMITIVE_ARRAY -> primitiveArray(v);
      default -> other(v);
    }
  }

  /**
   * A value inside a plain one that only Jackson knows how to write (a date, a record in a map):
   * {@link WireLine} has Jackson write it in place; here, the whole item goes to Jackson.
   */
  void other(Object v) throws IOException, NotPlain {
    throw NOT_PLAIN;
  }

  private static final int OTHER = 0;
  private static final int INTEGRAL = 1;
  private static final int DOUBLE = 2;
  private static final int BOOLEAN = 3;
  private static final int FLOAT = 4;
  private static final int MAP = 5;
  private static final int COLLECTION = 6;
  private static final int ARRAY = 7;
  private static final int NODE = 8;
  private static final int PRIMITIVE_ARRAY = 9;
  private static final int KIND_CACHE = 32;
  private final Class<?>[] kindClasses = new Class<?>[KIND_CACHE];
  private final byte[] kinds = new byte[KIND_CACHE];

  /**
   * What {@link #value} does with a class, remembered: instanceof against an interface the class
   * does not implement (Map for a list, say) scans all its interfaces, and costs more than the rest
   * of writing a small value.
   */
  private int kind(Class<?> c) {
    // the classes items are made of most often, a compare each before the cache
    if (c == Integer.class || c == Long.class) {
      return INTEGRAL;
    }
    if (c == Double.class) {
      return DOUBLE;
    }
    if (c == Boolean.class) {
      return BOOLEAN;
    }
    if (c == LinkedHashMap.class || c == HashMap.class) {
      return MAP;
    }
    if (c == ArrayList.class) {
      return COLLECTION;
    }
    int slot = c.hashCode() & (KIND_CACHE - 1);
    if (kindClasses[slot] == c) {
      return kinds[slot];
    }
    int k; // Integer, Long, Double and Boolean never get here
    if (c == Short.class || c == Byte.class) {
      k = INTEGRAL;
    } else if (c == Float.class) {
      k = FLOAT;
    } else if (Map.class.isAssignableFrom(c)) {
      k = MAP;
    } else if (Collection.class.isAssignableFrom(c)) {
      k = COLLECTION;
    } else if (Object[].class.isAssignableFrom(c)) {
      k = ARRAY;
    } else if (JsonNode.class.isAssignableFrom(c)) {
      k = NODE;
    } else if (c == int[].class || c == long[].class || c == double[].class) {
      k = PRIMITIVE_ARRAY;
    } else {
      k = OTHER;
    }
    kindClasses[slot] = c;
    kinds[slot] = (byte) k;
    return k;
  }

  private void map(Map<?, ?> m, int depth) throws IOException, NotPlain {
    if (depth >= MAX_DEPTH) {
      throw NOT_PLAIN; // Jackson's own depth check decides
    }
    put((byte) '{');
    Entries e = entries;
    int outerDepth = e.depth;
    boolean outerFirst = e.first;
    e.depth = depth + 1;
    e.first = true;
    try {
      m.forEach(e); // no iterator to allocate, unlike entrySet().iterator()
    } catch (Stop stop) {
      Exception why = e.stopped;
      e.stopped = null;
      if (why instanceof NotPlain n) {
        throw n;
      }
      throw (IOException) why;
    } finally {
      e.depth = outerDepth;
      e.first = outerFirst;
    }
    put((byte) '}');
  }

  /** Stops a map's forEach; what stopped it is in {@link Entries#stopped}. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  private static final Stop STOP = new Stop();

  /**
   * The entries of the map being written, one reused action; {@link #map} saves its state around a
   * nested map.
   */
  private final Entries entries = new Entries();

  private final class Entries implements BiConsumer<Object, Object> {
    int depth;
    boolean first;
    Exception stopped;

    @Override
    public void accept(Object k, Object v) {
      try {
        if (!(k instanceof String key)) {
          throw NOT_PLAIN; // Jackson's key serializers decide what a non-string key becomes
        }
        if (!first) {
          put((byte) ',');
        }
        first = false;
        key(key);
        value(v, depth);
      } catch (IOException | NotPlain x) {
        stopped = x;
        throw STOP;
      }
    }
  }

  private void collection(Collection<?> c, int depth) throws IOException, NotPlain {
    if (depth >= MAX_DEPTH) {
      throw NOT_PLAIN;
    }
    put((byte) '[');
    if (c instanceof List<?> list && c instanceof RandomAccess) {
      for (int i = 0, n = list.size(); i < n; i++) {
        if (i > 0) {
          put((byte) ',');
        }
        value(list.get(i), depth + 1);
      }
    } else {
      boolean first = true;
      for (Object e : c) {
        if (!first) {
          put((byte) ',');
        }
        first = false;
        value(e, depth + 1);
      }
    }
    put((byte) ']');
  }

  private void array(Object[] a, int depth) throws IOException, NotPlain {
    if (depth >= MAX_DEPTH) {
      throw NOT_PLAIN;
    }
    put((byte) '[');
    for (int i = 0; i < a.length; i++) {
      if (i > 0) {
        put((byte) ',');
      }
      value(a[i], depth + 1);
    }
    put((byte) ']');
  }

  /** int[], long[] and double[]; Jackson writes byte[] as base64 and char[] as a string. */
  private void primitiveArray(Object v) throws IOException, NotPlain {
    if (v instanceof int[] a) {
      put((byte) '[');
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          put((byte) ',');
        }
        number(a[i]);
      }
      put((byte) ']');
    } else if (v instanceof long[] a) {
      put((byte) '[');
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          put((byte) ',');
        }
        number(a[i]);
      }
      put((byte) ']');
    } else if (v instanceof double[] a) {
      put((byte) '[');
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          put((byte) ',');
        }
        number(a[i]);
      }
      put((byte) ']');
    } else {
      other(v);
    }
  }

  /** Jackson trees of the common node types; Jackson writes binary, POJO and big-number nodes. */
  private void node(JsonNode n, int depth) throws IOException, NotPlain {
    if (n instanceof ObjectNode o) {
      if (depth >= MAX_DEPTH) {
        throw NOT_PLAIN;
      }
      put((byte) '{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!first) {
          put((byte) ',');
        }
        first = false;
        key(e.getKey());
        node(e.getValue(), depth + 1);
      }
      put((byte) '}');
    } else if (n instanceof ArrayNode a) {
      if (depth >= MAX_DEPTH) {
        throw NOT_PLAIN;
      }
      put((byte) '[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          put((byte) ',');
        }
        node(a.get(i), depth + 1);
      }
      put((byte) ']');
    } else if (n instanceof TextNode t) {
      string(t.textValue());
    } else if (n instanceof IntNode || n instanceof LongNode) {
      number(n.longValue());
    } else if (n instanceof DoubleNode) {
      number(n.doubleValue());
    } else if (n instanceof BooleanNode) {
      ascii(n.booleanValue() ? "true" : "false");
    } else if (n instanceof NullNode) {
      ascii("null");
    } else {
      other(n);
    }
  }

  /** Jackson writes NaN and the infinities as strings (WRITE_NAN_AS_STRINGS, its default). */
  final void number(double d) throws IOException {
    if (!shortDecimal(d)) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        string(Double.toString(d));
      } else {
        ascii(Double.toString(d));
      }
    }
  }

  /**
   * Writes {@code d} as Double.toString does, without a String, if it has at most three decimals
   * and is in the range that Double.toString writes without an exponent (prices, ratings): the
   * fewest decimals (at least one) that read back as {@code d}. False, having written nothing, for
   * any other double.
   */
  private boolean shortDecimal(double d) throws TooLarge {
    double a = Math.abs(d);
    if (!(a >= 1e-3 && a < 1e7)) {
      return false;
    }
    // constant divisors throughout: a division by a variable is a slow instruction
    long m;
    int decimals;
    if ((double) (m = Math.round(a * 10)) / 10 == a) {
      decimals = 1;
    } else if ((double) (m = Math.round(a * 100)) / 100 == a) {
      decimals = 2;
    } else if ((double) (m = Math.round(a * 1000)) / 1000 == a) {
      decimals = 3;
    } else {
      return false;
    }
    ensure(24);
    if (d < 0) {
      buf[size++] = '-';
    }
    int fraction;
    if (decimals == 1) {
      number(m / 10);
      fraction = (int) (m % 10);
    } else if (decimals == 2) {
      number(m / 100);
      fraction = (int) (m % 100);
    } else {
      number(m / 1000);
      fraction = (int) (m % 1000);
    }
    byte[] b = buf;
    int p = size;
    b[p++] = '.';
    if (decimals == 3) {
      b[p++] = (byte) ('0' + fraction / 100);
      fraction %= 100;
    }
    if (decimals >= 2) {
      b[p++] = (byte) ('0' + fraction / 10);
      fraction %= 10;
    }
    b[p++] = (byte) ('0' + fraction);
    size = p;
    return true;
  }

  final void number(float f) throws IOException {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      string(Float.toString(f));
    } else {
      ascii(Float.toString(f));
    }
  }

  /** A long's decimal digits, without a String. */
  final void number(long v) throws TooLarge {
    if (v == Long.MIN_VALUE) {
      ascii("-9223372036854775808");
      return;
    }
    ensure(20);
    byte[] b = buf;
    int p = size;
    if (v < 0) {
      b[p++] = '-';
      v = -v;
    }
    int end = p + digits(v);
    int i = end;
    while (v > Integer.MAX_VALUE) {
      b[--i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    int n = (int) v; // int division from here on: cheaper than long
    do {
      b[--i] = (byte) ('0' + n % 10);
      n /= 10;
    } while (n != 0);
    size = end;
  }

  private static int digits(long v) {
    int d = 1;
    for (long limit = 10; d < 19 && v >= limit; limit *= 10) {
      d++;
    }
    return d;
  }

  /** Text known to be ASCII without anything to escape (literals, numbers). */
  @SuppressWarnings("deprecation")
  final void ascii(String s) throws TooLarge {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, buf, size); // deprecated for losing the high byte; there is none here
    size += n;
  }

  /** A map key or property name and its colon, from the cache when it has been seen before. */
  final void key(String k) throws TooLarge {
    int slot = k.hashCode() & (KEY_CACHE - 1);
    String cached = keys[slot];
    if (cached == k || (cached != null && cached.equals(k))) {
      long[] words = keyWords[slot];
      ensure(8 * words.length);
      byte[] b = buf;
      int p = size;
      for (long w : words) {
        LONGS.set(b, p, w);
        p += 8;
      }
      size += keyLengths[slot]; // what the last word wrote past the key, the next value overwrites
      return;
    }
    int start = size;
    string(k);
    put((byte) ':');
    if (k.length() <= MAX_CACHED_KEY) {
      int n = size - start;
      byte[] padded = Arrays.copyOfRange(buf, start, start + (n + 7) / 8 * 8);
      long[] words = new long[padded.length / 8];
      for (int i = 0; i < words.length; i++) {
        words[i] = (long) LONGS.get(padded, 8 * i);
      }
      keys[slot] = k;
      keyWords[slot] = words;
      keyLengths[slot] = n;
    }
  }

  /** A JSON string. */
  final void string(String s) throws TooLarge {
    int n = s.length();
    ensure(2);
    buf[size++] = '"';
    for (int from = 0; from < n; from += CHUNK) {
      chars(s, from, Math.min(n - from, CHUNK));
    }
    ensure(1);
    buf[size++] = '"';
  }

  /**
   * The escaped text of at most {@link #CHUNK} chars. charAt, measured faster here than copying the
   * chars out first (getChars) for the short, often non-ASCII strings items hold.
   */
  private void chars(String text, int offset, int len) throws TooLarge {
    ensure(6 * len); // the worst case, \\uXXXX per char
    byte[] b = buf;
    int p = size;
    byte[] escape = ESCAPE;
    for (int i = offset, end = offset + len; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        byte e = escape[c];
        if (e == 0) {
          b[p++] = (byte) c;
          continue;
        }
        if (e != 'u') {
          b[p] = '\\';
          b[p + 1] = e;
          p += 2;
          continue;
        }
      }
      b[p] = '\\';
      b[p + 1] = 'u';
      b[p + 2] = HEX[c >> 12];
      b[p + 3] = HEX[(c >> 8) & 0xf];
      b[p + 4] = HEX[(c >> 4) & 0xf];
      b[p + 5] = HEX[c & 0xf];
      p += 6;
    }
    size = p;
  }
}
