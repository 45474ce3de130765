package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A node of an {@link XmlTreeBuilder} document as lxml writes it with {@code etree.tostring(node,
 * method="xml", encoding="unicode", with_tail=False)}, which is what parsel's {@code .getall()}
 * gives for an XML selector: empty elements as {@code <a/>}, namespace declarations before
 * attributes, and an element below the root carries every namespace in scope (its own declarations,
 * then its own and its attributes' namespaces, then its ancestors' declarations, innermost first),
 * as libxml2's copy of the node does.
 */
final class XmlSerializer {
  private XmlSerializer() {}

  static String serialize(Node node) {
    StringBuilder out = new StringBuilder();
    AttributeOrder attributes = AttributeOrder.of(node);
    DomWalk.walk(
        node,
        new DomWalk.Visitor() {
          @Override
          public boolean enter(Node n) {
            switch (n.getNodeType()) {
              case Node.ELEMENT_NODE -> {
                Element e = (Element) n;
                out.append('<').append(e.getNodeName());
                List<String[]> declarations =
                    n == node && e.getParentNode() instanceof Element
                        ? inScope(e)
                        : XmlTreeBuilder.declarations(e);
                for (String[] d : declarations) {
                  out.append(d[0].isEmpty() ? " xmlns" : " xmlns:" + d[0]).append("=\"");
                  escapeAttribute(d[1], out);
                  out.append('"');
                }
                for (Attr a : attributes(e, attributes)) {
                  out.append(' ').append(a.getNodeName()).append("=\"");
                  escapeAttribute(a.getValue(), out);
                  out.append('"');
                }
                if (!e.hasChildNodes()) {
                  out.append("/>");
                  return false;
                }
                out.append('>');
                return true;
              }
              case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escapeText(n.getNodeValue(), out);
              case Node.COMMENT_NODE -> out.append("<!--").append(n.getNodeValue()).append("-->");
              case Node.PROCESSING_INSTRUCTION_NODE -> {
                String data = n.getNodeValue();
                out.append("<?").append(n.getNodeName());
                if (data != null && !data.isEmpty()) {
                  out.append(' ').append(data);
                }
                out.append("?>");
              }
              default -> {} // nothing else is built
            }
            return false;
          }

          @Override
          public void leave(Node n) {
            out.append("</").append(n.getNodeName()).append('>');
          }
        });
    return out.toString();
  }

  /** What libxml2's copy of {@code e} declares, so that it stands alone (see the class comment). */
  private static List<String[]> inScope(Element e) {
    List<String[]> out = new ArrayList<>(XmlTreeBuilder.declarations(e));
    Set<String> declared = new HashSet<>();
    for (String[] d : out) {
      declared.add(d[0]);
    }
    needs(e.getPrefix(), e.getNamespaceURI(), out, declared);
    for (Attr a : attributes(e, AttributeOrder.of(e))) {
      needs(a.getPrefix(), a.getNamespaceURI(), out, declared);
    }
    for (Node p = e.getParentNode(); p instanceof Element pe; p = p.getParentNode()) {
      for (String[] d : XmlTreeBuilder.declarations(pe)) {
        if (declared.add(d[0])) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private static void needs(String prefix, String uri, List<String[]> out, Set<String> declared) {
    if (uri == null || XMLConstants.XML_NS_URI.equals(uri)) {
      return;
    }
    String p = prefix == null ? "" : prefix;
    if (declared.add(p)) {
      out.add(new String[] {p, uri});
    }
  }

  /** {@code e}'s attributes in source order. */
  private static List<Attr> attributes(Element e, AttributeOrder order) {
    String[] names = AttributeOrder.names(order, e);
    List<Attr> out = new ArrayList<>(names.length);
    for (String name : names) {
      Attr a = e.getAttributeNode(name);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  /** libxml2's xmlEscapeContent: {@code < > &} and carriage returns. */
  private static void escapeText(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
  }

  /** libxml2's attribute escaping: also quotes, newlines and tabs. */
  private static void escapeAttribute(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append("&#9;");
        default -> out.append(c);
      }
    }
  }
}
