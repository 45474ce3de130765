package io.streamspider.host.internal;

import io.streamspider.runtime.spi.InProcessSpider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The spider as a child process: its stdin gets one message per line from a writer thread (so no
 * caller blocks on a full pipe), its stdout is split into lines as the real host splits them
 * ({@code \n}, {@code \r\n} or {@code \r}), and every byte on its stderr is reported.
 */
public final class SpiderProcess {
  /** Receives what the spider writes; each method is called from one dedicated thread. */
  public interface Listener {
    /** One line from stdout, without its terminator; {@code utf8} is false if it was not UTF-8. */
    void onLine(String line, boolean utf8);

    /** stdout reached end of file (the spider closed it or exited). */
    void onStdoutClosed();

    /** Bytes the spider wrote to stderr, decoded as UTF-8. */
    void onStderr(String text);

    /**
     * {@link #onLine} threw: a bug in the host, not in the spider. Reading goes on (a spider must
     * never block on a full pipe), and the listener decides what becomes of the crawl.
     */
    void onLineFailed(String line, Throwable e);

    /**
     * A thread of the host that serves the spider failed (reading its stdout or stderr, writing its
     * stdin) with something other than the spider's pipe closing: a bug in the host or its memory
     * running out. The spider no longer gets or sends what it should: the listener must end the
     * crawl as failed.
     */
    void onHostThreadFailed(String thread, Throwable e);
  }

  /**
   * A line written straight to the spider's stdin by the writer thread, without its {@code \n} (a
   * response whose body is encoded as it goes out, instead of held as one more copy).
   */
  public interface Line {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final Object END = new Object();

  private final Process process;
  private final BlockingQueue<Object> toSpider = new LinkedBlockingQueue<>();
  private final HostLog log;
  private volatile boolean discard;

  private SpiderProcess(Process process, HostLog log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with exactly {@code environment} and begins reading its output. */
  public static SpiderProcess start(
      List<String> command, Map<String, String> environment, HostLog log, Listener listener)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(environment);
    return begin(new SpiderProcess(pb.start(), log), listener);
  }

  /** Starts {@code spider} in this JVM, on pipes, and begins reading its output. */
  public static SpiderProcess startInJvm(InProcessSpider spider, HostLog log, Listener listener)
      throws IOException {
    return begin(new SpiderProcess(new InJvmProcess(spider, log), log), listener);
  }

  private static SpiderProcess begin(SpiderProcess p, Listener listener) {
    p.thread("spider-stdin", () -> p.writeLoop(listener));
    p.thread("spider-stdout", () -> p.readLines(listener));
    p.thread("spider-stderr", () -> p.readStderr(listener));
    return p;
  }

  public long pid() {
    return process.pid();
  }

  /** Queues one line for the spider's stdin; ignored once input is closed. */
  public void send(String line) {
    if (!discard) {
      toSpider.add(line);
    }
  }

  /** Queues one line that writes itself to the spider's stdin; ignored once input is closed. */
  public void send(Line line) {
    if (!discard) {
      toSpider.add(line);
    }
  }

  /** Closes stdin after the lines queued so far; later lines are dropped. */
  public void closeInput() {
    toSpider.add(END);
    discard = true;
  }

  /** Drops the queued lines not yet written and closes stdin (the crawl has stopped). */
  public void abandonInput() {
    discard = true;
    toSpider.clear();
    toSpider.add(END);
  }

  /**
   * SIGTERM, leaving the pipes open: {@code Process.destroy()} would also close the spider's stdin,
   * and a spider that sees the end of its input before the signal records a failure.
   */
  public void terminate() {
    if (process instanceof InJvmProcess p) {
      p.terminate();
    } else {
      process.toHandle().destroy();
    }
  }

  /** Whether the spider runs in this JVM, where Ctrl-C reaches only the host. */
  public boolean inThisJvm() {
    return process instanceof InJvmProcess;
  }

  /** SIGKILL, as the real host does. */
  public void kill() {
    if (process instanceof InJvmProcess p) {
      p.destroy();
    } else {
      process.destroyForcibly();
    }
  }

  public boolean waitFor(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or -1 while it runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  private void thread(String name, Runnable body) {
    Thread t = new Thread(body, name + "-" + process.pid());
    t.setDaemon(true);
    t.start();
  }

  private void writeLoop(Listener listener) {
    OutputStream out = process.getOutputStream();
    try {
      while (true) {
        Object line = toSpider.take();
        if (line == END) {
          break;
        }
        if (line instanceof String text) {
          out.write(text.getBytes(StandardCharsets.UTF_8));
        } else {
          ((Line) line).writeTo(out);
        }
        out.write('\n');
        if (toSpider.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      log.debug("host", "The spider's stdin is closed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // e.g. OutOfMemoryError: a line may be half written; the spider cannot be answered any more
      discard = true;
      toSpider.clear();
      listener.onHostThreadFailed("writing to the spider's stdin", e);
    } finally {
      discard = true;
      toSpider.clear();
      try {
        out.close();
      } catch (IOException e) {
        // the spider is gone; nothing to tell it
      }
    }
  }

  private void readLines(Listener listener) {
    try (InputStream in = process.getInputStream()) {
      byte[] buf = new byte[65536];
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean afterCr = false;
      for (int n; (n = in.read(buf)) >= 0; ) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n' && afterCr) {
            // the \n of a \r\n pair: the line ended at the \r
            start = i + 1;
            afterCr = false;
            continue;
          }
          afterCr = b == '\r';
          if (b == '\n' || b == '\r') {
            line.write(buf, start, i - start);
            deliver(listener, line.toByteArray());
            line.reset();
            start = i + 1;
          }
        }
        line.write(buf, start, n - start);
      }
      if (line.size() > 0) {
        deliver(listener, line.toByteArray());
      }
    } catch (IOException e) {
      log.debug("host", "Reading the spider's stdout failed: " + e.getMessage());
    } catch (Throwable e) {
      // e.g. OutOfMemoryError on a huge line: not the spider closing its stdout
      listener.onHostThreadFailed("reading the spider's stdout", e);
    } finally {
      listener.onStdoutClosed();
    }
  }

  private static void deliver(Listener listener, byte[] bytes) {
    String text;
    boolean utf8;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      utf8 = true;
    } catch (CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.UTF_8);
      utf8 = false;
    }
    try {
      listener.onLine(text, utf8);
    } catch (RuntimeException | Error e) {
      listener.onLineFailed(text, e);
    }
  }

  private void readStderr(Listener listener) {
    try (InputStream err = process.getErrorStream()) {
      byte[] buf = new byte[8192];
      for (int n; (n = err.read(buf)) >= 0; ) {
        listener.onStderr(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      log.debug("host", "Reading the spider's stderr failed: " + e.getMessage());
    } catch (Throwable e) {
      listener.onHostThreadFailed("reading the spider's stderr", e);
    }
  }
}
