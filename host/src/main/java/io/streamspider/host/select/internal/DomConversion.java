package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.w3c.dom.DOMException;

/**
 * The reshaped jsoup tree as a W3C DOM for Jaxen: names, attributes (libxml2's names, values and
 * source order, kept in {@link AttributeOrder}), text re-read from the source, comments and
 * processing instructions as libxml2 reads them, elements libxml2 keeps open holding what follows
 * them, and the content of text-only elements parsed as markup as libxml2 does. Part of {@link
 * LxmlTreeBuilder}.
 */
final class DomConversion {
  /** A DocumentBuilderFactory is not thread-safe; pages may be parsed on several threads. */
  private static final ThreadLocal<DocumentBuilder> DOM_BUILDER =
      ThreadLocal.withInitial(DomConversion::newDocumentBuilder);

  private static DocumentBuilder newDocumentBuilder() {
    try {
      return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK has no DOM implementation", e);
    }
  }

  private final SourceTree t;
  private AttributeOrder attributeOrder;

  DomConversion(SourceTree t) {
    this.t = t;
  }

  /**
   * libxml2 does not know wbr, source, track, embed... as empty: such an element holds what follows
   * it up to its parent's end. (Applied while converting to the DOM, in one pass.)
   */
  private boolean holdsFollowers(Element e) {
    if (!LibxmlTables.OPEN_IN_LIBXML.contains(t.name(e))
        || !t.explicitStart(e)
        || e.childNodeSize() > 0) {
      return false;
    }
    return !t.src.startsWith("/>", t.startEnd(e) - 2);
  }

  org.w3c.dom.Document toDom(Document doc) {
    org.w3c.dom.Document dom = DOM_BUILDER.get().newDocument();
    attributeOrder = AttributeOrder.attach(dom);
    Map<String, Boolean> ids = new LinkedHashMap<>();
    boolean rootDone = false;
    for (Node n : doc.childNodes()) {
      if (n instanceof Element) {
        if (rootDone) {
          continue;
        }
        org.w3c.dom.Element root = dom.createElement(t.name((Element) n));
        dom.appendChild(root);
        fill(dom, root, (Element) n, ids);
        rootDone = true;
      } else if (n instanceof Comment) {
        org.w3c.dom.Node c = commentOrPi(dom, (Comment) n);
        if (c != null) {
          dom.appendChild(c);
        }
      }
    }
    if (!rootDone) {
      dom.appendChild(dom.createElement("html"));
    }
    return dom;
  }

  /** Converts the children of {@code from} into {@code into}, iteratively (deep pages). */
  private void fill(
      org.w3c.dom.Document dom, org.w3c.dom.Element into, Element from, Map<String, Boolean> ids) {
    copyAttributes(into, from, ids);
    List<Object[]> stack = new ArrayList<>();
    stack.add(new Object[] {into, from, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.get(stack.size() - 1);
      org.w3c.dom.Element target = (org.w3c.dom.Element) top[0];
      Element source = (Element) top[1];
      int i = (Integer) top[2];
      if (i >= source.childNodeSize()) {
        stack.remove(stack.size() - 1);
        continue;
      }
      top[2] = i + 1;
      Node child = source.childNode(i);
      if (child instanceof Element) {
        Element ce = (Element) child;
        org.w3c.dom.Element de = createElement(dom, t.name(ce));
        if (de == null) {
          // a name the DOM refuses: keep the content, as libxml2 drops such a tag
          stack.add(new Object[] {target, ce, 0});
          continue;
        }
        target.appendChild(de);
        copyAttributes(de, ce, ids);
        if (holdsFollowers(ce)) {
          top[0] = de; // the siblings still to come go inside it
          continue;
        }
        org.w3c.dom.Element reparsed =
            MARKUP_IN_LIBXML.contains(t.name(ce)) ? reparse(dom, ce) : null;
        if (reparsed != null) {
          while (reparsed.getFirstChild() != null) {
            de.appendChild(reparsed.getFirstChild());
          }
          continue;
        }
        stack.add(new Object[] {de, ce, 0});
      } else if (child instanceof TextNode) {
        appendText(dom, target, t.textOf((TextNode) child, t.name(source)));
      } else if (child instanceof DataNode) {
        appendText(dom, target, t.dataOf((DataNode) child));
      } else if (child instanceof Comment) {
        org.w3c.dom.Node c = commentOrPi(dom, (Comment) child);
        if (c instanceof org.w3c.dom.Text) {
          appendText(dom, target, c.getNodeValue());
        } else if (c != null) {
          target.appendChild(c);
        }
      }
    }
  }

  /** HTML5 reads these as text; libxml2 parses their content as markup. */
  private static final Set<String> MARKUP_IN_LIBXML =
      Set.of("textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript");

  /** Parses a text-only element's source content as libxml2 would: as markup. */
  private org.w3c.dom.Element reparse(org.w3c.dom.Document dom, Element e) {
    if (!t.explicitStart(e) || e.childNodeSize() == 0) {
      return null;
    }
    for (Node c : e.childNodes()) {
      if (!(c instanceof TextNode || c instanceof DataNode)) {
        return null;
      }
    }
    int from = t.startEnd(e);
    Node last = e.childNode(e.childNodeSize() - 1);
    // jsoup's end range of a text-only element can start at its start tag: then use the text's
    int to =
        t.explicitEnd(e) && t.endTagStart(e) >= from
            ? t.endTagStart(e)
            : t.tracked(last) ? t.startEnd(last) : -1;
    String raw = t.slice(from, to);
    if (raw == null || raw.indexOf('<') < 0) {
      return null;
    }
    org.w3c.dom.Document sub = LxmlTreeBuilder.run("<html><body>" + raw);
    org.w3c.dom.Node body = sub.getDocumentElement().getLastChild();
    if (!(body instanceof org.w3c.dom.Element) || !body.getNodeName().equals("body")) {
      return null;
    }
    attributeOrder.addAll(AttributeOrder.of(sub));
    return (org.w3c.dom.Element) dom.adoptNode(body);
  }

  private static org.w3c.dom.Element createElement(org.w3c.dom.Document dom, String name) {
    try {
      return dom.createElement(name);
    } catch (DOMException e) {
      return null;
    }
  }

  private static void appendText(org.w3c.dom.Document dom, org.w3c.dom.Element target, String s) {
    if (s.isEmpty()) {
      return;
    }
    org.w3c.dom.Node last = target.getLastChild();
    if (last instanceof org.w3c.dom.Text) {
      ((org.w3c.dom.Text) last).appendData(s);
    } else {
      target.appendChild(dom.createTextNode(s));
    }
  }

  private void copyAttributes(org.w3c.dom.Element de, Element ce, Map<String, Boolean> ids) {
    Attributes attrs = ce.attributes();
    List<String> order = new ArrayList<>(attrs.size());
    Set<String> valueless = null;
    for (Attribute a : attrs) {
      String key = a.getKey();
      if (key.startsWith("/")) {
        continue; // jsoup's internal keys
      }
      int[] r = t.attributeSpan(ce, key);
      String rawName = t.rawAttributeName(r, key);
      String name = LibxmlTables.htmlName(rawName);
      if (name.isEmpty() || order.contains(name)) {
        continue;
      }
      boolean truncated = name.length() < rawName.length();
      boolean hasValue = attrs.hasDeclaredValueForKey(key) && !truncated;
      // libxml2 gives a boolean attribute written without a value its own name as value
      String value =
          hasValue
              ? t.attributeValue(a, r)
              : LibxmlTables.BOOLEAN_ATTRIBUTES.contains(name) ? name : "";
      try {
        setAttribute(de, name, value);
      } catch (DOMException e) {
        continue;
      }
      order.add(name);
      if (!hasValue) {
        if (valueless == null) {
          valueless = new HashSet<>();
        }
        valueless.add(name);
      }
      boolean isId = name.equals("id") || (name.equals("name") && t.name(ce).equals("a"));
      if (isId && ids.putIfAbsent(value, Boolean.TRUE) == null) {
        de.setIdAttribute(name, true);
      }
    }
    if (!order.isEmpty()) { // without attributes the serialiser needs no order
      attributeOrder.put(de, order.toArray(new String[0]), valueless);
    }
  }

  /**
   * A prefixed name ({@code xml:lang}, {@code x:y}) gets a namespace, so that, as in lxml,
   * {@code @lang} does not find {@code xml:lang}; {@code xmlns} ones stay declarations.
   */
  private static void setAttribute(org.w3c.dom.Element de, String name, String value) {
    int colon = name.indexOf(':');
    if (colon <= 0 || colon == name.length() - 1 || name.startsWith("xmlns")) {
      de.setAttribute(name, value);
      return;
    }
    String prefix = name.substring(0, colon);
    String ns = prefix.equals("xml") ? javax.xml.XMLConstants.XML_NS_URI : PREFIX_NS + prefix;
    try {
      de.setAttributeNS(ns, name, value);
    } catch (DOMException notAQName) {
      de.setAttribute(name, value); // a:b:c is a name for libxml2, not a qualified name
    }
  }

  /** Namespace given to attributes with a prefix other than xml (libxml2 binds none). */
  static final String PREFIX_NS = "urn:x-html-prefix:";

  private org.w3c.dom.Node commentOrPi(org.w3c.dom.Document dom, Comment c) {
    String data = c.getData();
    String raw = t.tracked(c) ? t.slice(t.start(c), t.startEnd(c)) : null;
    if (raw != null && raw.startsWith("<?") && raw.endsWith(">")) {
      // libxml2 reads <?target data> as a processing instruction
      String body = raw.substring(2, raw.length() - 1);
      String target = LibxmlTables.htmlName(body);
      if (target.isEmpty()) {
        return null;
      }
      String rest = body.substring(target.length()).stripLeading();
      try {
        return dom.createProcessingInstruction(target, rest);
      } catch (DOMException e) {
        return null;
      }
    }
    if (raw != null
        && raw.startsWith("<!--")
        && !raw.endsWith("-->")
        && raw.length() == t.src.length() - t.start(c)) {
      return null; // libxml2 drops a comment that runs to the end of the input unterminated
    }
    if (raw != null && raw.startsWith("<!--") && raw.endsWith("-->") && raw.length() >= 7) {
      data = raw.substring(4, raw.length() - 3);
    } else if (raw != null
        && raw.startsWith("<!")
        && !raw.startsWith("<!--")
        && !raw.startsWith("<![")) {
      return dom.createTextNode(LibxmlEntities.decodeText(raw)); // libxml2 reads <!x> as text
    } else if (raw != null && !raw.startsWith("<!--")) {
      return null; // other bogus comments (</ x>, <![CDATA[): libxml2 keeps no comment
    }
    return dom.createComment(data);
  }
}
