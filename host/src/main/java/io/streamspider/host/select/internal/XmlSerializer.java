package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XAttribute;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;

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

  static String serialize(XNode node) {
    StringBuilder out = new StringBuilder();
    DomWalk.walk(
        node,
        new DomWalk.Visitor() {
          @Override
          public boolean enter(XNode n) {
            switch (n.type()) {
              case XNode.ELEMENT -> {
                XElement e = (XElement) n;
                out.append('<').append(e.name());
                List<String[]> declarations =
                    n == node && e.parent() instanceof XElement ? inScope(e) : e.declarations();
                for (String[] d : declarations) {
                  out.append(d[0].isEmpty() ? " xmlns" : " xmlns:" + d[0]).append("=\"");
                  escapeAttribute(d[1], out);
                  out.append('"');
                }
                for (int i = 0; i < e.attributeCount(); i++) {
                  XAttribute a = e.attribute(i);
                  out.append(' ').append(a.name()).append("=\"");
                  escapeAttribute(a.value(), out);
                  out.append('"');
                }
                if (e.childCount() == 0) {
                  out.append("/>");
                  return false;
                }
                out.append('>');
                return true;
              }
              case XNode.TEXT -> escapeText(n.value(), out);
              case XNode.COMMENT -> out.append("<!--").append(n.value()).append("-->");
              case XNode.PROCESSING_INSTRUCTION -> {
                String data = n.value();
                out.append("<?").append(n.name());
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
          public void leave(XNode n) {
            out.append("</").append(n.name()).append('>');
          }
        });
    return out.toString();
  }

  /** What libxml2's copy of {@code e} declares, so that it stands alone (see the class comment). */
  private static List<String[]> inScope(XElement e) {
    List<String[]> out = new ArrayList<>(e.declarations());
    Set<String> declared = new HashSet<>();
    for (String[] d : out) {
      declared.add(d[0]);
    }
    needs(e.prefix(), e.namespaceUri(), out, declared);
    for (int i = 0; i < e.attributeCount(); i++) {
      XAttribute a = e.attribute(i);
      needs(a.prefix(), a.namespaceUri(), out, declared);
    }
    for (XNode p = e.parent(); p instanceof XElement pe; p = p.parent()) {
      for (String[] d : pe.declarations()) {
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
