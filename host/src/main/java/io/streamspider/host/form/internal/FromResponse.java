package io.streamspider.host.form.internal;

import io.streamspider.host.select.internal.CssToXPath;
import io.streamspider.host.select.internal.LxmlSerializer;
import io.streamspider.host.select.internal.LxmlTreeBuilder;
import io.streamspider.host.select.internal.PyRepr;
import io.streamspider.host.select.internal.QueryException;
import io.streamspider.host.select.internal.XPathRunner;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.runtime.internal.PyCodecs;
import io.streamspider.runtime.internal.PyStrings;
import io.streamspider.runtime.internal.PyUrl;
import io.streamspider.runtime.internal.Urls;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scrapy 2.8's {@code FormRequest.from_response}, step by step: {@code _get_form}, {@code
 * _get_inputs} (with lxml's {@code .value} of inputs, selects and textareas), {@code
 * _get_clickable}, {@code _get_form_url}, then {@code FormRequest.__init__}.
 */
public final class FromResponse {
  private FromResponse() {}

  /** Scrapy raised; the message is Scrapy's (or Python's, for what Scrapy does not catch). */
  public static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Failure(String message) {
      super(message);
    }
  }

  /** The request Scrapy would build. */
  public record Built(String method, String url, String body, Map<String, List<String>> headers) {}

  /**
   * @param formdata values are String, List of String, or null (remove the field)
   * @param clickdata attribute name to value; {@code nr} is an index into the form's inputs
   */
  public static Built build(
      String html,
      String pageUrl,
      Charset encoding,
      String formname,
      String formxpath,
      String formcss,
      Integer formnumber,
      Map<String, Object> formdata,
      Map<String, String> clickdata,
      boolean dontClick) {
    String response = "<200 " + pageUrl + ">";
    String baseUrl;
    try {
      baseUrl = W3Url.baseUrl(html, pageUrl, encoding);
    } catch (PyUrl.UrlException e) {
      throw new Failure(e.getMessage());
    }
    XDocument dom = LxmlTreeBuilder.build(html);
    XElement root = dom.documentElement();
    if (formcss != null) {
      try {
        formxpath = CssToXPath.translate(formcss);
      } catch (QueryException e) {
        throw new Failure(e.getMessage());
      }
    }
    XElement form =
        getForm(root, response, formname, formxpath, formnumber == null ? 0 : formnumber);
    Map<String, Object> data = formdata == null ? new LinkedHashMap<>() : formdata;
    List<Object[]> values = inputs(form, data, dontClick, clickdata);
    String url;
    String action = form.hasAttribute("action") ? form.getAttribute("action") : null;
    try {
      url = action == null ? baseUrl : PyUrl.urljoin(baseUrl, W3Url.stripHtml5Whitespace(action));
    } catch (PyUrl.UrlException e) {
      throw new Failure(e.getMessage());
    }
    String method = pyUpper(form.hasAttribute("method") ? form.getAttribute("method") : "GET");
    if (!method.equals("GET") && !method.equals("POST")) {
      method = "GET";
    }
    return formRequest(url, method, values, encoding);
  }

  // ---- _get_form -------------------------------------------------------------------------

  private static XElement getForm(
      XElement root, String response, String formname, String formxpath, int formnumber) {
    List<XNode> forms = nodes(root, "//form");
    if (forms.isEmpty()) {
      throw new Failure("No <form> element found in " + response);
    }
    if (formname != null) {
      List<XNode> f = nodes(root, "//form[@name=\"" + formname + "\"]");
      if (!f.isEmpty()) {
        return (XElement) f.get(0);
      }
    }
    if (formxpath != null) {
      XPathRunner.Result r = evaluate(root, formxpath);
      if (r.nodes == null) {
        throw new Failure(scalarFailure(r.scalar, formxpath));
      }
      if (!r.nodes.isEmpty()) {
        XNode el = r.nodes.get(0);
        if (el.type() == XNode.ATTRIBUTE || el.type() == XNode.TEXT) {
          throw new Failure("'lxml.etree._ElementUnicodeResult' object has no attribute 'tag'");
        }
        while (el != null && el.type() != XNode.DOCUMENT) {
          if (el.type() == XNode.ELEMENT && el.name().equals("form")) {
            return (XElement) el;
          }
          el = el.parent();
        }
      }
      throw new Failure("No <form> element found with " + formxpath);
    }
    int index = formnumber < 0 ? forms.size() + formnumber : formnumber;
    if (index < 0 || index >= forms.size()) {
      throw new Failure("Form number " + formnumber + " not found in " + response);
    }
    return (XElement) forms.get(index);
  }

  /** What Python makes of {@code nodes[0].tag} when the XPath gave a number, string or bool. */
  private static String scalarFailure(Object scalar, String formxpath) {
    if (scalar instanceof Boolean) {
      return ((Boolean) scalar)
          ? "'bool' object is not subscriptable"
          : "No <form> element found with " + formxpath;
    }
    if (scalar instanceof Number) {
      return ((Number) scalar).doubleValue() != 0
          ? "'float' object is not subscriptable"
          : "No <form> element found with " + formxpath;
    }
    String s = String.valueOf(scalar);
    return s.isEmpty()
        ? "No <form> element found with " + formxpath
        : "'str' object has no attribute 'tag'";
  }

  // ---- _get_inputs -----------------------------------------------------------------------

  private static final String INPUTS_XPATH =
      "descendant::textarea"
          + "|descendant::select"
          + "|descendant::input[not(@type) or @type["
          + " not(re:test(., \"^(?:submit|image|reset)$\", \"i\"))"
          + " and (../@checked or"
          + "  not(re:test(., \"^(?:checkbox|radio)$\", \"i\")))]]";

  private static final String CLICKABLES_XPATH =
      "descendant::input[re:test(@type, \"^(submit|image)$\", \"i\")]"
          + "|descendant::button[not(@type) or re:test(@type, \"^submit$\", \"i\")]";

  /** Pairs of (name, String or List of String), in Scrapy's order. */
  private static List<Object[]> inputs(
      XElement form,
      Map<String, Object> formdata,
      boolean dontClick,
      Map<String, String> clickdata) {
    List<Object[]> values = new ArrayList<>();
    for (XNode n : nodes(form, INPUTS_XPATH)) {
      Object[] kv = value((XElement) n);
      String k = (String) kv[0];
      if (k != null && !k.isEmpty() && !formdata.containsKey(k)) {
        values.add(new Object[] {k, kv[1] == null ? "" : kv[1]});
      }
    }
    if (!dontClick) {
      String[] clickable = clickable(clickdata, form);
      if (clickable != null && clickable[0] != null && !formdata.containsKey(clickable[0])) {
        values.add(new Object[] {clickable[0], clickable[1]});
      }
    }
    for (Map.Entry<String, Object> e : formdata.entrySet()) {
      if (e.getValue() != null) {
        values.add(new Object[] {e.getKey(), e.getValue()});
      }
    }
    return values;
  }

  private static Object[] value(XElement e) {
    String n = e.hasAttribute("name") ? e.getAttribute("name") : null;
    switch (e.name()) {
      case "textarea":
        return new Object[] {n, textareaValue(e)};
      case "select":
        return selectValue(e, n);
      default:
        {
          String type = pyLower(e.hasAttribute("type") ? e.getAttribute("type") : "text");
          String v = e.hasAttribute("value") ? e.getAttribute("value") : null;
          if (type.equals("checkbox") || type.equals("radio")) {
            if (e.hasAttribute("checked")) {
              return new Object[] {n, v == null || v.isEmpty() ? "on" : v};
            }
            return new Object[] {n, null};
          }
          return new Object[] {n, v};
        }
    }
  }

  /** TextareaElement.value: its text, then each child serialised with its tail. */
  private static String textareaValue(XElement e) {
    StringBuilder b = new StringBuilder();
    XNode c = e.firstChild();
    while (c != null && c.type() == XNode.TEXT) {
      b.append(c.value());
      c = c.nextSibling();
    }
    for (; c != null; c = c.nextSibling()) {
      b.append(LxmlSerializer.serialize(c));
    }
    return b.toString();
  }

  private static Object[] selectValue(XElement select, String n) {
    boolean multiple = select.hasAttribute("multiple");
    List<XNode> options = nodes(select, "descendant-or-self::option");
    if (multiple) {
      List<String> values = new ArrayList<>();
      for (XNode o : nodes(select, ".//option[@selected]")) {
        XElement opt = (XElement) o;
        String v = opt.getAttribute("value");
        if (v.isEmpty()) {
          v = text(opt);
        }
        values.add(PyStrings.strip(v));
      }
      return new Object[] {n, values};
    }
    XElement chosen = null;
    for (int i = options.size() - 1; i >= 0 && chosen == null; i--) {
      if (((XElement) options.get(i)).hasAttribute("selected")) {
        chosen = (XElement) options.get(i);
      }
    }
    for (int i = 0; i < options.size() && chosen == null; i++) {
      if (!((XElement) options.get(i)).hasAttribute("disabled")) {
        chosen = (XElement) options.get(i);
      }
    }
    if (chosen != null) {
      return new Object[] {n, optionValue(chosen)};
    }
    // Scrapy: no option selectable, like a browser take the first option's value, if any
    if (options.isEmpty()) {
      return new Object[] {null, null};
    }
    return new Object[] {n, optionValue((XElement) options.get(0))};
  }

  private static String optionValue(XElement o) {
    return o.hasAttribute("value") ? o.getAttribute("value") : PyStrings.strip(text(o));
  }

  /** lxml's {@code .text}: the text before the first child element, or "". */
  private static String text(XElement e) {
    StringBuilder b = new StringBuilder();
    for (XNode c = e.firstChild(); c != null && c.type() == XNode.TEXT; c = c.nextSibling()) {
      b.append(c.value());
    }
    return b.toString();
  }

  // ---- _get_clickable --------------------------------------------------------------------

  private static String[] clickable(Map<String, String> clickdata, XElement form) {
    List<XNode> clickables = nodes(form, CLICKABLES_XPATH);
    if (clickables.isEmpty()) {
      return null;
    }
    if (clickdata == null) {
      return nameValue((XElement) clickables.get(0));
    }
    String nr = clickdata.get("nr");
    Long index = null;
    if (nr != null) {
      index = parseInt(nr);
      if (index == null) {
        throw new Failure("list indices must be integers or slices, not str");
      }
      List<XNode> all =
          nodes(form, "descendant-or-self::*[self::select or self::input" + " or self::textarea]");
      long i = index < 0 ? all.size() + index : index;
      if (i >= 0 && i < all.size()) {
        return nameValue((XElement) all.get((int) i));
      }
    }
    StringBuilder xpath = new StringBuilder(".//*");
    for (Map.Entry<String, String> e : clickdata.entrySet()) {
      xpath.append("[@").append(e.getKey()).append("=\"").append(e.getValue()).append("\"]");
    }
    List<XNode> el = nodes(form, xpath.toString());
    String repr = clickdataRepr(clickdata);
    if (el.size() == 1) {
      return nameValue((XElement) el.get(0));
    }
    if (el.size() > 1) {
      List<String> reprs = new ArrayList<>();
      for (XNode x : el) {
        reprs.add(elementRepr((XElement) x));
      }
      throw new Failure(
          "Multiple elements found (["
              + String.join(", ", reprs)
              + "]) matching the criteria in clickdata: "
              + repr);
    }
    throw new Failure("No clickable element matching clickdata: " + repr);
  }

  private static String[] nameValue(XElement e) {
    String name = e.hasAttribute("name") ? e.getAttribute("name") : null;
    String value = e.getAttribute("value");
    return new String[] {name, value};
  }

  private static String clickdataRepr(Map<String, String> clickdata) {
    Map<String, Object> shown = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : clickdata.entrySet()) {
      Long i = e.getKey().equals("nr") ? parseInt(e.getValue()) : null;
      shown.put(e.getKey(), i != null ? (Object) i : e.getValue());
    }
    return PyRepr.value(shown);
  }

  /** lxml.html's repr of an element (the address is this JVM's identity hash). */
  private static String elementRepr(XElement e) {
    String id = String.format("%012x", 0x7f0000000000L + System.identityHashCode(e));
    String name = e.hasAttribute("name") ? PyRepr.str(e.getAttribute("name")) : "None";
    switch (e.name()) {
      case "input":
        return "<InputElement "
            + id
            + " name="
            + name
            + " type="
            + PyRepr.str(pyLower(e.hasAttribute("type") ? e.getAttribute("type") : "text"))
            + ">";
      case "select":
        return "<SelectElement " + id + " name=" + name + ">";
      case "textarea":
        return "<TextareaElement " + id + " name=" + name + ">";
      default:
        return "<Element " + e.name() + " at 0x" + id + ">";
    }
  }

  private static Long parseInt(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---- FormRequest.__init__ --------------------------------------------------------------

  private static Built formRequest(
      String url, String method, List<Object[]> values, Charset encoding) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String body = "";
    String requestUrl = requestUrl(url, encoding);
    if (!values.isEmpty()) {
      List<byte[][]> pairs = new ArrayList<>();
      for (Object[] kv : values) {
        byte[] k = encode((String) kv[0], encoding);
        if (kv[1] instanceof List<?>) {
          for (Object v : (List<?>) kv[1]) {
            pairs.add(new byte[][] {k, encode(String.valueOf(v), encoding)});
          }
        } else {
          pairs.add(new byte[][] {k, encode((String) kv[1], encoding)});
        }
      }
      String query = PyUrl.urlencode(pairs);
      if (method.equals("POST")) {
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        body = query;
      } else {
        requestUrl =
            requestUrl(PyUrl.urlunsplit(PyUrl.urlsplit(requestUrl).withQuery(query)), encoding);
      }
    }
    return new Built(method, requestUrl, body, headers);
  }

  /**
   * Scrapy's {@code _urlencode} encodes names and values with the page's encoding, strictly: a
   * character it cannot hold is Python's {@code UnicodeEncodeError}, not a {@code ?}.
   */
  private static byte[] encode(String text, Charset encoding) {
    try {
      return PyCodecs.encode(text, encoding);
    } catch (PyUrl.UrlException e) {
      throw new Failure(e.getMessage());
    }
  }

  /** Request._set_url: safe_url_string, escape_ajax, and the scheme check ({@link Urls}). */
  private static String requestUrl(String url, Charset encoding) {
    try {
      return Urls.requestUrl(url, encoding);
    } catch (PyUrl.UrlException e) {
      throw new Failure(e.getMessage());
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static List<XNode> nodes(XNode context, String xpath) {
    XPathRunner.Result r = evaluate(context, xpath);
    return r.nodes == null ? List.of() : r.nodes;
  }

  private static XPathRunner.Result evaluate(XNode context, String xpath) {
    try {
      return XPathRunner.evaluate(context, xpath);
    } catch (QueryException e) {
      // lxml's XPathEvalError carries the reason alone
      String m = e.getMessage();
      String prefix = "XPath error: ";
      int in = m.lastIndexOf(" in ");
      throw new Failure(m.startsWith(prefix) && in > 0 ? m.substring(prefix.length(), in) : m);
    }
  }

  private static String pyUpper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private static String pyLower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
