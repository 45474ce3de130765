package io.streamspider.host.internal.engine;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body while enforcing DOWNLOAD_MAXSIZE (cancels the download past it, as
 * Scrapy's {@code _ResponseReader}) and noticing DOWNLOAD_WARNSIZE. Keeps what arrived before an
 * error so a truncated body can still be handed over when DOWNLOAD_FAIL_ON_DATALOSS is false.
 *
 * <p>Memory: the body is kept in chunks (never a doubling buffer, whose copy would hold three times
 * the body at once) and joined once at the end, so a body of n bytes costs at most 2n here and n
 * once it is handed over. With a Content-Length, once a quarter of it has arrived, the rest goes
 * straight into one array of that length (at most 1.25n; a server whose Content-Length lies cannot
 * make the host allocate more than four times what it sent). Running out of memory fails this
 * download only ({@link HostErrorException}), never the thread that delivers the bytes.
 */
public final class BodyCollector implements HttpResponse.BodySubscriber<byte[]> {
  /** The body grew past the limit. */
  public static final class TooLargeException extends RuntimeException {
    public final long received;

    TooLargeException(long received) {
      super("received " + received + " bytes", null, false, false);
      this.received = received;
    }
  }

  /** The Content-Length announced a body past the limit. */
  public static final class ExpectedTooLargeException extends RuntimeException {
    public final long expected;

    public ExpectedTooLargeException(long expected) {
      super("expected " + expected + " bytes", null, false, false);
      this.expected = expected;
    }
  }

  /** The host could not hold the body (e.g. OutOfMemoryError); the download fails with it. */
  public static final class HostErrorException extends RuntimeException {
    HostErrorException(Throwable cause) {
      super(String.valueOf(cause), cause, false, false);
    }
  }

  /** The body stream failed; carries what arrived before. */
  public static final class BodyFailedException extends RuntimeException {
    public final byte[] partial;

    BodyFailedException(Throwable cause, byte[] partial) {
      super(cause);
      this.partial = partial;
    }
  }

  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final long maxSize;
  private final long warnSize;
  private final Runnable onWarnSize;
  private final RuntimeException failAtOnce;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;
  private static final int MIN_CHUNK = 1 << 14;
  private static final int MAX_CHUNK = 1 << 22;
  private final List<byte[]> chunks = new ArrayList<>();
  private byte[] chunk;
  private int used;
  private long size;
  private boolean warned;
  private final long expected;

  /**
   * The body's one array once the Content-Length is trusted; {@link #size} bytes of it are filled.
   */
  private byte[] whole;

  /**
   * @param failAtOnce when not null, the body is not read and the download fails with it
   */
  public BodyCollector(
      long maxSize,
      long warnSize,
      long expectedSize,
      Runnable onWarnSize,
      RuntimeException failAtOnce) {
    this.maxSize = maxSize;
    this.warnSize = warnSize;
    this.onWarnSize = onWarnSize;
    this.failAtOnce = failAtOnce;
    this.expected =
        expectedSize > 0
                && expectedSize <= Integer.MAX_VALUE - 16
                && (maxSize <= 0 || expectedSize <= maxSize)
            ? expectedSize
            : -1;
    this.chunk = new byte[(int) Math.max(256, Math.min(expectedSize, MIN_CHUNK))];
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (failAtOnce != null) {
      s.cancel();
      result.completeExceptionally(failAtOnce);
      return;
    }
    if (cancelled) {
      s.cancel();
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    try {
      for (ByteBuffer b : items) {
        append(b);
      }
    } catch (Throwable e) { // OutOfMemoryError: this download fails, the client's thread lives on
      fail(new HostErrorException(e));
      return;
    }
    if (size > Integer.MAX_VALUE - 16) {
      fail(new TooLargeException(size)); // more than a Java array holds
      return;
    }
    if (maxSize > 0 && size > maxSize) {
      fail(new TooLargeException(size));
      return;
    }
    if (warnSize > 0 && size > warnSize && !warned) {
      warned = true;
      onWarnSize.run();
    }
  }

  private void append(ByteBuffer b) {
    if (whole == null && expected > 0 && size + b.remaining() >= expected / 4) {
      byte[] w = new byte[(int) expected];
      long had = size;
      byte[] sofar = join();
      System.arraycopy(sofar, 0, w, 0, sofar.length);
      whole = w;
      size = had;
    }
    if (whole != null) {
      int n = b.remaining();
      if (size + n > whole.length) {
        // more than the Content-Length: keep it all (the client reports the error)
        byte[] bigger = new byte[(int) Math.min(Integer.MAX_VALUE - 16, size + n)];
        System.arraycopy(whole, 0, bigger, 0, (int) size);
        whole = bigger;
      }
      b.get(whole, (int) size, n);
      size += n;
      return;
    }
    while (b.hasRemaining()) {
      if (used == chunk.length) {
        chunks.add(chunk);
        // chunks grow with the body (few of them for a big one), up to 4 MiB each
        chunk = new byte[(int) Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size / 8))];
        used = 0;
      }
      int n = Math.min(b.remaining(), chunk.length - used);
      b.get(chunk, used, n);
      used += n;
      size += n;
    }
  }

  /** The body so far as one array; the chunks are dropped as they are copied. */
  private byte[] join() {
    if (whole != null) {
      byte[] w = whole;
      whole = null;
      return w.length == size ? w : java.util.Arrays.copyOf(w, (int) size);
    }
    if (chunks.isEmpty() && used == chunk.length) {
      byte[] only = chunk;
      chunk = new byte[0];
      used = 0;
      return only;
    }
    byte[] out = new byte[(int) size];
    int at = 0;
    for (int i = 0; i < chunks.size(); i++) {
      byte[] c = chunks.get(i);
      System.arraycopy(c, 0, out, at, c.length);
      at += c.length;
      chunks.set(i, null);
    }
    System.arraycopy(chunk, 0, out, at, used);
    chunks.clear();
    chunk = new byte[0];
    used = 0;
    return out;
  }

  private void fail(RuntimeException e) {
    whole = null;
    chunks.clear();
    chunk = new byte[0];
    used = 0;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    result.completeExceptionally(e);
  }

  @Override
  public void onError(Throwable t) {
    if (result.isDone()) {
      return;
    }
    try {
      result.completeExceptionally(new BodyFailedException(t, join()));
    } catch (Throwable e) {
      result.completeExceptionally(new HostErrorException(e));
    }
  }

  @Override
  public void onComplete() {
    if (result.isDone()) {
      return;
    }
    try {
      result.complete(join());
    } catch (Throwable e) {
      fail(new HostErrorException(e));
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  /** Stops reading (timeout, shutdown). */
  public void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
