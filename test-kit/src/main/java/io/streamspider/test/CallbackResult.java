package io.streamspider.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What one callback produced from one page: its items and requests in the order it returned them,
 * and the values its {@code @Selector}s gave. Plain lists, so any assertion library reads them:
 * {@code assertThat(result.items()).containsExactly(...)}.
 */
public final class CallbackResult {
  private final String callbackId;
  private final Page page;
  private final Map<String, List<String>> selectorValues;
  private final List<Object> items;
  private final List<ProducedRequest> requests;

  CallbackResult(
      String callbackId,
      Page page,
      Map<String, List<String>> selectorValues,
      List<Object> items,
      List<ProducedRequest> requests) {
    this.callbackId = callbackId;
    this.page = page;
    this.selectorValues = selectorValues;
    this.items = Collections.unmodifiableList(items);
    this.requests = Collections.unmodifiableList(requests);
  }

  /** The callback that ran. */
  public String callbackId() {
    return callbackId;
  }

  /** The page it ran on (null for an error handler). */
  public Page page() {
    return page;
  }

  /**
   * Field → values of the callback's {@code @Selector}s on the page (empty for a plain callback).
   */
  public Map<String, List<String>> selectorValues() {
    return selectorValues;
  }

  /** Every item, in order. */
  public List<Object> items() {
    return items;
  }

  /**
   * Every item, typed.
   *
   * @throws AssertionError naming the callback, page and item when an item is of another type
   */
  public <T> List<T> items(Class<T> type) {
    List<T> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!type.isInstance(item)) {
        throw new AssertionError(
            where()
                + " produced an item of type "
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

  /**
   * The one item.
   *
   * @throws AssertionError when there is not exactly one, or it is of another type
   */
  public <T> T item(Class<T> type) {
    if (items.size() != 1) {
      throw new AssertionError(
          where() + " produced " + items.size() + " items, expected exactly one: " + items);
    }
    return items(type).get(0);
  }

  /** Every request, in order. */
  public List<ProducedRequest> requests() {
    return requests;
  }

  /** The requests to callback {@code callbackId}, in order. */
  public List<ProducedRequest> requests(String callbackId) {
    List<ProducedRequest> out = new ArrayList<>();
    for (ProducedRequest r : requests) {
      if (r.callbackId().equals(callbackId)) {
        out.add(r);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The one request to {@code callbackId}.
   *
   * @throws AssertionError when there is not exactly one
   */
  public ProducedRequest request(String callbackId) {
    List<ProducedRequest> r = requests(callbackId);
    if (r.size() != 1) {
      throw new AssertionError(
          where()
              + " produced "
              + r.size()
              + " requests to callback "
              + callbackId
              + ", expected exactly one: "
              + requests);
    }
    return r.get(0);
  }

  /** The absolute URLs of the requests to {@code callbackId}, in order. */
  public List<String> urls(String callbackId) {
    List<String> out = new ArrayList<>();
    for (ProducedRequest r : requests(callbackId)) {
      out.add(r.url());
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether the callback returned nothing at all. */
  public boolean isEmpty() {
    return items.isEmpty() && requests.isEmpty();
  }

  String where() {
    return "callback " + callbackId + (page == null ? "" : " on " + page);
  }

  @Override
  public String toString() {
    return where()
        + ": "
        + items.size()
        + " item(s) "
        + items
        + ", "
        + requests.size()
        + " request(s) "
        + requests;
  }
}
