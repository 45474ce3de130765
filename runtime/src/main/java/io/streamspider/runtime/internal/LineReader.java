package io.streamspider.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-terminated lines as bytes into one reusable buffer, so a protocol line is
 * parsed where it lies: no String for the line, no copy (a 50 MB base64 body is held once).
 */
public final class LineReader {
  private static final int INITIAL = 64 * 1024;
  /** A buffer grown past this by one huge line is dropped afterwards, not kept for the run. */
  private static final int KEEP = 4 * 1024 * 1024;

  private final InputStream in;
  private byte[] buf = new byte[INITIAL];
  private int start; // first byte of the next line
  private int end; // end of valid data
  private int lineLength = -1;
  private boolean eof;

  public LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next line (without its {@code \n} or {@code \r\n}).
   *
   * @return false at end of input (a last line without newline is still returned)
   */
  public boolean next() throws IOException {
    if (lineLength >= 0) {
      start += lineLength + 1;
      lineLength = -1;
    }
    if (start > 0 && start == end) {
      start = end = 0;
    }
    if (buf.length > KEEP && end - start < INITIAL) {
      byte[] small = new byte[INITIAL];
      System.arraycopy(buf, start, small, 0, end - start);
      end -= start;
      start = 0;
      buf = small;
    }
    int scanFrom = start;
    while (true) {
      for (int i = scanFrom; i < end; i++) {
        if (buf[i] == '\n') {
          lineLength = i - start;
          return true;
        }
      }
      scanFrom = end;
      if (eof) {
        if (end > start) {
          lineLength = end - start;
          // no newline to skip: pretend one so the next call starts past the end
          ensureCapacity(1);
          buf[end] = '\n';
          end++;
          return true;
        }
        return false;
      }
      ensureCapacity(8192);
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    }
  }

  private void ensureCapacity(int free) {
    if (buf.length - end >= free) {
      return;
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
      if (buf.length - end >= free) {
        return;
      }
    }
    // grow by half: a huge line costs 1.5x its size at most, not 2x
    long wanted = Math.max((long) buf.length + (buf.length >> 1), (long) end + free);
    if (wanted > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("protocol line longer than 2 GiB");
    }
    buf = Arrays.copyOf(buf, (int) wanted);
  }

  /** The buffer holding the current line; valid until the next call of {@link #next()}. */
  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return start;
  }

  /** Length of the current line, without a trailing {@code \r}. */
  public int length() {
    int n = lineLength;
    if (n > 0 && buf[start + n - 1] == '\r') {
      n--;
    }
    return n;
  }
}
