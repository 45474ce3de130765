package io.streamspider.runtime.internal;

import io.streamspider.runtime.generated.Callback;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runtime waits for: the requests it sent and got no answer for yet, and the start URLs
 * the host fetches (answered with id {@code parse}). In frontier mode it stays empty but for start
 * URLs: any worker may get the answer, and the frontier keeps the requests.
 */
final class InFlight {
  /** A request sent and not yet answered. */
  record Pending(
      Callback callback,
      String url,
      String method,
      Map<String, Object> meta,
      boolean localSelectors,
      int parent) {}

  private final Map<String, Pending> pending = new HashMap<>();
  private int startUrls;

  void add(String id, Pending p) {
    pending.put(id, p);
  }

  /** The request with this id, now answered; null when none is in flight. */
  Pending remove(String id) {
    return pending.remove(id);
  }

  void startUrls(int count) {
    startUrls = count;
  }

  /** Counts one start URL answered; false when none was waiting. */
  boolean startAnswered() {
    if (startUrls > 0) {
      startUrls--;
      return true;
    }
    return false;
  }

  boolean isEmpty() {
    return startUrls == 0 && pending.isEmpty();
  }

  int count() {
    return startUrls + pending.size();
  }

  /** The pending ids, and the number of start URLs waiting, for a message. */
  List<String> describe() {
    List<String> ids = new ArrayList<>(pending.keySet());
    if (startUrls > 0) {
      ids.add(startUrls + " start URL(s)");
    }
    return ids;
  }
}
