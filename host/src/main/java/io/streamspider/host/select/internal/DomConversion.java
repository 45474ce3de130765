package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XAttribute;
import io.streamspider.host.select.internal.tree.XComment;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.host.select.internal.tree.XParent;
import io.streamspider.host.select.internal.tree.XProcessingInstruction;
import io.streamspider.host.select.internal.tree.XText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The reshaped jsoup tree as the selector engine's own tree ({@link XDocument}) for Jaxen: names,
 * attributes (libxml2's names, values and source order), text re-read from the source, comments and
 * processing instructions as libxml2 reads them, elements libxml2 keeps open holding what follows
 * them, and the content of text-only elements parsed as markup as libxml2 does. Part of {@link
 * LxmlTreeBuilder}.
 */
final class DomConversion {
  private final SourceTree t;

  DomConversion(SourceTree t) {
    this.t = t;
  }

  /**
   * libxml2 does not know wbr, source, track, embed... as empty: such an element holds what follows
   * it up to its parent's end. (Applied while converting, in one pass.)
   */
  private boolean holdsFollowers(Element e) {
    if (!LibxmlTables.OPEN_IN_LIBXML.contains(t.name(e))
        || !t.explicitStart(e)
        || e.childNodeSize() > 0) {
      return false;
    }
    return !t.src.startsWith("/>", t.startEnd(e) - 2);
  }

  /** The tree for {@code doc}, not yet {@linkplain XDocument#finish() finished}. */
  XDocument toTree(Document doc) {
    XDocument dom = new XDocument(false);
    boolean rootDone = false;
    for (Node n : doc.childNodes()) {
      if (n instanceof Element) {
        if (rootDone) {
          continue;
        }
        XElement root = new XElement(t.name((Element) n));
        dom.append(root);
        fill(dom, root, (Element) n);
        rootDone = true;
      } else if (n instanceof Comment) {
        XNode c = commentOrPi((Comment) n);
        if (c != null) {
          dom.append(c);
        }
      }
    }
    if (!rootDone) {
      dom.append(new XElement("html"));
    }
    return dom;
  }

  /** Converts the children of {@code from} into {@code into}, iteratively (deep pages). */
  private void fill(XDocument dom, XElement into, Element from) {
    copyAttributes(dom, into, from);
    List<Object[]> stack = new ArrayList<>();
    stack.add(new Object[] {into, from, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.get(stack.size() - 1);
      XElement target = (XElement) top[0];
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
        String name = t.name(ce);
        if (!XmlNames.isName(name)) {
          // not an XML name: keep the content, as libxml2 drops such a tag
          stack.add(new Object[] {target, ce, 0});
          continue;
        }
        XElement de = new XElement(name);
        target.append(de);
        copyAttributes(dom, de, ce);
        if (holdsFollowers(ce)) {
          top[0] = de; // the siblings still to come go inside it
          continue;
        }
        XElement reparsed = MARKUP_IN_LIBXML.contains(t.name(ce)) ? reparse(ce) : null;
        if (reparsed != null) {
          de.appendChildrenOf(reparsed);
          continue;
        }
        stack.add(new Object[] {de, ce, 0});
      } else if (child instanceof TextNode) {
        appendText(target, t.textOf((TextNode) child, t.name(source)));
      } else if (child instanceof DataNode) {
        appendText(target, t.dataOf((DataNode) child));
      } else if (child instanceof Comment) {
        XNode c = commentOrPi((Comment) child);
        if (c instanceof XText) {
          appendText(target, c.value());
        } else if (c != null) {
          target.append(c);
        }
      }
    }
  }

  /** HTML5 reads these as text; libxml2 parses their content as markup. */
  private static final Set<String> MARKUP_IN_LIBXML =
      Set.of("textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript");

  /** Parses a text-only element's source content as libxml2 would: as markup. */
  private XElement reparse(Element e) {
    if (!t.explicitStart(e) || e.childNodeSize() == 0) {
      return null;
    }
    for (Node c : e.childNodes()) {
      // jsoup reads a comment in a noscript in the head as a comment, the rest as text
      if (!(c instanceof TextNode || c instanceof DataNode || c instanceof Comment)) {
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
    // its ids stay its own: id() does not find elements in such content (as with the DOM before)
    XDocument sub = LxmlTreeBuilder.run("<html><body>" + raw);
    XNode body = sub.documentElement().lastChild();
    if (!(body instanceof XElement) || !body.name().equals("body")) {
      return null;
    }
    return (XElement) body;
  }

  private static void appendText(XParent target, String s) {
    if (s.isEmpty()) {
      return;
    }
    XNode last = target.lastChild();
    if (last instanceof XText text) {
      text.appendData(s);
    } else {
      target.append(new XText(s));
    }
  }

  private void copyAttributes(XDocument dom, XElement de, Element ce) {
    Attributes attrs = ce.attributes();
    List<String> order = new ArrayList<>(attrs.size());
    for (Attribute a : attrs) {
      String key = a.getKey();
      if (key.startsWith("/") || t.mergedAttribute(ce, key)) {
        continue; // jsoup's internal keys; attributes of a tag libxml2 discards
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
      XAttribute attribute = attribute(name, value, !hasValue);
      if (attribute == null) {
        continue;
      }
      de.addAttribute(attribute);
      order.add(name);
      boolean isId = name.equals("id") || (name.equals("name") && t.name(ce).equals("a"));
      if (isId) {
        dom.registerId(value, de);
      }
    }
  }

  /**
   * A prefixed name ({@code xml:lang}, {@code x:y}) gets a namespace, so that, as in lxml,
   * {@code @lang} does not find {@code xml:lang}; {@code xmlns} ones stay declarations. Null for a
   * name that is not an XML name (libxml2 keeps it; XPath could not name it).
   */
  static XAttribute attribute(String name, String value, boolean valueless) {
    int colon = name.indexOf(':');
    if (colon > 0
        && colon < name.length() - 1
        && !name.startsWith("xmlns")
        && name.indexOf(':', colon + 1) < 0
        && XmlNames.isNcName(name, 0, colon)
        && XmlNames.isNcName(name, colon + 1, name.length())) {
      String prefix = name.substring(0, colon);
      String ns = prefix.equals("xml") ? javax.xml.XMLConstants.XML_NS_URI : PREFIX_NS + prefix;
      return new XAttribute(name, name.substring(colon + 1), prefix, ns, value, valueless);
    }
    // a:b:c is a name for libxml2, not a qualified name
    return XmlNames.isName(name) ? new XAttribute(name, value, valueless) : null;
  }

  /** Namespace given to attributes with a prefix other than xml (libxml2 binds none). */
  static final String PREFIX_NS = "urn:x-html-prefix:";

  private XNode commentOrPi(Comment c) {
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
      return XmlNames.isName(target) ? new XProcessingInstruction(target, rest) : null;
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
      return new XText(LibxmlEntities.decodeText(raw)); // libxml2 reads <!x> as text
    } else if (raw != null && !raw.startsWith("<!--")) {
      return null; // other bogus comments (</ x>, <![CDATA[): libxml2 keeps no comment
    }
    return new XComment(data);
  }
}
