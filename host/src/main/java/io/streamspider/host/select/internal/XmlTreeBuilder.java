package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XAttribute;
import io.streamspider.host.select.internal.tree.XComment;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XParent;
import io.streamspider.host.select.internal.tree.XProcessingInstruction;
import io.streamspider.host.select.internal.tree.XText;
import io.streamspider.runtime.internal.PyStrings;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * An XML document as parsel's {@code Selector(text=xml, type="xml")} sees it (lxml's XML parser
 * with {@code recover=True}, {@code resolve_entities=False}, CDATA merged into text): the text is
 * stripped of surrounding whitespace and NUL characters first, and an empty or rootless text
 * becomes {@code <html/>}.
 *
 * <p>The tree is the engine's own ({@link XDocument}, marked as XML). Attributes keep their source
 * order; namespace declarations are not attributes (lxml's {@code @*} does not see them) and are
 * kept per element ({@link XElement#declarations()}), in source order, for {@link XmlSerializer}.
 *
 * <p>libxml2 recovers from errors and goes on. This parser goes on after an undeclared entity
 * (dropped, as libxml2 drops it) and an unbound namespace prefix (the element keeps its prefixed
 * name and no namespace); after any other error it keeps the tree built so far, with the text of a
 * truncated document's last element, and drops the rest. The conformance corpus lists the cases
 * where that differs ({@code parsel-xml-known-differences.txt}). External DTDs and external
 * entities are never loaded.
 */
public final class XmlTreeBuilder {
  private static final SAXParserFactory SAX = saxFactory();

  private XmlTreeBuilder() {}

  /**
   * The document for {@code text}; never fails: unparseable text gives what it can, or {@code
   * <html/>}.
   */
  public static XDocument build(String text) {
    String body = PyStrings.strip(text).replace("\0", "");
    XDocument doc = parse(body.isEmpty() ? "<html/>" : body);
    if (doc.documentElement() == null) {
      doc = parse("<html/>");
    }
    return doc.finish();
  }

  private static XDocument parse(String xml) {
    XDocument doc = new XDocument(true);
    Builder b = new Builder(doc, xml);
    try {
      SAXParser parser = SAX.newSAXParser();
      parser.setProperty("http://xml.org/sax/properties/lexical-handler", b);
      try {
        parser.setProperty("http://apache.org/xml/properties/locale", java.util.Locale.ENGLISH);
      } catch (SAXException e) {
        // another parser than the JDK's: its messages decide less recovery, nothing else
      }
      parser.parse(new InputSource(new StringReader(xml)), b);
    } catch (SAXException e) {
      b.recover(); // keep what was built before the error
    } catch (IOException | ParserConfigurationException e) {
      throw new IllegalStateException("parsing XML from a string failed: " + e, e);
    }
    return doc;
  }

  private static SAXParserFactory saxFactory() {
    SAXParserFactory f = SAXParserFactory.newInstance();
    f.setNamespaceAware(true);
    f.setValidating(false);
    try {
      // fatalError decides which errors to go on after
      f.setFeature("http://apache.org/xml/features/continue-after-fatal-error", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's SAX parser lacks a standard feature", e);
    }
    return f;
  }

  /** Builds the tree from SAX events: text merged (CDATA included), comments and PIs kept. */
  private static final class Builder extends DefaultHandler2 {
    private final XDocument doc;
    private final String source;
    private XParent current;
    private final StringBuilder text = new StringBuilder();
    private List<String[]> pendingDeclarations;
    private boolean inDtd;
    private boolean rootClosed;
    private Locator locator;

    /** Where the last tag, comment or PI ended in {@link #source}: line and column, 1-based. */
    private int markupLine = 1;

    private int markupColumn = 1;

    Builder(XDocument doc, String source) {
      this.doc = doc;
      this.source = source;
      this.current = doc;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    private void markupEnded() {
      if (locator != null) {
        markupLine = locator.getLineNumber();
        markupColumn = locator.getColumnNumber();
      }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
      if (pendingDeclarations == null) {
        pendingDeclarations = new ArrayList<>(2);
      }
      pendingDeclarations.add(new String[] {prefix == null ? "" : prefix, uri == null ? "" : uri});
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts)
        throws SAXException {
      if (rootClosed) {
        throw new SAXException("a second root element: libxml2 keeps the first");
      }
      flushText();
      boolean unbound = (uri == null || uri.isEmpty()) && qName.indexOf(':') > 0;
      // an unbound prefix: libxml2 keeps the prefixed name, in no namespace
      XElement e =
          unbound
              ? new XElement(qName)
              : namespaced(qName, uri == null || uri.isEmpty() ? null : uri);
      if (pendingDeclarations != null) {
        e.setDeclarations(pendingDeclarations);
        pendingDeclarations = null;
      }
      int n = atts.getLength();
      for (int i = 0; i < n; i++) {
        String ns = atts.getURI(i);
        String name = atts.getQName(i);
        String value = atts.getValue(i);
        if ((ns == null || ns.isEmpty()) && name.indexOf(':') > 0) {
          e.addAttribute(new XAttribute(name, value, false));
        } else {
          int colon = name.indexOf(':');
          e.addAttribute(
              new XAttribute(
                  name,
                  name.substring(colon + 1),
                  colon < 0 ? null : name.substring(0, colon),
                  ns == null || ns.isEmpty() ? null : ns,
                  value,
                  false));
        }
      }
      current.append(e);
      current = e;
      markupEnded();
    }

    private static XElement namespaced(String qName, String uri) {
      int colon = qName.indexOf(':');
      return new XElement(
          qName, qName.substring(colon + 1), colon < 0 ? null : qName.substring(0, colon), uri);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      flushText();
      current = current.parent();
      rootClosed = current == doc;
      markupEnded();
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (current != doc) {
        text.append(ch, start, length);
      }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
      characters(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) {
      flushText();
      current.append(new XProcessingInstruction(target, data == null ? "" : data));
      markupEnded();
    }

    @Override
    public void comment(char[] ch, int start, int length) {
      if (inDtd) {
        return;
      }
      flushText();
      current.append(new XComment(new String(ch, start, length)));
      markupEnded();
    }

    @Override
    public void startDTD(String name, String publicId, String systemId) {
      inDtd = true;
    }

    @Override
    public void endDTD() {
      inDtd = false;
    }

    @Override
    public InputSource resolveEntity(
        String name, String publicId, String baseUri, String systemId) {
      return new InputSource(new StringReader("")); // never fetch anything
    }

    /** Goes on where libxml2 goes on the same way; stops (keeping the tree) everywhere else. */
    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      String m = String.valueOf(e.getMessage());
      if (current != doc
          && (m.contains("was referenced, but not declared") || m.contains("is not bound"))) {
        return;
      }
      throw e;
    }

    /**
     * After the error that stopped the parse: a document cut off inside an element keeps the text
     * after the last tag, as libxml2 does, when it is plain text.
     */
    void recover() {
      if (current != doc && !rootClosed) {
        int at = offset(markupLine, markupColumn);
        if (at >= 0 && at <= source.length()) {
          String tail = source.substring(at);
          if (tail.indexOf('<') < 0 && tail.indexOf('&') < 0 && tail.indexOf(']') < 0) {
            text.setLength(0);
            text.append(tail);
          }
        }
      }
      flushText();
    }

    /** The offset in {@link #source} of a SAX line and column (1-based; lines end at \n). */
    private int offset(int line, int column) {
      int at = 0;
      for (int l = 1; l < line; l++) {
        at = source.indexOf('\n', at);
        if (at < 0) {
          return -1;
        }
        at++;
      }
      return at + column - 1;
    }

    void flushText() {
      if (text.length() > 0 && current != doc) {
        current.append(new XText(text.toString())); // not merged: no two texts meet here
      }
      text.setLength(0);
    }
  }
}
