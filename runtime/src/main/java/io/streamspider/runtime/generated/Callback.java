package io.streamspider.runtime.generated;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a spider's dispatch table: a callback id and how requests to it are sent. Built once
 * by the generated spider class; never changes.
 */
public final class Callback {
  /** The protocol message a request to this callback becomes. */
  public enum Kind {
    /** {@code request}, answered by {@code response}. */
    PLAIN,
    /** {@code selector_request}, answered by {@code response_selector}. */
    SELECTOR,
    /** {@code from_response_request}, answered by {@code response}. */
    FORM
  }

  private final String id;
  private final Kind kind;
  private final Map<String, SelectorSpec> selectors;
  private final FormSpec form;
  private final boolean base64;
  private final boolean hasErrorHandler;
  private final List<ContractSpec> contracts;

  private Callback(
      String id,
      Kind kind,
      Map<String, SelectorSpec> selectors,
      FormSpec form,
      boolean base64,
      boolean hasErrorHandler,
      List<ContractSpec> contracts) {
    this.id = Objects.requireNonNull(id, "id == null");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("callback id is empty");
    }
    this.kind = kind;
    this.selectors = selectors;
    this.form = form;
    this.base64 = base64;
    this.hasErrorHandler = hasErrorHandler;
    this.contracts = List.copyOf(contracts);
  }

  /**
   * A callback reached by plain {@code request}s, with text bodies and no error handler; see {@link
   * #withBase64Body()} and {@link #withErrorHandler()}.
   */
  public static Callback plain(String id) {
    return new Callback(id, Kind.PLAIN, Map.of(), null, false, false, List.of());
  }

  /**
   * A callback reached by {@code selector_request}s carrying {@code selectors} (field → spec),
   * without an error handler; see {@link #withErrorHandler()}.
   */
  public static Callback selector(String id, Map<String, SelectorSpec> selectors) {
    Objects.requireNonNull(selectors, "selectors == null");
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("selector callback " + id + " has no selectors");
    }
    return new Callback(
        id,
        Kind.SELECTOR,
        Collections.unmodifiableMap(new LinkedHashMap<>(selectors)),
        null,
        false,
        false,
        List.of());
  }

  /**
   * A callback reached by {@code from_response_request}s with {@code form}, with text bodies and no
   * error handler; see {@link #withBase64Body()} and {@link #withErrorHandler()}.
   */
  public static Callback form(String id, FormSpec form) {
    Objects.requireNonNull(form, "form == null");
    return new Callback(id, Kind.FORM, Map.of(), form, false, false, List.of());
  }

  /**
   * This callback with its responses' bodies sent base64-encoded (the callback takes the body as
   * bytes). A selector callback's response carries selector values, not a body: it cannot.
   */
  public Callback withBase64Body() {
    if (kind == Kind.SELECTOR) {
      throw new IllegalStateException(
          "selector callback " + id + " gets selector values, not a base64 body");
    }
    return new Callback(id, kind, selectors, form, true, hasErrorHandler, contracts);
  }

  /** This callback with an {@code @OnError} handler, called when its request fails. */
  public Callback withErrorHandler() {
    return new Callback(id, kind, selectors, form, base64, true, contracts);
  }

  /** This callback with its {@code @Contract}s (replacing any it had). */
  public Callback withContracts(ContractSpec... contracts) {
    return new Callback(id, kind, selectors, form, base64, hasErrorHandler, List.of(contracts));
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  /** Field name → selector, in declaration order; empty unless {@link Kind#SELECTOR}. */
  public Map<String, SelectorSpec> selectors() {
    return selectors;
  }

  /** The form to submit; null unless {@link Kind#FORM}. */
  public FormSpec form() {
    return form;
  }

  /** Whether responses must arrive base64-encoded (the callback takes the body as bytes). */
  public boolean base64() {
    return base64;
  }

  public boolean hasErrorHandler() {
    return hasErrorHandler;
  }

  /** What the callback must produce on given pages ({@code @Contract}); often empty. */
  public List<ContractSpec> contracts() {
    return contracts;
  }

  @Override
  public String toString() {
    return "Callback{" + id + ", " + kind + (base64 ? ", base64" : "") + "}";
  }
}
