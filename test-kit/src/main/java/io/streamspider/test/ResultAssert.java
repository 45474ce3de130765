package io.streamspider.test;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fluent checks of a {@link CallbackResult} for tests that use no assertion library; every failure
 * is an {@link AssertionError} that names the callback and the page.
 *
 * <pre>{@code
 * ResultAssert.assertThat(tester.call("parse", page))
 *     .hasNoItems()
 *     .hasRequestUrls("book", "http://127.0.0.1:8080/a.html", "http://127.0.0.1:8080/b.html")
 *     .hasRequestUrls("parse", "http://127.0.0.1:8080/page-2.html");
 * }</pre>
 */
public final class ResultAssert {
  private final CallbackResult result;

  private ResultAssert(CallbackResult result) {
    this.result = Objects.requireNonNull(result, "result == null");
  }

  public static ResultAssert assertThat(CallbackResult result) {
    return new ResultAssert(result);
  }

  /** Exactly these items, in this order (compared with {@code equals}). */
  public ResultAssert hasItems(Object... expected) {
    return check(List.of(expected), result.items(), "items");
  }

  public ResultAssert hasNoItems() {
    return check(List.of(), result.items(), "items");
  }

  /** Exactly these absolute URLs requested for {@code callbackId}, in this order. */
  public ResultAssert hasRequestUrls(String callbackId, String... urls) {
    return check(
        Arrays.asList(urls), result.urls(callbackId), "requests to callback " + callbackId);
  }

  public ResultAssert hasNoRequests() {
    return check(List.of(), result.requests(), "requests");
  }

  /** How many requests, to every callback together. */
  public ResultAssert hasRequestCount(int n) {
    if (result.requests().size() != n) {
      throw new AssertionError(
          result.where()
              + ": expected "
              + n
              + " requests but got "
              + result.requests().size()
              + ": "
              + result.requests());
    }
    return this;
  }

  /** The values a {@code @Selector} field gave on the page. */
  public ResultAssert hasSelectorValues(String field, String... values) {
    List<String> actual = result.selectorValues().get(field);
    if (actual == null) {
      throw new AssertionError(
          result.where()
              + ": callback has no selector field "
              + field
              + "; its fields: "
              + result.selectorValues().keySet());
    }
    return check(Arrays.asList(values), actual, "values of selector " + field);
  }

  private ResultAssert check(List<?> expected, List<?> actual, String what) {
    if (!expected.equals(actual)) {
      throw new AssertionError(
          result.where() + ": expected " + what + " " + expected + " but got " + actual);
    }
    return this;
  }
}
