package io.streamspider.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads newline-terminated lines as bytes. An ordinary line is parsed where it lies in one reusable
 * buffer (no String, no copy). A line longer than {@link #BIG} (a large base64 body) is kept as a
 * list of fixed chunks instead, so it is never copied to grow: a 50 MB line costs 50 MB plus its
 * decoded body, whatever the garbage collector's region layout.
 *
 * <p>A line too long for the heap does not end the crawl: its chunks are let go as soon as an
 * allocation fails, the rest of the line is read past, and what {@link LineSalvage} found in it
 * (the id of the request it answered) is kept as {@link #dropped()}.
 */
public final class LineReader {
  /** Receives a line's bytes piece by piece; returns true to stop. */
  public interface Scanner {
    boolean feed(byte[] b, int off, int len);
  }

  /** A line that was read past because the heap could not hold it. */
  public record Dropped(long length, LineSalvage.Found found) {}

  private static final int INITIAL = 64 * 1024;

  /** Lines longer than this are read into chunks. */
  static final int BIG = 1 << 20;

  /** Under half a G1 region: chunks are ordinary objects, not humongous ones. */
  private static final int CHUNK = (256 << 10) - 64;

  private final InputStream in;
  private final byte[] buf = new byte[BIG + 8192];
  private int start; // first byte of the next line
  private int end; // end of valid data
  private int lineLength = -1;
  private boolean eof;
  private BigLine big;
  private Dropped dropped;
  private long held; // bytes of the big line being read that are in its chunks
  private boolean lineEnded; // its newline (or the end of input) was read

  /** Made up front: it is needed right after the heap ran out. */
  private final LineSalvage salvage = new LineSalvage();

  private final com.fasterxml.jackson.core.JsonFactory json =
      new com.fasterxml.jackson.core.JsonFactory();

  public LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next line (without its {@code \n} or {@code \r\n}).
   *
   * @return false at end of input (a last line without newline is still returned)
   */
  public boolean next() throws IOException {
    big = null;
    dropped = null;
    if (lineLength >= 0) {
      start += lineLength + 1;
      lineLength = -1;
    }
    if (start == end) {
      start = end = 0;
    }
    int scanFrom = start;
    while (true) {
      int newline = indexOfNewline(buf, scanFrom, end);
      if (newline >= 0) {
        lineLength = newline - start;
        return true;
      }
      if (eof) {
        if (end > start) {
          lineLength = end - start;
          buf[end] = '\n'; // there is always room: reads leave a spare byte
          end++;
          return true;
        }
        return false;
      }
      if (end - start >= BIG) {
        readBig();
        return true;
      }
      if (start > 0 && buf.length - 1 - end < 8192) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      int scanned = end - start;
      int n = in.read(buf, end, buf.length - 1 - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
      scanFrom = start + scanned;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';

  /**
   * The index of the first {@code \n} in {@code b} from {@code from} to {@code to}, or -1. Eight
   * bytes at a time (a line is scanned once for its end before it is parsed, and lines of a crawl
   * are pages): the byte loop this replaces was an eighth of the spider's CPU, since the JVMs of
   * {@code --local} run only the C1 compiler, which neither unrolls nor vectorizes it.
   */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long v = (long) LONGS.get(b, i) ^ NEWLINES; // a zero byte where b has '\n'
      long zero = (v - ONES) & ~v & HIGHS; // the lowest marked byte is the first zero byte
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Moves the over-long line into chunks and reads on until its newline. */
  private void readBig() throws IOException {
    List<byte[]> chunks = new ArrayList<>(64);
    held = 0;
    lineEnded = false;
    try {
      byte[] first = new byte[end - start];
      System.arraycopy(buf, start, first, 0, first.length);
      chunks.add(first);
      held = first.length;
      start = end = 0;
      readChunks(chunks);
    } catch (OutOfMemoryError e) {
      // what was read of this line is in chunks (up to held), or still in buf if the first
      // copy failed; nothing else of it was read. Nothing may be allocated until chunks is let go
      // (the salvage scan allocates nothing)
      salvage.reset();
      long length;
      if (chunks.isEmpty()) {
        length = end - start;
        salvage.feed(buf, start, end - start);
        start = end = 0;
      } else {
        length = held;
        long left = held;
        for (int i = 0; i < chunks.size(); i++) { // no iterator: the heap is full
          byte[] c = chunks.get(i);
          int n = (int) Math.min(c.length, left);
          salvage.feed(c, 0, n);
          left -= n;
        }
      }
      chunks = null; // the heap gets it back before reading on
      big = null;
      if (!lineEnded) {
        length = skipRest(length);
      }
      dropped = new Dropped(length, salvage.found(json));
      lineLength = -1; // the next line starts at buf[0]
    }
  }

  /** Reads past the rest of a line the heap cannot hold, through the line buffer, scanning it. */
  private long skipRest(long length) throws IOException {
    end = 0;
    while (true) {
      int n = in.read(buf, 0, buf.length - 1);
      if (n < 0) {
        eof = true;
        return length;
      }
      int newline = -1;
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          newline = i;
          break;
        }
      }
      if (newline >= 0) {
        salvage.feed(buf, 0, newline);
        System.arraycopy(buf, newline + 1, buf, 0, n - newline - 1);
        end = n - newline - 1;
        return length + newline;
      }
      salvage.feed(buf, 0, n);
      length += n;
    }
  }

  private void readChunks(List<byte[]> chunks) throws IOException {
    while (true) {
      byte[] chunk = new byte[CHUNK];
      chunks.add(chunk); // before reading into it: an allocation that fails loses no byte
      int filled = 0;
      int newline = -1;
      while (filled < CHUNK && newline < 0) {
        int n = in.read(chunk, filled, CHUNK - filled);
        if (n < 0) {
          eof = true;
          break;
        }
        newline = indexOfNewline(chunk, filled, filled + n);
        filled += n;
      }
      int used = newline >= 0 ? newline : filled;
      if (newline >= 0 && filled > newline + 1) {
        // bytes after the newline start the next line(s)
        System.arraycopy(chunk, newline + 1, buf, 0, filled - newline - 1);
        end = filled - newline - 1;
      }
      held += used;
      if (newline >= 0 || eof) {
        lineEnded = true;
        if (used < CHUNK) {
          // the last chunk as an exact copy; without heap for it, the chunk itself (BigLine
          // reads no further than the line's length)
          try {
            byte[] exact = new byte[used];
            System.arraycopy(chunk, 0, exact, 0, used);
            chunks.set(chunks.size() - 1, exact);
          } catch (OutOfMemoryError e) {
            // keep it whole
          }
        }
        break;
      }
    }
    long length = held;
    if (length > 0 && byteAt(chunks, length - 1) == '\r') {
      length--;
    }
    big = new BigLine(chunks, length);
    lineLength = -1; // the next line starts at buf[0]
  }

  private static byte byteAt(List<byte[]> chunks, long pos) {
    for (byte[] c : chunks) {
      if (pos < c.length) {
        return c[(int) pos];
      }
      pos -= c.length;
    }
    throw new IndexOutOfBoundsException();
  }

  /** The current line when it was too long for the buffer, else null. */
  public BigLine big() {
    return big;
  }

  /** The current line when it was too long for the heap and was read past, else null. */
  public Dropped dropped() {
    return dropped;
  }

  /** Lets go of the current big line's chunks (its body is decoded); its length stays known. */
  public void release() {
    if (big != null) {
      big.release();
    }
  }

  /**
   * The buffer holding the current (ordinary) line; valid until the next call of {@link #next()}.
   */
  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return start;
  }

  /** Length of the current ordinary line, without a trailing {@code \r}. */
  public int length() {
    int n = lineLength;
    if (n > 0 && buf[start + n - 1] == '\r') {
      n--;
    }
    return n;
  }

  /** An over-long line, in chunks. */
  public static final class BigLine {
    private List<byte[]> chunks;
    private final long length;

    BigLine(List<byte[]> chunks, long length) {
      this.chunks = chunks;
      this.length = length;
    }

    public long length() {
      return length;
    }

    void release() {
      chunks = List.of();
    }

    /** Hands the line's bytes from {@code from} to its end to {@code s}, chunk by chunk. */
    public void scan(long from, Scanner s) {
      long chunkStart = 0;
      for (byte[] c : chunks) {
        long chunkEnd = Math.min(chunkStart + c.length, length);
        if (from < chunkEnd) {
          int at = (int) Math.max(0, from - chunkStart);
          if (s.feed(c, at, (int) (chunkEnd - chunkStart) - at)) {
            return;
          }
        }
        chunkStart += c.length;
        if (chunkStart >= length) {
          return;
        }
      }
    }

    public byte byteAt(long pos) {
      return LineReader.byteAt(chunks, pos);
    }

    /** The position of the first {@code "} or backslash at or after {@code from}, or the length. */
    public long endOfPlainString(long from) {
      long chunkStart = 0;
      for (byte[] c : chunks) {
        long chunkEnd = Math.min(chunkStart + c.length, length);
        if (from < chunkEnd) {
          for (int i = (int) Math.max(0, from - chunkStart); chunkStart + i < chunkEnd; i++) {
            if (c[i] == '"' || c[i] == '\\') {
              return chunkStart + i;
            }
          }
        }
        chunkStart += c.length;
      }
      return length;
    }

    /** The line's bytes from {@code from} to its end. */
    public InputStream stream(long from) {
      return new InputStream() {
        private long pos = from;
        private int chunk;
        private long chunkStart;

        {
          while (chunk < chunks.size() && pos >= chunkStart + chunks.get(chunk).length) {
            chunkStart += chunks.get(chunk).length;
            chunk++;
          }
        }

        @Override
        public int read() {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (pos >= length) {
            return -1;
          }
          while (pos >= chunkStart + chunks.get(chunk).length) {
            chunkStart += chunks.get(chunk).length;
            chunk++;
          }
          byte[] c = chunks.get(chunk);
          int at = (int) (pos - chunkStart);
          int n = (int) Math.min(Math.min(len, c.length - at), length - pos);
          System.arraycopy(c, at, b, off, n);
          pos += n;
          return n;
        }
      };
    }
  }
}
