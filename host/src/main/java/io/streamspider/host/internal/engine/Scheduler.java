package io.streamspider.host.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Scrapy's scheduler with its default memory queue: higher {@code priority} first, last in first
 * out within a priority. Jobs leave it while fewer than {@code CONCURRENT_REQUESTS} are being
 * handled; a job counts as handled ("active") from then until its answer, or until a redirect or
 * retry puts it back.
 *
 * <p>Guarded by the engine's lock, which also guards the download slots, so that one wait sees both
 * (see {@link Engine#awaitInFlight}).
 */
final class Scheduler {
  private final Object lock;
  private final Stats stats;
  private final int concurrentRequests;
  private final Consumer<Job> dispatch;
  private final PriorityQueue<Job> queue =
      new PriorityQueue<>(
          Comparator.comparingInt((Job j) -> j.priority)
              .reversed()
              .thenComparing(Comparator.comparingLong((Job j) -> j.sequence).reversed()));
  private int active;
  private long sequence;
  private volatile boolean shutdown;
  private volatile java.util.function.BooleanSupplier backout = () -> false;

  /**
   * @param lock the engine's lock
   * @param dispatch takes each job that leaves the queue on to the downloader
   */
  Scheduler(Object lock, Stats stats, int concurrentRequests, Consumer<Job> dispatch) {
    this.lock = lock;
    this.stats = stats;
    this.concurrentRequests = concurrentRequests;
    this.dispatch = dispatch;
  }

  boolean isShutdown() {
    return shutdown;
  }

  /** Queues a job; false (and not queued) once the scheduler is shut down. */
  boolean enqueue(Job job) {
    synchronized (lock) {
      if (shutdown) {
        return false;
      }
      job.sequence = sequence++;
      queue.add(job);
    }
    stats.inc("scheduler/enqueued/memory");
    stats.inc("scheduler/enqueued");
    pump();
    return true;
  }

  /** Puts an active job (a redirect or a retry) back in the queue; false once shut down. */
  boolean requeue(Job job) {
    synchronized (lock) {
      active--;
      lock.notifyAll();
    }
    return enqueue(job);
  }

  /** A job is done (answered): its place goes to the next one. */
  void release(Job job) {
    if (job.direct) {
      return;
    }
    synchronized (lock) {
      active--;
      lock.notifyAll();
    }
    pump();
  }

  /**
   * While {@code backout} is true, no job leaves the queue (Scrapy's {@code _needs_backout}: the
   * responses downloaded and not yet handled are too many); call {@link #resume} once it turns
   * false.
   */
  void backout(java.util.function.BooleanSupplier backout) {
    this.backout = backout;
  }

  /** Hands out jobs again after a backout ended. */
  void resume() {
    pump();
  }

  /**
   * Moves jobs from the queue to the downloader while CONCURRENT_REQUESTS allows and no backout
   * holds them.
   */
  private void pump() {
    List<Job> next = new ArrayList<>();
    synchronized (lock) {
      while (!shutdown
          && active < concurrentRequests
          && !queue.isEmpty()
          && !backout.getAsBoolean()) {
        next.add(queue.poll());
        active++;
      }
    }
    for (Job job : next) {
      stats.inc("scheduler/dequeued/memory");
      stats.inc("scheduler/dequeued");
      dispatch.accept(job);
    }
  }

  /** Jobs queued or active. */
  int pending() {
    synchronized (lock) {
      return queue.size() + active;
    }
  }

  /** Jobs active; the caller holds the lock. */
  int activeLocked() {
    return active;
  }

  /**
   * Stops handing out jobs; returns those still queued (the caller answers them), or null when it
   * was already shut down.
   */
  List<Job> shutdown() {
    List<Job> dropped = new ArrayList<>();
    synchronized (lock) {
      if (shutdown) {
        return null;
      }
      shutdown = true;
      while (!queue.isEmpty()) {
        dropped.add(queue.poll());
      }
      lock.notifyAll();
    }
    return dropped;
  }

  /**
   * Forgets the active jobs (the engine closes and answers them itself); the caller holds the lock.
   */
  void clearActiveLocked() {
    active = 0;
  }
}
