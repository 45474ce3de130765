package io.streamspider.host.select.internal;

import java.nio.charset.StandardCharsets;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes a node as {@code lxml.etree.tostring(node, method="html", encoding="unicode",
 * with_tail=False)} does, i.e. libxml2's HTML serialiser without formatting.
 */
public final class LxmlSerializer {
  private LxmlSerializer() {}

  public static String serialize(Node node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(Node root, StringBuilder out) {
    AttributeOrder attributes = AttributeOrder.of(root);
    DomWalk.walk(
        root,
        new DomWalk.Visitor() {
          @Override
          public boolean enter(Node n) {
            switch (n.getNodeType()) {
              case Node.ELEMENT_NODE:
                {
                  Element e = (Element) n;
                  String name = e.getNodeName();
                  out.append('<').append(name);
                  writeAttributes(e, attributes, out);
                  out.append('>');
                  if (LibxmlTables.VOID.contains(name)) {
                    return false;
                  }
                  if (!e.hasChildNodes()) {
                    // li keeps no end tag when empty (its saveEndTag flag)
                    if (!name.equals("li")) {
                      out.append("</").append(name).append('>');
                    }
                    return false;
                  }
                  return true;
                }
              case Node.TEXT_NODE:
              case Node.CDATA_SECTION_NODE:
                {
                  Node parent = n.getParentNode();
                  String data = n.getNodeValue();
                  if (parent != null
                      && LibxmlTables.RAW_TEXT.contains(parent.getNodeName().toLowerCase())) {
                    out.append(data);
                  } else {
                    escapeText(data, out);
                  }
                  return false;
                }
              case Node.COMMENT_NODE:
                out.append("<!--").append(n.getNodeValue()).append("-->");
                return false;
              case Node.PROCESSING_INSTRUCTION_NODE:
                {
                  String data = n.getNodeValue();
                  out.append("<?").append(n.getNodeName());
                  if (data != null && !data.isEmpty()) {
                    out.append(' ').append(data);
                  }
                  out.append('>');
                  return false;
                }
              case Node.DOCUMENT_NODE:
                return true; // its children, with no tags of its own
              default:
                return false;
            }
          }

          @Override
          public void leave(Node n) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
              out.append("</").append(n.getNodeName()).append('>');
            }
          }
        });
  }

  private static void writeAttributes(Element e, AttributeOrder attributes, StringBuilder out) {
    for (String name : AttributeOrder.names(attributes, e)) {
      Attr a = e.getAttributeNode(name);
      if (a == null) {
        continue;
      }
      out.append(' ').append(name);
      if (LibxmlTables.BOOLEAN_ATTRIBUTES.contains(name)
          || (attributes != null && attributes.valueless(e, name))) {
        continue;
      }
      String value = escapeAttribute(a.getValue());
      if (isUriAttribute(name, e.getNodeName())) {
        value = uriEscape(stripLeadingBlanks(value));
      }
      out.append('=');
      quote(value, out);
    }
  }

  /** htmlAttrDumpOutput escapes these through xmlURIEscapeStr. */
  private static boolean isUriAttribute(String name, String element) {
    return name.equals("href")
        || name.equals("action")
        || name.equals("src")
        || (name.equals("name") && element.equals("a"));
  }

  private static String stripLeadingBlanks(String s) {
    int i = 0;
    while (i < s.length()
        && (s.charAt(i) == ' '
            || s.charAt(i) == '\t'
            || s.charAt(i) == '\n'
            || s.charAt(i) == '\r')) {
      i++;
    }
    return s.substring(i);
  }

  /** xmlURIEscapeStr with the extra safe set {@code @/:=?;#%&,+<>}. */
  private static String uriEscape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()@/:=?;#%&,+<>".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /** xmlBufWriteQuotedString: double quotes unless the value has some and no single quote. */
  private static void quote(String value, StringBuilder out) {
    if (value.indexOf('"') >= 0) {
      if (value.indexOf('\'') >= 0) {
        out.append('"').append(value.replace("\"", "&quot;")).append('"');
      } else {
        out.append('\'').append(value).append('\'');
      }
    } else {
      out.append('"').append(value).append('"');
    }
  }

  private static void escapeText(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '&':
          out.append("&amp;");
          break;
        default:
          out.append(c);
      }
    }
  }

  private static String escapeAttribute(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    escapeText(s, out);
    return out.toString();
  }
}
