package io.streamspider.host.internal.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Scrapy's HttpCompressionMiddleware decoding: {@code gzip}/{@code x-gzip} (as much data as
 * possible, like {@code scrapy.utils.gz.gunzip}) and {@code deflate} (zlib, then raw deflate).
 * Brotli is not decoded (no well-kept pure-Java decoder), so it is never advertised.
 */
public final class Decoding {
  /** What Scrapy sends in {@code Accept-Encoding}, minus {@code br}. */
  public static final String ACCEPT_ENCODING = "gzip, deflate";

  private Decoding() {}

  /** A body that cannot be decoded; the message is Python's text for it. */
  public static final class DecodingException extends Exception {
    private final String pythonClass;

    DecodingException(String pythonClass, String message) {
      super(message);
      this.pythonClass = pythonClass;
    }

    /** The Python exception class Scrapy would report (for stats and logs). */
    public String pythonClass() {
      return pythonClass;
    }
  }

  /** True for an encoding this class decodes. */
  public static boolean supported(String encoding) {
    String e = encoding.strip().toLowerCase(Locale.ROOT);
    return e.equals("gzip") || e.equals("x-gzip") || e.equals("deflate");
  }

  /**
   * Decodes a body.
   *
   * @param maxSize stop with an error beyond this many decoded bytes (0: no limit)
   */
  public static byte[] decode(byte[] body, String encoding, long maxSize)
      throws DecodingException, TooLargeException {
    String e = encoding.strip().toLowerCase(Locale.ROOT);
    if (e.equals("gzip") || e.equals("x-gzip")) {
      return gunzip(body, maxSize);
    }
    if (e.equals("deflate")) {
      try {
        return inflate(body, false, maxSize);
      } catch (DecodingException zlibFailed) {
        return inflate(body, true, maxSize);
      }
    }
    return body;
  }

  /** A decoded body beyond the size limit. */
  public static final class TooLargeException extends Exception {
    public TooLargeException(long size) {
      super(Long.toString(size));
    }
  }

  static byte[] gunzip(byte[] data, long maxSize) throws DecodingException, TooLargeException {
    if (data.length == 0) {
      return data;
    }
    if (data.length < 2 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
      byte[] magic = new byte[Math.min(2, data.length)];
      System.arraycopy(data, 0, magic, 0, magic.length);
      throw new DecodingException(
          "gzip.BadGzipFile", "Not a gzipped file (" + bytesRepr(magic) + ")");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 4));
    byte[] buf = new byte[16384];
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 16384)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        checkSize(out.size(), maxSize);
      }
    } catch (EOFException truncated) {
      if (out.size() == 0) {
        throw new DecodingException(
            "EOFError", "Compressed file ended before the end-of-stream marker was reached");
      }
    } catch (ZipException corrupt) {
      String msg = String.valueOf(corrupt.getMessage());
      if (msg.contains("Corrupt GZIP trailer") || msg.contains("Not in GZIP format")) {
        // as gunzip: a bad trailer or trailing garbage keeps the data decoded so far
        if (out.size() == 0) {
          throw new DecodingException("gzip.BadGzipFile", "CRC check failed");
        }
      } else {
        throw new DecodingException("zlib.error", "Error -3 while decompressing data: " + msg);
      }
    } catch (IOException other) {
      if (out.size() == 0) {
        throw new DecodingException("OSError", String.valueOf(other.getMessage()));
      }
    }
    return out.toByteArray();
  }

  static byte[] inflate(byte[] data, boolean raw, long maxSize)
      throws DecodingException, TooLargeException {
    Inflater inflater = new Inflater(raw);
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 4));
      byte[] buf = new byte[16384];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DecodingException(
              "zlib.error", "Error -5 while decompressing data: incomplete or truncated stream");
        }
        out.write(buf, 0, n);
        checkSize(out.size(), maxSize);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new DecodingException(
          "zlib.error", "Error -3 while decompressing data: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }

  private static void checkSize(long size, long maxSize) throws TooLargeException {
    if (maxSize > 0 && size > maxSize) {
      throw new TooLargeException(size);
    }
  }

  /** Python's {@code repr(bytes)}. */
  static String bytesRepr(byte[] bytes) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (byte b : bytes) {
      hasSingle |= b == '\'';
      hasDouble |= b == '"';
    }
    char q = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder s = new StringBuilder("b").append(q);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c == q || c == '\\') {
        s.append('\\').append((char) c);
      } else if (c == '\t') {
        s.append("\\t");
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        s.append(String.format("\\x%02x", c));
      } else {
        s.append((char) c);
      }
    }
    return s.append(q).toString();
  }
}
