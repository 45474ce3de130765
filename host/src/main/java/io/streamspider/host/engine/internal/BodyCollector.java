package io.streamspider.host.engine.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body while enforcing DOWNLOAD_MAXSIZE (cancels the download past it, as
 * Scrapy's {@code _ResponseReader}) and noticing DOWNLOAD_WARNSIZE. Keeps what arrived before an
 * error so a truncated body can still be handed over when DOWNLOAD_FAIL_ON_DATALOSS is false.
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
  private byte[] buf;
  private int size;
  private boolean warned;

  /**
   * @param failAtOnce when not null, the body is not read and the download fails with it
   */
  public BodyCollector(long maxSize, long warnSize, long expectedSize, Runnable onWarnSize,
      RuntimeException failAtOnce) {
    this.maxSize = maxSize;
    this.warnSize = warnSize;
    this.onWarnSize = onWarnSize;
    this.failAtOnce = failAtOnce;
    this.buf = new byte[(int) Math.max(256, Math.min(expectedSize, 1 << 20))];
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
    for (ByteBuffer b : items) {
      int n = b.remaining();
      if (size + n > buf.length) {
        long want = Math.max((long) buf.length * 2, (long) size + n);
        if (want > Integer.MAX_VALUE - 16) {
          fail(new TooLargeException((long) size + n));
          return;
        }
        buf = Arrays.copyOf(buf, (int) want);
      }
      b.get(buf, size, n);
      size += n;
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

  private void fail(RuntimeException e) {
    buf = new byte[0];
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    result.completeExceptionally(e);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(new BodyFailedException(t, Arrays.copyOf(buf, size)));
  }

  @Override
  public void onComplete() {
    result.complete(size == buf.length ? buf : Arrays.copyOf(buf, size));
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
