package io.streamspider.host.internal;

import java.util.concurrent.ForkJoinPool;

/**
 * Keeps the JDK's HTTP client from starting a thread per response on small machines.
 *
 * <p>{@code HttpClient.sendAsync} hands every completed response to CompletableFuture's default
 * executor. With fewer than 3 processors the common pool's parallelism is 1, and then that executor
 * starts a new thread for each task: one thread per page crawled (20,000 threads on a 20,000-page
 * crawl on 2 cores). A parallelism of 2 makes it the common pool. The property is read once, when
 * the pool is first used, so this must run before anything touches CompletableFuture or
 * ForkJoinPool.
 */
public final class AsyncPool {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private AsyncPool() {}

  /**
   * Asks for a common pool of at least 2 threads unless the user chose a size. Returns null when
   * the pool is fit for the HTTP client, or a warning to log when it was set up too early (or by
   * the user) with one thread.
   */
  public static String ensureCommonPool() {
    if (System.getProperty(PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() - 1 < 2) {
      System.setProperty(PARALLELISM, "2");
    }
    if (ForkJoinPool.getCommonPoolParallelism() >= 2) {
      return null;
    }
    return "the common ForkJoinPool has one thread, so the HTTP client starts a new thread for"
        + " every response; run the host with -D"
        + PARALLELISM
        + "=2";
  }
}
