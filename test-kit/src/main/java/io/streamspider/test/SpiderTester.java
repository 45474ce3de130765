package io.streamspider.test;

import io.streamspider.host.form.FormException;
import io.streamspider.host.form.FormSubmission;
import io.streamspider.host.form.FormSubmitter;
import io.streamspider.host.internal.ResponseText;
import io.streamspider.host.internal.dev.CallbackRun;
import io.streamspider.host.select.internal.ParselLocalSelectors;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a spider's callbacks on saved pages, in-process: no network, no host, no child JVM, no
 * Python. A callback's {@code @Selector}s are evaluated by the embedded host's parsel engine and
 * its method is called through the generated dispatch table, exactly as in a crawl; what it returns
 * comes back as items and {@link ProducedRequest}s.
 *
 * <pre>{@code
 * SpiderTester<CatalogueSpider> tester = SpiderTester.of(new CatalogueSpider_StreamSpider());
 * CallbackResult result = tester.call("parse",
 *     Page.resource("/pages/listing-1.html").url("http://127.0.0.1:8000/"));
 * assertEquals(List.of("http://127.0.0.1:8000/catalogue/page-2.html"), result.urls("parse"));
 * }</pre>
 *
 * <p>One spider instance serves every call (state carries over, as in a crawl) until {@link
 * #arg(String, String)} or {@link #reset()} asks for a fresh one.
 *
 * <p>Errors: a callback id the spider does not have, a missing page file or resource, a request to
 * an unknown callback are {@link IllegalArgumentException}s naming them; a selector that fails, a
 * value that does not convert, a callback that throws are {@link AssertionError}s naming the
 * callback, the page and (where one is at fault) the selector.
 *
 * @param <S> the spider class
 */
public final class SpiderTester<S> {
  private final SpiderDefinition<S> definition;
  private final Map<String, String> arguments = new LinkedHashMap<>();
  private S spider;
  private int sequence;

  private SpiderTester(SpiderDefinition<S> definition) {
    this.definition = definition;
  }

  /**
   * A tester of the spider behind this generated definition ({@code new MySpider_StreamSpider()}).
   */
  public static <S> SpiderTester<S> of(SpiderDefinition<S> definition) {
    return new SpiderTester<>(Objects.requireNonNull(definition, "definition == null"));
  }

  /**
   * A tester of {@code spiderClass}, through the definition the annotation processor generated for
   * it ({@code <Spider>_StreamSpider}).
   *
   * @throws IllegalArgumentException when there is none (the class is not a {@code @Spider}, or the
   *     processor did not run)
   */
  @SuppressWarnings("unchecked")
  public static <S> SpiderTester<S> of(Class<S> spiderClass) {
    return of((SpiderDefinition<S>) Definitions.of(spiderClass));
  }

  /** The spider's generated dispatch table. */
  public SpiderDefinition<S> definition() {
    return definition;
  }

  /** Sets a spider argument ({@code -a name=value}); the next call gets a fresh spider with it. */
  public SpiderTester<S> arg(String name, String value) {
    if (!definition.argumentNames().contains(name)) {
      throw new IllegalArgumentException(
          "spider "
              + definition.info().name()
              + " has no argument "
              + name
              + "; its @SpiderArg arguments: "
              + definition.argumentNames());
    }
    arguments.put(name, value);
    spider = null;
    return this;
  }

  /** Forgets the spider instance: the next call gets a fresh one. */
  public SpiderTester<S> reset() {
    spider = null;
    return this;
  }

  /** The spider instance calls go to (created with the arguments on first use). */
  public S spider() {
    if (spider == null) {
      spider = definition.newSpider(new SpiderArguments(new LinkedHashMap<>(arguments)));
    }
    return spider;
  }

  /**
   * Feeds {@code page} to callback {@code callbackId} as the host's answer to a request for it.
   *
   * @throws IllegalArgumentException when the spider has no such callback
   * @throws AssertionError when a selector, a conversion or the callback itself fails, naming the
   *     callback, the page and the selector
   */
  public CallbackResult call(String callbackId, Page page) {
    Objects.requireNonNull(page, "page == null");
    Callback callback = callback(callbackId);
    Response response = response(callback, page);
    Object returned;
    try {
      returned = definition.invoke(spider(), callback, response);
    } catch (IllegalArgumentException e) {
      // Bindings: a selector value that does not convert (the message names the field)
      throw new AssertionError(
          "callback "
              + callbackId
              + " on "
              + page
              + ": "
              + e.getMessage()
              + selectorHint(callback, e.getMessage()),
          e);
    } catch (Exception | LinkageError e) {
      throw new AssertionError("callback " + callbackId + " threw on " + page + ": " + e, e);
    }
    return collect(callbackId, page, response, returned);
  }

  /**
   * The response a callback would receive for {@code page}, selectors evaluated: for calling a
   * spider method yourself, or for {@link Response#css(String)} experiments.
   */
  public Response response(String callbackId, Page page) {
    return response(callback(callbackId), page);
  }

  /**
   * Calls the {@code @OnError} handler of {@code callbackId} as for a request to {@code url} that
   * failed with {@code exception} (the host's text, e.g. {@code Ignoring non-200 response}).
   */
  public CallbackResult fail(String callbackId, String url, String exception) {
    return fail(callbackId, url, Map.of(), exception);
  }

  /** As {@link #fail(String, String, String)}, for a request that carried {@code meta}. */
  public CallbackResult fail(
      String callbackId, String url, Map<String, Object> meta, String exception) {
    Callback callback = callback(callbackId);
    if (!callback.hasErrorHandler()) {
      throw new IllegalArgumentException(
          "callback "
              + callbackId
              + " of spider "
              + definition.info().name()
              + " has no @OnError handler");
    }
    String id = callbackId + "#" + (++sequence);
    Failure failure =
        new Failure(
            id,
            callbackId,
            url,
            meta,
            exception,
            "{\"type\": \"request\", \"id\": \"" + id + "\", \"url\": \"" + url + "\"}");
    Object returned;
    try {
      returned = definition.onError(spider(), callback, failure);
    } catch (Exception | LinkageError e) {
      throw new AssertionError(
          "error handler of callback " + callbackId + " threw for " + url + ": " + e, e);
    }
    return collect(callbackId, null, null, returned);
  }

  /**
   * The request Scrapy's {@code FormRequest.from_response} builds for a {@code
   * from_response_request} on the page holding the form (as the embedded host submits it): method,
   * URL, body with the hidden fields and the request's form data.
   *
   * @param formPage the page at {@code request.url()}, the one with the form
   * @throws IllegalArgumentException when {@code request} is not for a form callback
   * @throws AssertionError with Scrapy's message when from_response would fail (no form, ...)
   */
  public FormSubmission submitForm(ProducedRequest request, Page formPage) {
    if (request.kind() != MessageKind.FROM_RESPONSE_REQUEST) {
      throw new IllegalArgumentException(
          "request "
              + request
              + " is a "
              + request.kind().wire()
              + ", not a from_response_request: callback "
              + request.callbackId()
              + " has no @FormRequest");
    }
    ResponseText.Text text = ResponseText.decode(formPage.headers(), formPage.bodyBytes());
    try {
      return FormSubmitter.fromResponse(
          text.text(), formPage.url(), request.form(), text.charset());
    } catch (FormException e) {
      throw new AssertionError(
          "FormRequest.from_response for callback "
              + request.callbackId()
              + " on "
              + formPage
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Runs every {@code @Contract} of the spider on the page {@code pages} gives for its URL (a saved
   * page, offline), as {@code java -jar spider.jar check} runs them on the live pages. For a
   * {@code @FormRequest} callback, the contract's page is the one holding the form, and {@code
   * pages} is asked again for the URL the form is submitted to.
   *
   * @return one line per broken contract ({@code CALLBACK <url>: what is wrong}); empty when all
   *     hold
   * @throws IllegalArgumentException when the spider states no contract at all
   */
  public List<String> checkContracts(java.util.function.Function<String, Page> pages) {
    List<String> broken = new ArrayList<>();
    int n = 0;
    for (Callback c : definition.callbacks()) {
      for (io.streamspider.runtime.generated.ContractSpec contract : c.contracts()) {
        n++;
        List<String> problems;
        try {
          Page page = pages.apply(contract.url());
          if (c.kind() == Callback.Kind.FORM) {
            ResponseText.Text text = ResponseText.decode(page.headers(), page.bodyBytes());
            FormSubmission s =
                FormSubmitter.fromResponse(text.text(), page.url(), c.form(), text.charset());
            page = pages.apply(s.url());
          }
          CallbackResult result = call(c.id(), page);
          List<List<String>> fields = new ArrayList<>();
          for (Object item : result.items()) {
            List<String> names = new ArrayList<>();
            io.streamspider.runtime.internal.output.ItemJson.tree(item)
                .fieldNames()
                .forEachRemaining(names::add);
            fields.add(names);
          }
          problems = contract.violations(fields, result.requests().size());
        } catch (AssertionError | RuntimeException e) {
          // FormException too: from_response found no form, as Scrapy would raise
          problems = List.of(e.getMessage());
        }
        for (String p : problems) {
          broken.add(c.id() + " <" + contract.url() + ">: " + p);
        }
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(
          "spider " + definition.info().name() + " states no @Contract on any callback");
    }
    return broken;
  }

  /**
   * As {@link #checkContracts}, failing with every broken contract listed.
   *
   * @throws AssertionError naming each broken contract and why
   */
  public void assertContracts(java.util.function.Function<String, Page> pages) {
    List<String> broken = checkContracts(pages);
    if (!broken.isEmpty()) {
      throw new AssertionError(
          "spider "
              + definition.info().name()
              + ": "
              + broken.size()
              + " contract(s) broken:\n  "
              + String.join("\n  ", broken));
    }
  }

  // ------------------------------------------------------------------ shared with CrawlReplay

  Callback callback(String callbackId) {
    Objects.requireNonNull(callbackId, "callbackId == null");
    Callback c = definition.callback(callbackId);
    if (c == null) {
      throw new IllegalArgumentException(
          "spider "
              + definition.info().name()
              + " has no callback \""
              + callbackId
              + "\"; its callbacks: "
              + ids());
    }
    return c;
  }

  Response response(Callback callback, Page page) {
    byte[] body = page.bodyBytes();
    String text = null;
    byte[] bytes = null;
    Charset charset = null;
    if (callback.base64()) {
      bytes = body.clone();
    } else {
      ResponseText.Text t = ResponseText.decode(page.headers(), body);
      text = t.text();
      charset = t.charset();
    }
    Map<String, List<String>> selector = null;
    if (callback.kind() == Callback.Kind.SELECTOR) {
      selector = select(callback, page, text);
    }
    String id = callback.id() + "#" + (++sequence);
    return new Response(
        id,
        callback.id(),
        page.url(),
        page.status(),
        page.headers(),
        text,
        bytes,
        page.meta(),
        List.of(),
        selector);
  }

  private Map<String, List<String>> select(Callback callback, Page page, String text) {
    ParselLocalSelectors parsel =
        new ParselLocalSelectors(); // one per page: parsed once for all selectors
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, SelectorSpec> e : callback.selectors().entrySet()) {
      try {
        values.put(
            e.getKey(), List.copyOf(parsel.select(text, page.url(), page.headers(), e.getValue())));
      } catch (RuntimeException ex) {
        throw new AssertionError(
            "callback "
                + callback.id()
                + " on "
                + page
                + ": selector "
                + e.getKey()
                + " ("
                + e.getValue()
                + ") failed: "
                + ex.getMessage(),
            ex);
      }
    }
    return values;
  }

  CallbackResult collect(String callbackId, Page page, Response from, Object returned) {
    List<Object> items = new ArrayList<>();
    List<Request> returnedRequests = new ArrayList<>();
    // walked as the runtime walks it: the same code as the jar's parse and check commands
    CallbackRun.flatten(returned, items, returnedRequests);
    List<ProducedRequest> requests = new ArrayList<>();
    for (Request r : returnedRequests) {
      requests.add(produced(r, callbackId, page, from));
    }
    return new CallbackResult(
        callbackId,
        page,
        from == null || from.selector() == null ? Map.of() : from.selector(),
        items,
        requests);
  }

  private ProducedRequest produced(Request r, String callbackId, Page page, Response from) {
    String where = "callback " + callbackId + (page == null ? "" : " on " + page);
    Callback target = r.callback() != null ? r.callback() : definition.callback(r.callbackId());
    if (target == null) {
      throw new IllegalArgumentException(
          where
              + " returned a request to unknown callback id \""
              + r.callbackId()
              + "\" ("
              + r
              + "); the spider's callbacks: "
              + ids());
    }
    if (r.url() == null || r.url().isBlank()) {
      throw new IllegalArgumentException(where + " returned a request without a URL: " + r);
    }
    String url;
    try {
      url = from == null ? r.url() : from.urljoin(r.url());
      URI u = new URI(url);
      if (!u.isAbsolute()) {
        throw new IllegalArgumentException(
            where
                + " returned a request with the relative URL "
                + r.url()
                + " and no page to resolve it against: "
                + r);
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(where)) {
        throw iae;
      }
      throw new IllegalArgumentException(
          where + " returned a request with a malformed URL " + r.url() + ": " + e.getMessage(), e);
    }
    return ProducedRequest.of(target, url, r);
  }

  private List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Callback c : definition.callbacks()) {
      ids.add(c.id());
    }
    return ids;
  }

  private static String selectorHint(Callback callback, String message) {
    for (Map.Entry<String, SelectorSpec> e : callback.selectors().entrySet()) {
      if (message != null && message.contains("field " + e.getKey() + " ")) {
        return " [selector " + e.getKey() + ": " + e.getValue() + "]";
      }
    }
    return "";
  }
}
