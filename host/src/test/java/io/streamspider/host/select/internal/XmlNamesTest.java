package io.streamspider.host.select.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;

/**
 * {@link XmlNames} against the JDK's DOM, which decided which names the HTML tree kept when it was
 * a W3C DOM: every character as first and as later character of a name and of a prefixed name.
 */
class XmlNamesTest {
  @Test
  void everyCharacterIsJudgedAsTheJdksDomJudgesIt() throws Exception {
    Document dom = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
    int mismatches = 0;
    StringBuilder first = new StringBuilder();
    for (int c = 0; c <= 0xFFFF; c++) {
      char ch = (char) c;
      String[] names = {String.valueOf(ch), "a" + ch, "a" + ch + "b"};
      for (String name : names) {
        if (XmlNames.isName(name) != domAccepts(dom, name)) {
          if (mismatches++ < 5) {
            first.append(String.format(" name U+%04X", c));
          }
        }
      }
      // a qualified name: prefix and local part must be names without colon
      for (String qname : new String[] {ch + ":a", "a:" + ch, "a" + ch + ":b", "b:a" + ch}) {
        int colon = qname.indexOf(':');
        boolean ours =
            qname.indexOf(':', colon + 1) < 0
                && XmlNames.isNcName(qname, 0, colon)
                && XmlNames.isNcName(qname, colon + 1, qname.length());
        if (ours != domAcceptsQualified(dom, qname)) {
          if (mismatches++ < 5) {
            first.append(String.format(" qname U+%04X", c));
          }
        }
      }
    }
    assertEquals(0, mismatches, "characters judged otherwise than the DOM:" + first);
  }

  private static boolean domAccepts(Document dom, String name) {
    try {
      dom.createElement(name);
      return true;
    } catch (DOMException e) {
      return false;
    }
  }

  private static boolean domAcceptsQualified(Document dom, String qname) {
    try {
      dom.createAttributeNS("urn:x", qname);
      return true;
    } catch (DOMException e) {
      return false;
    }
  }
}
