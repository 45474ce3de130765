package io.streamspider.test;

import io.streamspider.runtime.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a {@link CrawlReplay} produced: every item, request and failure, in replay order. */
public final class ReplayResult {
  private final List<Object> items;
  private final List<ProducedRequest> requests;
  private final List<Failure> failures;
  private final List<String> missing;
  private final int responses;

  ReplayResult(
      List<Object> items,
      List<ProducedRequest> requests,
      List<Failure> failures,
      List<String> missing,
      int responses) {
    this.items = Collections.unmodifiableList(items);
    this.requests = Collections.unmodifiableList(requests);
    this.failures = Collections.unmodifiableList(failures);
    this.missing = Collections.unmodifiableList(missing);
    this.responses = responses;
  }

  public List<Object> items() {
    return items;
  }

  /**
   * Every item, typed.
   *
   * @throws AssertionError naming an item of another type
   */
  public <T> List<T> items(Class<T> type) {
    List<T> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!type.isInstance(item)) {
        throw new AssertionError(
            "the replay produced an item of type "
                + item.getClass().getName()
                + ", not "
                + type.getName()
                + ": "
                + item);
      }
      out.add(type.cast(item));
    }
    return Collections.unmodifiableList(out);
  }

  /** Every request the callbacks returned (before the duplicate and off-site filters). */
  public List<ProducedRequest> requests() {
    return requests;
  }

  /** The requests to callback {@code callbackId}. */
  public List<ProducedRequest> requests(String callbackId) {
    List<ProducedRequest> out = new ArrayList<>();
    for (ProducedRequest r : requests) {
      if (r.callbackId().equals(callbackId)) {
        out.add(r);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Requests that failed: a non-2xx status, a form not found, or not in the cache. */
  public List<Failure> failures() {
    return failures;
  }

  /**
   * The requests the cache could not answer ({@code Ignored request not in cache: <GET url> ...}).
   */
  public List<String> missing() {
    return missing;
  }

  /** How many responses reached a callback. */
  public int responses() {
    return responses;
  }

  @Override
  public String toString() {
    return "replay: "
        + responses
        + " responses, "
        + items.size()
        + " items, "
        + requests.size()
        + " requests, "
        + failures.size()
        + " failures ("
        + missing.size()
        + " not in the cache)";
  }
}
