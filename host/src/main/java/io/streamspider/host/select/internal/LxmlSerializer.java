package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XAttribute;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import java.nio.charset.StandardCharsets;

/**
 * Writes a node as {@code lxml.etree.tostring(node, method="html", encoding="unicode",
 * with_tail=False)} does, i.e. libxml2's HTML serialiser without formatting.
 */
public final class LxmlSerializer {
  private LxmlSerializer() {}

  public static String serialize(XNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(XNode root, StringBuilder out) {
    DomWalk.walk(
        root,
        new DomWalk.Visitor() {
          @Override
          public boolean enter(XNode n) {
            switch (n.type()) {
              case XNode.ELEMENT:
                {
                  XElement e = (XElement) n;
                  String name = e.name();
                  out.append('<').append(name);
                  writeAttributes(e, out);
                  out.append('>');
                  if (LibxmlTables.VOID.contains(name)) {
                    return false;
                  }
                  if (e.childCount() == 0) {
                    // li keeps no end tag when empty (its saveEndTag flag)
                    if (!name.equals("li")) {
                      out.append("</").append(name).append('>');
                    }
                    return false;
                  }
                  return true;
                }
              case XNode.TEXT:
                {
                  XNode parent = n.parent();
                  String data = n.value();
                  if (parent != null
                      && LibxmlTables.RAW_TEXT.contains(parent.name().toLowerCase())) {
                    out.append(data);
                  } else {
                    escapeText(data, out);
                  }
                  return false;
                }
              case XNode.COMMENT:
                out.append("<!--").append(n.value()).append("-->");
                return false;
              case XNode.PROCESSING_INSTRUCTION:
                {
                  String data = n.value();
                  out.append("<?").append(n.name());
                  if (data != null && !data.isEmpty()) {
                    out.append(' ').append(data);
                  }
                  out.append('>');
                  return false;
                }
              case XNode.DOCUMENT:
                return true; // its children, with no tags of its own
              default:
                return false;
            }
          }

          @Override
          public void leave(XNode n) {
            if (n.type() == XNode.ELEMENT) {
              out.append("</").append(n.name()).append('>');
            }
          }
        });
  }

  private static void writeAttributes(XElement e, StringBuilder out) {
    for (int i = 0; i < e.attributeCount(); i++) {
      XAttribute a = e.attribute(i);
      String name = a.name();
      out.append(' ').append(name);
      if (LibxmlTables.BOOLEAN_ATTRIBUTES.contains(name) || a.valueless()) {
        continue;
      }
      String value = escapeAttribute(a.value());
      if (isUriAttribute(name, e.name())) {
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
