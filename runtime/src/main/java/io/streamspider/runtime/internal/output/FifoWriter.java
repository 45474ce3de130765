package io.streamspider.runtime.internal.output;

import io.streamspider.runtime.Response;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Scrapy Cloud's Write Entrypoint (cloud-write-entrypoint.txt; docs/real-host.md "Scrapy Cloud's
 * Write Entrypoint"): {@code ITM}, {@code LOG}, {@code REQ}, {@code STA} and {@code FIN} lines
 * written to the job's named pipe, as its reference writer does: {@code CMD json\n}, compact
 * ASCII-only JSON, the pipe opened once, one lock and one write (the flush: the stream has no
 * buffer) per message, the 1 MiB limit checked on the encoded line.
 *
 * <p>Opening a FIFO for writing blocks until a reader opens it, so {@link #open} opens it on a
 * daemon thread and returns at once: the protocol handshake goes on. Until a reader comes, LOG, REQ
 * and STA lines wait in a bounded queue (a full queue makes their caller wait), and {@link #item}
 * waits, because an item is only acknowledged once it is in the pipe. {@link #close} waits a
 * bounded time for a reader and then gives up, saying what was lost.
 */
public final class FifoWriter implements CrawlOutput {
  /** Scrapy Cloud's limit on one message, newline included. */
  static final int MAX_MESSAGE_BYTES = AsciiJson.MAX_MESSAGE_BYTES;

  static final long DEFAULT_STATS_PERIOD_MILLIS = 30_000;
  static final long DEFAULT_CLOSE_WAIT_MILLIS = 5_000;

  /** How long the crawl may wait for a reader to open the pipe (setting FIFO_OPEN_TIMEOUT). */
  public static final long DEFAULT_OPEN_TIMEOUT_MILLIS = 60_000;

  static final int MAX_QUEUED_MESSAGES = 10_000;
  static final long MAX_QUEUED_BYTES = 16L << 20;

  /** STA far below the 64 KiB at which stats were seen rejected. */
  static final int MAX_STATS_BYTES = 16 << 10;

  private static final int MAX_STATS_ENTRIES = 100;
  private static final int MAX_STATS_TEXT = 200;

  /** At most 6 bytes per escaped char: a LOG this long stays below 1 MiB. */
  private static final int MAX_LOG_CHARS = 160_000;

  private static final int MAX_OUTCOME_CHARS = 255;
  private static final long OPEN_GRACE_MILLIS = 100;

  private final Path path;
  private final BiConsumer<String, String> hostLog;
  private final long statsPeriodMillis;
  private final long closeWaitMillis;
  private final int maxQueued;
  private final long openTimeoutMillis;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // guarded by lock
  private final WireLine line = new WireLine();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private long queuedCount;
  private long deliveredCount;
  private FileOutputStream pipe;
  private IOException failure;
  private boolean closed;
  private boolean abandoned;
  private int requestIndex;
  private long items;
  private long dropped;

  private final AtomicLong responses = new AtomicLong();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean pipeOpen;
  private volatile boolean warnedWaiting;
  private volatile Supplier<Map<String, Object>> stats = Map::of;
  private volatile Thread opener;
  private volatile ScheduledExecutorService timer;

  /** A writer for the pipe at {@code path}; {@code hostLog} reports to the host (never stderr). */
  public FifoWriter(Path path, BiConsumer<String, String> hostLog) {
    this(path, hostLog, DEFAULT_OPEN_TIMEOUT_MILLIS);
  }

  /**
   * @param openTimeoutMillis how long to wait for a reader: then the pipe counts as failed, and the
   *     next item stops the crawl
   */
  public FifoWriter(Path path, BiConsumer<String, String> hostLog, long openTimeoutMillis) {
    this(
        path,
        hostLog,
        DEFAULT_STATS_PERIOD_MILLIS,
        DEFAULT_CLOSE_WAIT_MILLIS,
        MAX_QUEUED_MESSAGES,
        openTimeoutMillis);
  }

  FifoWriter(
      Path path, BiConsumer<String, String> hostLog, long statsPeriodMillis, long closeWaitMillis) {
    this(path, hostLog, statsPeriodMillis, closeWaitMillis, MAX_QUEUED_MESSAGES);
  }

  FifoWriter(
      Path path,
      BiConsumer<String, String> hostLog,
      long statsPeriodMillis,
      long closeWaitMillis,
      int maxQueued) {
    this(path, hostLog, statsPeriodMillis, closeWaitMillis, maxQueued, DEFAULT_OPEN_TIMEOUT_MILLIS);
  }

  FifoWriter(
      Path path,
      BiConsumer<String, String> hostLog,
      long statsPeriodMillis,
      long closeWaitMillis,
      int maxQueued,
      long openTimeoutMillis) {
    this.path = path;
    this.hostLog = hostLog;
    this.statsPeriodMillis = statsPeriodMillis;
    this.closeWaitMillis = closeWaitMillis;
    this.maxQueued = maxQueued;
    this.openTimeoutMillis = openTimeoutMillis;
  }

  /**
   * Checks at start-up that {@code path} can be the pipe: an existing FIFO or file, or a new file.
   */
  static void check(Path path) {
    String where = "--fifo " + path + ": ";
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(where + "is a directory, not a named pipe");
    }
    if (Files.exists(path)) {
      if (!Files.isWritable(path)) {
        throw new IllegalArgumentException(where + "is not writable");
      }
      return;
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(
          where + "does not exist and its directory " + parent + " does not either");
    }
    if (!Files.isWritable(parent)) {
      throw new IllegalArgumentException(
          where + "does not exist and its directory is not writable");
    }
  }

  @Override
  public void open(Supplier<Map<String, Object>> stats) throws IOException {
    lock.lock();
    try {
      if (opener != null || closed) {
        throw new IllegalStateException("FifoWriter.open() called twice");
      }
      this.stats = stats == null ? Map::of : stats;
      Thread t = new Thread(this::openPipe, "scrapy-cloud-fifo-open");
      t.setDaemon(true);
      opener = t;
      t.start();
    } finally {
      lock.unlock();
    }
    writeStats();
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "scrapy-cloud-stats");
              t.setDaemon(true);
              return t;
            });
    s.scheduleAtFixedRate(
        this::writeStats, statsPeriodMillis, statsPeriodMillis, TimeUnit.MILLISECONDS);
    s.schedule(this::giveUpWaiting, openTimeoutMillis, TimeUnit.MILLISECONDS);
    timer = s;
    IOException failed;
    lock.lock();
    try {
      // a reader that is already there, or an error opening, shows within a moment
      long left = TimeUnit.MILLISECONDS.toNanos(OPEN_GRACE_MILLIS);
      while (pipe == null && failure == null && left > 0) {
        left = changed.awaitNanos(left);
      }
      failed = failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed = null;
    } finally {
      lock.unlock();
    }
    if (failed != null) {
      stopTimer();
      throw failed;
    }
    if (!pipeOpen) {
      hostLog.accept(
          "INFO",
          "Waiting for a reader to open the Scrapy Cloud FIFO "
              + path
              + " (SHUB_FIFO_PATH / --fifo); the crawl goes on meanwhile, logs and stats are queued"
              + " and items wait until the pipe is open, for at most "
              + seconds(openTimeoutMillis)
              + " s (FIFO_OPEN_TIMEOUT)");
    }
  }

  /**
   * The timer, {@code openTimeoutMillis} after {@link #open}: if no reader came, the pipe counts as
   * failed (the waiting item, or the next one, stops the crawl) and the opener is released.
   */
  private void giveUpWaiting() {
    long queued;
    lock.lock();
    try {
      if (pipe != null || failure != null || closed || abandoned) {
        return;
      }
      queued = queue.size();
    } finally {
      lock.unlock();
    }
    // said before the failure is visible: the item that sees it stops the crawl at once, and a
    // line logged after that could be the one the host never reads
    hostLog.accept(
        "ERROR",
        "Gave up waiting for a reader of the Scrapy Cloud FIFO "
            + path
            + " after "
            + seconds(openTimeoutMillis)
            + " s (setting FIFO_OPEN_TIMEOUT); "
            + queued
            + " queued message(s) are not delivered, and the next item stops the crawl");
    lock.lock();
    try {
      if (pipe != null || failure != null || closed || abandoned) {
        return; // a reader came in the meantime: the pipe is open after all
      }
      failure =
          new IOException(
              "no reader opened the Scrapy Cloud FIFO "
                  + path
                  + " within "
                  + seconds(openTimeoutMillis)
                  + " s (setting FIFO_OPEN_TIMEOUT); is the job's reader of"
                  + " SHUB_FIFO_PATH / --fifo running?");
      abandoned = true;
      queue.clear();
      queuedBytes = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    releaseOpener();
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }

  /** The opener thread: blocks in open(2) until a reader exists, then delivers the queue. */
  private void openPipe() {
    FileOutputStream out;
    try {
      out = new FileOutputStream(path.toFile());
    } catch (IOException e) {
      lock.lock();
      try {
        if (failure == null) {
          failure =
              new IOException(
                  "cannot open the Scrapy Cloud FIFO " + path + " for writing: " + e.getMessage(),
                  e);
        }
        queue.clear();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      return;
    }
    lock.lock();
    try {
      if (abandoned) {
        closeQuietly(out);
        return;
      }
      try {
        byte[] m;
        while ((m = queue.poll()) != null) {
          out.write(m);
          queuedBytes -= m.length;
          deliveredCount++;
        }
        pipe = out;
        pipeOpen = true;
      } catch (IOException e) {
        failed(e);
        closeQuietly(out);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean item(Object item, Response from) throws IOException {
    if (opener == null) {
      throw new IllegalStateException("FifoWriter.item() before open()");
    }
    if (!pipeOpen && !warnedWaiting) {
      warnedWaiting = true;
      hostLog.accept("WARNING", "An item waits for a reader of the Scrapy Cloud FIFO " + path);
    }
    String refused;
    lock.lock();
    try {
      checkUsable();
      refused = line.item(item);
      if (refused == null) {
        send(true);
        items++;
        return true;
      }
      dropped++;
    } finally {
      lock.unlock();
    }
    hostLog.accept(
        "ERROR",
        "Item from "
            + (from == null ? "None" : from)
            + " not written to Scrapy Cloud: "
            + refused
            + "; item: "
            + ItemJson.describe(item));
    return false;
  }

  @Override
  public void log(String level, String message) {
    String m = message == null ? "" : message;
    if (m.length() > MAX_LOG_CHARS) {
      int cut =
          Character.isHighSurrogate(m.charAt(MAX_LOG_CHARS - 1))
              ? MAX_LOG_CHARS - 1
              : MAX_LOG_CHARS;
      m = m.substring(0, cut) + " [truncated from " + m.length() + " chars]";
    }
    Map<String, Object> p = new LinkedHashMap<>(4);
    p.put("time", System.currentTimeMillis());
    p.put("level", levelNumber(level));
    p.put("message", m);
    sendQuietly("LOG", p);
  }

  @Override
  public int response(Response response, String method, int parent) {
    responses.incrementAndGet();
    Map<String, Object> p = new LinkedHashMap<>(10);
    p.put("url", response.url());
    p.put("status", response.status());
    p.put("method", method == null || method.isEmpty() ? "GET" : method.toUpperCase(Locale.ROOT));
    p.put("rs", bodyBytes(response));
    Object latency = response.meta("download_latency");
    p.put("duration", latency instanceof Number n ? Math.round(n.doubleValue() * 1000) : 0L);
    p.put("time", System.currentTimeMillis());
    lock.lock();
    try {
      if (!usable()) {
        return -1;
      }
      if (parent >= 0) {
        p.put("parent", parent);
      }
      if (encode("REQ", p)) {
        send(false);
        return requestIndex++;
      }
    } catch (IOException e) {
      // recorded in failure; the next item reports it
    } finally {
      lock.unlock();
    }
    return -1;
  }

  @Override
  public void finish(String outcome) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    stopTimer();
    writeStats();
    String o = outcome == null || outcome.isEmpty() ? "finished" : outcome;
    if (o.length() > MAX_OUTCOME_CHARS) {
      o = o.substring(0, MAX_OUTCOME_CHARS);
    }
    sendQuietly("FIN", Map.of("outcome", o));
  }

  @Override
  public void close() throws IOException {
    stopTimer();
    String lost = null;
    IOException error;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (opener != null && pipe == null && failure == null) {
        long left = TimeUnit.MILLISECONDS.toNanos(closeWaitMillis);
        try {
          while (pipe == null && failure == null && left > 0) {
            left = changed.awaitNanos(left);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (pipe == null && failure == null) {
          abandoned = true;
          lost = queue.size() + " queued message(s) (" + queuedBytes + " bytes)";
          queue.clear();
          queuedBytes = 0;
          changed.signalAll();
        }
      }
      error = failure;
      if (pipe != null) {
        try {
          pipe.close();
        } catch (IOException e) {
          error = e;
        }
        pipe = null;
        pipeOpen = false;
      }
    } finally {
      lock.unlock();
    }
    if (lost != null) {
      releaseOpener();
      hostLog.accept(
          "ERROR",
          "No reader opened the Scrapy Cloud FIFO "
              + path
              + " within "
              + closeWaitMillis
              + " ms of the end of the crawl; "
              + lost
              + " were not delivered");
    }
    if (error != null) {
      throw error;
    }
  }

  /** Lets the opener's open(2) return (Linux: O_RDWR on a FIFO never blocks) so it can exit. */
  private void releaseOpener() {
    Thread t = opener;
    try {
      if (t == null
          || !t.isAlive()
          || !Files.readAttributes(path, BasicFileAttributes.class).isOther()) {
        return;
      }
      try (RandomAccessFile peer = new RandomAccessFile(path.toFile(), "rw")) {
        t.join(1000);
      }
    } catch (IOException e) {
      // the opener is a daemon thread: at worst it stays blocked until the JVM exits
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Encodes and sends a LOG/STA/FIN line; these are never worth an exception to the caller. */
  private void sendQuietly(String command, Map<String, Object> payload) {
    lock.lock();
    try {
      if (usable() && encode(command, payload)) {
        send(false);
      }
    } catch (IOException e) {
      // recorded in failure; the next item reports it
    } finally {
      lock.unlock();
    }
  }

  /** Encodes a payload the writer built; false (and counted nowhere) if over the limit. */
  private boolean encode(String command, Map<String, Object> payload) throws IOException {
    return line.message(command, payload);
  }

  /**
   * Sends {@link #line}: written now if the pipe is open, else queued; {@code durable} waits for
   * it.
   */
  private void send(boolean durable) throws IOException {
    if (pipe != null) {
      write(line.buf, line.size);
      return;
    }
    checkUsable();
    // a copy first: other threads encode into the shared line while this one waits below
    byte[] m = line.copy();
    try {
      while (pipe == null
          && failure == null
          && !abandoned
          && !queue.isEmpty()
          && (queue.size() >= maxQueued || queuedBytes + m.length > MAX_QUEUED_BYTES)) {
        changed.await();
      }
      if (pipe != null) {
        write(m, m.length); // the queue was delivered while this thread waited
        return;
      }
      checkUsable();
      queue.add(m);
      queuedBytes += m.length;
      long mine = ++queuedCount;
      if (durable) {
        while (deliveredCount < mine && failure == null && !abandoned) {
          changed.await();
        }
        if (deliveredCount < mine) {
          checkUsable();
          throw new IOException(
              "the Scrapy Cloud FIFO " + path + " was closed before a reader opened it");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "interrupted while waiting for the Scrapy Cloud FIFO " + path);
    }
  }

  /** One write(2) of a whole message: the pipe has no buffer, so this is the flush. */
  private void write(byte[] bytes, int length) throws IOException {
    try {
      pipe.write(bytes, 0, length);
    } catch (IOException e) {
      failed(e);
      throw failure;
    }
  }

  private void failed(IOException e) {
    if (failure == null) {
      failure =
          new IOException(
              "writing to the Scrapy Cloud FIFO "
                  + path
                  + " failed ("
                  + e.getMessage()
                  + "): its reader went away",
              e);
    }
    if (pipe != null) {
      closeQuietly(pipe);
      pipe = null;
    }
    pipeOpen = false;
    queue.clear();
    changed.signalAll();
  }

  private boolean usable() {
    return !closed && !abandoned && failure == null;
  }

  private void checkUsable() throws IOException {
    if (failure != null) {
      throw new IOException(failure.getMessage(), failure);
    }
    if (closed || abandoned) {
      throw new IOException("the Scrapy Cloud FIFO " + path + " is closed");
    }
  }

  /** STA: the crawl's counters, small (scalars only, capped), plus this writer's own counts. */
  private void writeStats() {
    Map<String, Object> s = new LinkedHashMap<>();
    try {
      Map<String, Object> raw = stats.get();
      if (raw != null) {
        for (Map.Entry<String, Object> e : raw.entrySet()) {
          if (s.size() >= MAX_STATS_ENTRIES) {
            break;
          }
          Object v = e.getValue();
          if (e.getKey() != null
              && (v instanceof Number || v instanceof Boolean || v instanceof String)) {
            s.put(cap(e.getKey()), v instanceof String str ? cap(str) : v);
          }
        }
      }
    } catch (RuntimeException e) {
      s.put("stats_error", cap(String.valueOf(e)));
    }
    Map<String, Object> p = new LinkedHashMap<>(4);
    p.put("time", System.currentTimeMillis());
    p.put("stats", s);
    lock.lock();
    try {
      s.putIfAbsent("item_scraped_count", items);
      s.putIfAbsent("item_dropped_count", dropped);
      s.putIfAbsent("response_received_count", responses.get());
      if (!usable() || !encode("STA", p)) {
        return;
      }
      if (line.size > MAX_STATS_BYTES) {
        s.keySet()
            .removeIf(
                k ->
                    !k.startsWith("scheduler/")
                        && !k.startsWith("item_")
                        && !k.equals("response_received_count"));
        if (!encode("STA", p) || line.size > MAX_STATS_BYTES) {
          return;
        }
      }
      send(false);
    } catch (IOException | RuntimeException e) {
      // recorded in failure, or a stats value Jackson refused: the next STA tries again
    } finally {
      lock.unlock();
    }
  }

  private static String cap(String s) {
    return s.length() > MAX_STATS_TEXT ? s.substring(0, MAX_STATS_TEXT) : s;
  }

  private void stopTimer() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow();
    }
  }

  /** Python logging's numbers for the protocol's level names. */
  static int levelNumber(String level) {
    if (level == null) {
      return 20;
    }
    switch (level.strip().toUpperCase(Locale.ROOT)) {
      case "CRITICAL":
      case "FATAL":
        return 50;
      case "ERROR":
        return 40;
      case "WARNING":
      case "WARN":
        return 30;
      case "DEBUG":
        return 10;
      default:
        return 20;
    }
  }

  /** The body's size in bytes: the raw bytes, or the UTF-8 length of the text the host sent. */
  static long bodyBytes(Response r) {
    if (r.isBinary()) {
      return r.body().length;
    }
    String t = r.text();
    long n = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < t.length()
          && Character.isLowSurrogate(t.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException ignored) {
      // nothing more to deliver on it
    }
  }
}
