package io.streamspider.host.select.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
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
 * <p>Attributes keep their source order ({@link AttributeOrder}); namespace declarations are not
 * attributes (lxml's {@code @*} does not see them) and are kept per element, in source order, for
 * {@link XmlSerializer}.
 *
 * <p>libxml2 recovers from errors and goes on. This parser goes on after an undeclared entity
 * (dropped, as libxml2 drops it) and an unbound namespace prefix (the element keeps its prefixed
 * name and no namespace); after any other error it keeps the tree built so far, with the text of a
 * truncated document's last element, and drops the rest. The conformance corpus lists the cases
 * where that differs ({@code parsel-xml-known-differences.txt}). External DTDs and external
 * entities are never loaded.
 */
public final class XmlTreeBuilder {
  private static final String XML_KEY = "streamspider.xml";
  private static final String NS_KEY = "streamspider.xmlns";
  private static final SAXParserFactory SAX = saxFactory();
  private static final DocumentBuilderFactory DOM = DocumentBuilderFactory.newInstance();

  private XmlTreeBuilder() {}

  /**
   * The document for {@code text}; never fails: unparseable text gives what it can, or {@code
   * <html/>}.
   */
  public static Document build(String text) {
    String body = LxmlTreeBuilder.pyStrip(text).replace("\0", "");
    Document doc = parse(body.isEmpty() ? "<html/>" : body);
    if (doc.getDocumentElement() == null) {
      doc = parse("<html/>");
    }
    return doc;
  }

  /** Whether {@code doc} was built here (so is serialised as XML, not HTML). */
  public static boolean isXml(Document doc) {
    return doc != null && doc.getUserData(XML_KEY) != null;
  }

  /**
   * The namespace declarations written on {@code e} in the source, as {prefix or "", uri}, in
   * order.
   */
  @SuppressWarnings("unchecked")
  static List<String[]> declarations(Element e) {
    Object d = e.getUserData(NS_KEY);
    return d == null ? List.of() : (List<String[]>) d;
  }

  private static Document parse(String xml) {
    Document doc;
    try {
      doc = DOM.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM is not available", e);
    }
    doc.setUserData(XML_KEY, Boolean.TRUE, null);
    Builder b = new Builder(doc, AttributeOrder.attach(doc), xml);
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

  /** Builds the DOM from SAX events: text merged (CDATA included), comments and PIs kept. */
  private static final class Builder extends DefaultHandler2 {
    private final Document doc;
    private final AttributeOrder order;
    private final String source;
    private Node current;
    private final StringBuilder text = new StringBuilder();
    private List<String[]> pendingDeclarations;
    private boolean inDtd;
    private boolean rootClosed;
    private Locator locator;

    /** Where the last tag, comment or PI ended in {@link #source}: line and column, 1-based. */
    private int markupLine = 1;

    private int markupColumn = 1;

    Builder(Document doc, AttributeOrder order, String source) {
      this.doc = doc;
      this.order = order;
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
      Element e =
          unbound
              ? doc.createElement(qName)
              : doc.createElementNS(uri == null || uri.isEmpty() ? null : uri, qName);
      if (pendingDeclarations != null) {
        e.setUserData(NS_KEY, pendingDeclarations, null);
        pendingDeclarations = null;
      }
      int n = atts.getLength();
      if (n > 0) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
          String ns = atts.getURI(i);
          String name = atts.getQName(i);
          if ((ns == null || ns.isEmpty()) && name.indexOf(':') > 0) {
            e.setAttribute(name, atts.getValue(i));
          } else {
            e.setAttributeNS(ns == null || ns.isEmpty() ? null : ns, name, atts.getValue(i));
          }
          names[i] = name;
        }
        order.put(e, names, null);
      }
      current.appendChild(e);
      current = e;
      markupEnded();
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      flushText();
      current = current.getParentNode();
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
      current.appendChild(doc.createProcessingInstruction(target, data == null ? "" : data));
      markupEnded();
    }

    @Override
    public void comment(char[] ch, int start, int length) {
      if (inDtd) {
        return;
      }
      flushText();
      current.appendChild(doc.createComment(new String(ch, start, length)));
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
        current.appendChild(doc.createTextNode(text.toString()));
      }
      text.setLength(0);
    }
  }
}
