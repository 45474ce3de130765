package io.streamspider.host.internal.engine.frontier;

import java.util.List;

/**
 * The scheduler's queue and duplicate filter, kept where it outlives one process: on disk for
 * {@code JOBDIR}, in Redis for {@code SCHEDULER=redis}. A request taken from it is leased, not
 * removed: it leaves the frontier only when {@link #ack acknowledged}, i.e. once what its response
 * produced is durable. A lease that is never acknowledged (the process died) puts the request back,
 * so a crash loses nothing and refetches at most the requests in flight.
 */
public interface Frontier extends AutoCloseable {
  /**
   * Adds a request unless its fingerprint was seen before ({@link FrontierEntry#dontFilter()} skips
   * that check and records nothing).
   *
   * @return false when it was a duplicate and was dropped
   */
  boolean push(FrontierEntry entry);

  /** Leases up to {@code max} requests, highest priority first, then oldest first. */
  List<FrontierEntry> take(int max);

  /** The request is done: it leaves the frontier for good. */
  void ack(FrontierEntry entry);

  /** Gives a leased request back at once (e.g. on a clean stop before it was sent). */
  void release(FrontierEntry entry);

  /** Requests waiting, not counting leased ones. */
  long queued();

  /** Requests leased and not yet acknowledged, by this process or (Redis) any worker. */
  long leased();

  @Override
  void close();
}
