package io.streamspider.runtime.generated;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One {@code @Contract} of a callback, as the generated dispatch table states it: the page to run
 * the callback on and what it must produce there. Immutable; each method returns a copy.
 *
 * <pre>{@code ContractSpec.url("https://books.example/1").items(1, 1).scrapes("title")}</pre>
 */
public final class ContractSpec {
  /** The maximum of a count that has none. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  private final String url;
  private final int itemsMin;
  private final int itemsMax;
  private final int requestsMin;
  private final int requestsMax;
  private final List<String> scrapes;

  private ContractSpec(
      String url, int itemsMin, int itemsMax, int requestsMin, int requestsMax, List<String> s) {
    this.url = Objects.requireNonNull(url, "url == null");
    checkBounds("items", itemsMin, itemsMax);
    checkBounds("requests", requestsMin, requestsMax);
    this.itemsMin = itemsMin;
    this.itemsMax = itemsMax;
    this.requestsMin = requestsMin;
    this.requestsMax = requestsMax;
    this.scrapes = List.copyOf(s);
  }

  private static void checkBounds(String what, int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          what + " bounds must satisfy 0 <= min <= max, got " + min + ", " + max);
    }
  }

  /** A contract on the page at {@code url} that checks nothing yet. */
  public static ContractSpec url(String url) {
    return new ContractSpec(url, 0, UNBOUNDED, 0, UNBOUNDED, List.of());
  }

  /** At least {@code min} and at most {@code max} items ({@link #UNBOUNDED}: no maximum). */
  public ContractSpec items(int min, int max) {
    return new ContractSpec(url, min, max, requestsMin, requestsMax, scrapes);
  }

  /** At least {@code min} and at most {@code max} requests ({@link #UNBOUNDED}: no maximum). */
  public ContractSpec requests(int min, int max) {
    return new ContractSpec(url, itemsMin, itemsMax, min, max, scrapes);
  }

  /** Fields every item must have. */
  public ContractSpec scrapes(String... fields) {
    return new ContractSpec(url, itemsMin, itemsMax, requestsMin, requestsMax, List.of(fields));
  }

  public String url() {
    return url;
  }

  public int itemsMin() {
    return itemsMin;
  }

  public int itemsMax() {
    return itemsMax;
  }

  public int requestsMin() {
    return requestsMin;
  }

  public int requestsMax() {
    return requestsMax;
  }

  public List<String> scrapes() {
    return scrapes;
  }

  /**
   * What the callback's output breaks of this contract, one sentence each; empty when it holds.
   *
   * @param itemFields the field names of each item the callback returned, in order
   * @param requests how many requests it returned
   */
  public List<String> violations(List<? extends Collection<String>> itemFields, int requests) {
    List<String> out = new ArrayList<>();
    count("items", itemFields.size(), itemsMin, itemsMax, out);
    count("requests", requests, requestsMin, requestsMax, out);
    for (int i = 0; i < itemFields.size(); i++) {
      List<String> missing = new ArrayList<>();
      for (String field : scrapes) {
        if (!itemFields.get(i).contains(field)) {
          missing.add(field);
        }
      }
      if (!missing.isEmpty()) {
        out.add(
            "item "
                + (i + 1)
                + " of "
                + itemFields.size()
                + " lacks "
                + String.join(", ", missing)
                + " (it has "
                + String.join(", ", itemFields.get(i))
                + ")");
      }
    }
    return out;
  }

  private static void count(String what, int n, int min, int max, List<String> out) {
    if (n < min || n > max) {
      out.add("returned " + n + " " + what + ", expected " + range(min, max));
    }
  }

  private static String range(int min, int max) {
    if (max == UNBOUNDED) {
      return "at least " + min;
    }
    return min == max ? "exactly " + min : min + " to " + max;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("@url ").append(url);
    if (itemsMin != 0 || itemsMax != UNBOUNDED) {
      b.append(" @returns items ").append(range(itemsMin, itemsMax));
    }
    if (requestsMin != 0 || requestsMax != UNBOUNDED) {
      b.append(" @returns requests ").append(range(requestsMin, requestsMax));
    }
    if (!scrapes.isEmpty()) {
      b.append(" @scrapes ").append(String.join(" ", scrapes));
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContractSpec c
        && url.equals(c.url)
        && itemsMin == c.itemsMin
        && itemsMax == c.itemsMax
        && requestsMin == c.requestsMin
        && requestsMax == c.requestsMax
        && scrapes.equals(c.scrapes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, itemsMin, itemsMax, requestsMin, requestsMax, scrapes);
  }
}
