package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;

/**
 * The page's source and jsoup's tree of it with what every reshaping pass of {@link
 * LxmlTreeBuilder} asks: where a node's tags are in the source, whether jsoup implied or cloned an
 * element, the name libxml2 gives it, where end tags are, and text and attribute values re-read
 * from the source with libxml2's entity rules (no CR normalisation, no HTML5 entities).
 */
final class SourceTree {
  final String src;

  final Map<Element, Boolean> clones = new IdentityHashMap<>();

  /** Elements that were cloned: their position data was overwritten by the clone's. */
  final Map<Element, Boolean> originals = new IdentityHashMap<>();

  final Map<Element, String> names = new IdentityHashMap<>();

  final Map<String, int[]> endTags = new java.util.HashMap<>();

  /**
   * Where the last comment of the page starts (-1: none), noted by {@link #allElements}: no pass
   * adds a comment, and nodes keep their source positions when they move.
   */
  int lastCommentStart = -1;

  SourceTree(String src) {
    this.src = src;
  }

  /** The element came from a start tag in the source (jsoup's range says so and points at one). */
  boolean explicitStart(Element e) {
    return tagStart(e) >= 0;
  }

  /**
   * Where the element's start tag begins, or -1 if it had none. jsoup's position is one past the
   * {@code <} after text it read as RCDATA up to the end of input.
   */
  int tagStart(Element e) {
    Range r = e.sourceRange();
    if (!r.isTracked() || r.isImplicit()) {
      return -1;
    }
    int p = r.startPos();
    if (p < src.length() && src.charAt(p) == '<') {
      return p;
    }
    return p > 0 && p <= src.length() && src.charAt(p - 1) == '<' ? p - 1 : -1;
  }

  /** The element was closed by an end tag in the source. */
  boolean explicitEnd(Element e) {
    Range r = e.endSourceRange();
    return r.isTracked() && !r.isImplicit() && src.startsWith("</", r.startPos());
  }

  static int start(Node n) {
    Range r = n.sourceRange();
    return r.isTracked() ? r.startPos() : -1;
  }

  String name(Element e) {
    String n = names.isEmpty() ? null : names.get(e);
    return n != null ? n : e.normalName();
  }

  boolean isClone(Element e) {
    return !clones.isEmpty() && clones.containsKey(e);
  }

  boolean isOriginal(Element e) {
    return !originals.isEmpty() && originals.containsKey(e);
  }

  /**
   * {@code root.getAllElements()} (pre-order, root first) without jsoup's stream and evaluator
   * machinery; also notes where the last comment starts.
   */
  List<Element> allElements(Element root) {
    List<Element> out = new ArrayList<>();
    Node n = root;
    while (n != null) {
      if (n instanceof Element) {
        out.add((Element) n);
      } else if (n instanceof Comment) {
        lastCommentStart = Math.max(lastCommentStart, start(n));
      }
      if (n.childNodeSize() > 0) {
        n = n.childNode(0);
        continue;
      }
      while (n != root && n.nextSibling() == null) {
        n = n.parentNode();
      }
      n = n == root ? null : n.nextSibling();
    }
    return out;
  }

  /** The element name as libxml2 reads it from the start tag: lower case, no namespace prefix. */
  String libxmlName(Element e) {
    String n;
    if (explicitStart(e) && !isClone(e)) {
      int at = tagStart(e) + 1;
      String jsoupName = e.normalName();
      if (LibxmlTables.isPlainName(jsoupName)
          && src.startsWith(jsoupName, at)
          && !LibxmlTables.isNameChar(src, at + jsoupName.length())) {
        return jsoupName; // the source spells it as jsoup does: no copy, no case change
      }
      n = LibxmlTables.htmlName(src, at);
      if (n.isEmpty()) {
        n = e.normalName().toLowerCase(Locale.ROOT);
      }
    } else {
      n = e.normalName().toLowerCase(Locale.ROOT);
      String h = LibxmlTables.htmlName(n);
      n = h.isEmpty() ? n : h;
    }
    int colon = n.indexOf(':');
    if (colon > 0 && colon < n.length() - 1) {
      n = n.substring(colon + 1);
    }
    return n;
  }

  List<Element> elementsNamed(Document doc, String name) {
    List<Element> out = new ArrayList<>();
    for (Element e : allElements(doc)) {
      if (e.normalName().equals(name) && explicitStart(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Where a node's source ends (after its end tag, if it had one), or -1 if unknown. */
  static int endOf(Node n) {
    Range r = n.sourceRange();
    if (!r.isTracked()) {
      return -1;
    }
    int end = r.endPos();
    if (n instanceof Element) {
      Range e = ((Element) n).endSourceRange();
      if (e.isTracked()) {
        end = Math.max(end, e.endPos());
      }
    }
    return end;
  }

  boolean closedAt(Element e, int pos) {
    Range end = e.endSourceRange();
    return explicitStart(e) && end.isTracked() && end.isImplicit() && end.startPos() == pos;
  }

  /** The source in range {@code r} is exactly {@code s} (compared in place, no copy). */
  boolean sourceIs(Range r, String s) {
    int from = r.startPos();
    return from >= 0
        && r.endPos() - from == s.length()
        && r.endPos() <= src.length()
        && src.regionMatches(from, s, 0, s.length());
  }

  /** Neither a character reference nor a CR: source and jsoup's reading of it are the same. */
  static boolean plain(String s) {
    return s.indexOf('&') < 0 && s.indexOf('\r') < 0;
  }

  /** The source between two positions, or null when jsoup's range does not fit the source. */
  String slice(int from, int to) {
    return from < 0 || to < from || to > src.length() ? null : src.substring(from, to);
  }

  /** Where the first {@code </tag} at or after {@code from} is, or the end of the source. */
  int indexOfEndTag(String tag, int from) {
    int[] positions = endTags.computeIfAbsent(tag, this::endTagPositions);
    int i = java.util.Arrays.binarySearch(positions, Math.max(from, 0));
    if (i < 0) {
      i = -i - 1;
    }
    return i < positions.length ? positions[i] : src.length();
  }

  /** Every {@code </tag} in the source, found once per tag name (case-insensitive). */
  int[] endTagPositions(String tag) {
    String needle = "</" + tag;
    List<Integer> found = new ArrayList<>();
    int n = src.length() - needle.length();
    for (int i = src.indexOf("</"); i >= 0 && i <= n; i = src.indexOf("</", i + 1)) {
      if (src.regionMatches(true, i, needle, 0, needle.length())) {
        found.add(i);
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  String attributeValue(Attribute a, Range.AttributeRange r) {
    String jsoupValue = a.getValue();
    Range v = r.valueRange();
    if (v.isTracked() && plain(jsoupValue) && sourceIs(v, jsoupValue)) {
      return jsoupValue; // what the slow path gives, without copying the source
    }
    String raw = v.isTracked() ? slice(v.startPos(), v.endPos()) : null;
    if (raw == null) {
      return jsoupValue;
    }
    if (!plausible(raw, jsoupValue)) {
      return jsoupValue; // the range does not hold what jsoup read: trust jsoup
    }
    return LibxmlEntities.decodeAttribute(raw);
  }

  String textOf(TextNode t, String parentName) {
    String jsoupText = t.getWholeText();
    Range r = t.sourceRange();
    if (r.isTracked() && plain(jsoupText) && sourceIs(r, jsoupText)) {
      return jsoupText; // what the slow path gives, without copying the source
    }
    String raw = r.isTracked() ? slice(r.startPos(), r.endPos()) : null;
    if (raw == null) {
      return jsoupText;
    }
    boolean rawText = LibxmlTables.RAW_TEXT.contains(parentName);
    boolean plausible = rawText ? newlines(raw).equals(jsoupText) : plausible(raw, jsoupText);
    if (!plausible && !plausible(dropLeadingNewline(raw), jsoupText)) {
      return jsoupText; // the range does not hold what jsoup read: trust jsoup
    }
    return rawText ? raw : LibxmlEntities.decodeText(raw);
  }

  String dataOf(DataNode d) {
    String data = d.getWholeData();
    Range r = d.sourceRange();
    String raw = r.isTracked() ? slice(r.startPos(), r.endPos()) : null;
    if (raw == null) {
      return data;
    }
    return newlines(raw).equals(data) ? raw : data;
  }

  static String newlines(String s) {
    return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * Whether a source slice can be what jsoup read there: equal outside character references (the
   * text before the first and after the last reference), which catches a shifted range without
   * decoding (jsoup's decoder builds a whole parser per call).
   */
  static boolean plausible(String raw, String jsoupText) {
    String r = newlines(raw);
    int first = r.indexOf('&');
    if (first < 0) {
      return r.equals(jsoupText);
    }
    if (!jsoupText.startsWith(r.substring(0, first))) {
      return false;
    }
    int last = r.lastIndexOf('&');
    int end = last + 1;
    if (end < r.length() && r.charAt(end) == '#') {
      end++;
    }
    while (end < r.length() && Character.isLetterOrDigit(r.charAt(end))) {
      end++;
    }
    if (end < r.length() && r.charAt(end) == ';') {
      end++;
    }
    String tail = r.substring(end);
    return jsoupText.endsWith(tail) && jsoupText.length() >= first + tail.length() - 1;
  }

  static String dropLeadingNewline(String raw) {
    if (raw.startsWith("\r\n")) {
      return raw.substring(2);
    }
    return raw.startsWith("\n") || raw.startsWith("\r") ? raw.substring(1) : raw;
  }
}
