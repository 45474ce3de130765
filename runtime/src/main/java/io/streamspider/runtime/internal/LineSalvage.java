package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What can still be learnt from a host line that is not a readable message: its top-level {@code
 * type}, {@code id}, {@code url}, {@code received_message} and {@code meta.request_id} (the real
 * host copies the request id into meta, which it writes before the body, while the top-level id
 * comes after it). A byte-level scan that only follows strings, escapes and nesting, so it gets
 * past what stops a JSON parser: bad escapes, invalid UTF-8, a body of the wrong type, nesting too
 * deep. Fed in pieces; allocates nothing while it scans, so it also works when the heap just ran
 * out.
 */
final class LineSalvage {
  /** The fields it looks for; a value longer than its capture is not kept. */
  private static final String[] TOP = {"type", "id", "url", "received_message"};

  private static final int KEY = 32;
  private static final int VALUE = 4096;
  private static final int RECEIVED = 64 * 1024;

  /** What was found: each value, or null when absent, unterminated, too long or undecodable. */
  record Found(String type, String id, String url, String metaRequestId, String receivedMessage) {
    /** The id the line was answering: the top-level one, else the one in meta. */
    String requestId() {
      return id != null ? id : metaRequestId;
    }
  }

  private int depth;
  private boolean inString;
  private boolean escape;

  /** Per level (up to 64): whether it is an object, and whether the next string there is a key. */
  private long objects;

  private long expectKey;
  private boolean metaOpen; // depth 2 is the object of the top-level key "meta"
  private final byte[] key = new byte[KEY];
  private int keyLength;
  private boolean capturingKey;
  private final byte[][] values = new byte[TOP.length + 1][];
  private final int[] valueLength = new int[TOP.length + 1];
  private final boolean[] complete = new boolean[TOP.length + 1];
  private final byte[] topKey = new byte[KEY];
  private int topKeyLength = -1;
  private int capture = -1; // index of the value being captured, or -1

  LineSalvage() {
    for (int i = 0; i < values.length; i++) {
      values[i] = new byte[i == 3 ? RECEIVED : VALUE];
    }
  }

  void reset() {
    depth = 0;
    inString = escape = capturingKey = metaOpen = false;
    objects = expectKey = 0;
    keyLength = 0;
    topKeyLength = -1;
    capture = -1;
    Arrays.fill(valueLength, 0);
    Arrays.fill(complete, false);
  }

  void feed(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (inString) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          inString = false;
          endString();
          continue;
        }
        if (capturingKey) {
          if (keyLength < KEY) {
            key[keyLength] = c;
          }
          keyLength++;
        } else if (capture >= 0) {
          if (valueLength[capture] < values[capture].length) {
            values[capture][valueLength[capture]] = c;
          }
          valueLength[capture]++;
        }
        continue;
      }
      switch (c) {
        case '"' -> startString();
        case '{' -> open(true);
        case '[' -> open(false);
        case '}', ']' -> {
          if (depth > 0) {
            if (depth == 2) {
              metaOpen = false;
            }
            depth--;
          }
        }
        case ':' -> setExpectKey(false);
        case ',' -> setExpectKey(isObject());
        default -> {
          // a scalar or white space: nothing to record
        }
      }
    }
  }

  private boolean bit(long mask) {
    return depth > 0 && depth <= 64 && (mask & (1L << (depth - 1))) != 0;
  }

  private boolean isObject() {
    return bit(objects);
  }

  private void setExpectKey(boolean v) {
    if (depth > 0 && depth <= 64) {
      long m = 1L << (depth - 1);
      expectKey = v ? expectKey | m : expectKey & ~m;
    }
  }

  private void open(boolean object) {
    boolean meta = depth == 1 && !bit(expectKey) && topKeyIs("meta");
    depth++;
    if (depth <= 64) {
      long m = 1L << (depth - 1);
      objects = object ? objects | m : objects & ~m;
      expectKey = object ? expectKey | m : expectKey & ~m;
    }
    if (depth == 2) {
      metaOpen = meta && object;
    }
  }

  private void startString() {
    inString = true;
    escape = false;
    capture = -1;
    capturingKey = false;
    if (isObject() && bit(expectKey)) {
      if (depth == 1 || (depth == 2 && metaOpen)) {
        capturingKey = true;
        keyLength = 0;
      }
      return;
    }
    if (!isObject()) {
      return;
    }
    if (depth == 1 && topKeyLength >= 0) {
      for (int i = 0; i < TOP.length; i++) {
        if (topKeyIs(TOP[i])) {
          capture = i;
        }
      }
    } else if (depth == 2 && metaOpen && keyIs("request_id")) {
      capture = TOP.length;
    }
    if (capture >= 0) {
      valueLength[capture] = 0;
      complete[capture] = false;
    }
  }

  private void endString() {
    if (capturingKey) {
      capturingKey = false;
      if (depth == 1) {
        topKeyLength = keyLength <= KEY ? keyLength : -1;
        System.arraycopy(key, 0, topKey, 0, Math.min(keyLength, KEY));
      }
    } else if (capture >= 0) {
      complete[capture] = valueLength[capture] <= values[capture].length;
      capture = -1;
    }
  }

  private boolean topKeyIs(String name) {
    return equalsAscii(topKey, topKeyLength, name);
  }

  private boolean keyIs(String name) {
    return equalsAscii(key, keyLength, name);
  }

  private static boolean equalsAscii(byte[] b, int len, String s) {
    if (len != s.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b[i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The values found so far, decoded (a value whose escapes do not decode is dropped). */
  Found found(JsonFactory json) {
    String[] v = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      if (complete[i]) {
        v[i] = decode(json, values[i], valueLength[i]);
      }
    }
    return new Found(v[0], v[1], v[2], v[4], v[3]);
  }

  private static String decode(JsonFactory json, byte[] raw, int len) {
    byte[] quoted = new byte[len + 2];
    quoted[0] = '"';
    System.arraycopy(raw, 0, quoted, 1, len);
    quoted[len + 1] = '"';
    try (JsonParser p = json.createParser(quoted)) {
      return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Scans a whole line held in one array. */
  static Found scan(JsonFactory json, byte[] b, int off, int len) {
    LineSalvage s = new LineSalvage();
    s.feed(b, off, len);
    return s.found(json);
  }

  @Override
  public String toString() {
    return new String(topKey, 0, Math.max(0, Math.min(topKeyLength, KEY)), StandardCharsets.UTF_8);
  }
}
