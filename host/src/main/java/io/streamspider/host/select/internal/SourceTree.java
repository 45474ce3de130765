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
import org.jsoup.nodes.TextNode;

/**
 * The page's source and jsoup's tree of it with what every reshaping pass of {@link
 * LxmlTreeBuilder} asks: where a node's tags are in the source, whether jsoup implied or cloned an
 * element, the name libxml2 gives it, where end tags are, and text and attribute values re-read
 * from the source with libxml2's entity rules (no CR normalisation, no HTML5 entities).
 */
final class SourceTree {
  final String src;

  /** Where jsoup read each node ({@link PositionParser}). */
  private final NodeOffsets offsets;

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

  SourceTree(String src, NodeOffsets offsets) {
    this.src = src;
    this.offsets = offsets;
  }

  /** Whether jsoup tracked where {@code n} starts (false for nodes it or a pass made up). */
  boolean tracked(Node n) {
    NodeOffsets.Rec r = offsets.get(n);
    return r != null && r.start;
  }

  /** Where jsoup read {@code n}'s start (its start tag, text, comment), or -1. */
  int start(Node n) {
    NodeOffsets.Rec r = offsets.get(n);
    return r != null && r.start ? r.startFrom : -1;
  }

  /**
   * Where the source jsoup read as {@code n}'s start ends (after a start tag's {@code >}), or -1.
   */
  int startEnd(Node n) {
    NodeOffsets.Rec r = offsets.get(n);
    return r != null && r.start ? r.startTo : -1;
  }

  /** Whether jsoup tracked where {@code e} was closed (by an end tag or implicitly). */
  boolean endTracked(Element e) {
    NodeOffsets.Rec r = offsets.get(e);
    return r != null && r.end;
  }

  /** Where jsoup closed {@code e} (its end tag, or the token that closed it implicitly), or -1. */
  int endTagStart(Element e) {
    NodeOffsets.Rec r = offsets.get(e);
    return r != null && r.end ? r.endFrom : -1;
  }

  /** Where the end tag (or the token) that closed {@code e} ends, or -1. */
  int endTagEnd(Element e) {
    NodeOffsets.Rec r = offsets.get(e);
    return r != null && r.end ? r.endTo : -1;
  }

  /** jsoup closed {@code e} implicitly (its end range is empty: no end tag of its own). */
  boolean endImplicit(Element e) {
    NodeOffsets.Rec r = offsets.get(e);
    return r != null && r.end && r.endFrom == r.endTo;
  }

  /**
   * What jsoup's shallow clone shares with its original: the same object for both (null if jsoup
   * tracked no start for {@code e}).
   */
  Object identity(Element e) {
    NodeOffsets.Rec r = offsets.get(e);
    return r != null && r.start ? r : null;
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
    NodeOffsets.Rec r = offsets.get(e);
    if (r == null || !r.start || r.startFrom == r.startTo) {
      return -1;
    }
    int p = r.startFrom;
    if (p < src.length() && src.charAt(p) == '<') {
      return p;
    }
    return p > 0 && p <= src.length() && src.charAt(p - 1) == '<' ? p - 1 : -1;
  }

  /** The element was closed by an end tag in the source. */
  boolean explicitEnd(Element e) {
    NodeOffsets.Rec r = offsets.get(e);
    return r != null && r.end && r.endFrom != r.endTo && src.startsWith("</", r.endFrom);
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
  int endOf(Node n) {
    NodeOffsets.Rec r = offsets.get(n);
    if (r == null || !r.start) {
      return -1;
    }
    int end = r.startTo;
    if (n instanceof Element && r.end) {
      end = Math.max(end, r.endTo);
    }
    return end;
  }

  boolean closedAt(Element e, int pos) {
    NodeOffsets.Rec r = offsets.get(e);
    return explicitStart(e) && r.end && r.endFrom == r.endTo && r.endFrom == pos;
  }

  /** The source in {@code [from, to)} is exactly {@code s} (compared in place, no copy). */
  boolean sourceIs(int from, int to, String s) {
    return from >= 0
        && to - from == s.length()
        && to <= src.length()
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

  /**
   * Where jsoup's tracking would say attribute {@code key} of {@code e} was read: {name start, name
   * end, value start, value end}; null when it tracked nothing, and also when the tag's source
   * holds no character that makes the source differ from what jsoup read (no {@code &}, no CR, no
   * control or non-ASCII character): there every name is spelt as jsoup's key up to ASCII case and
   * every value as jsoup's value, so {@link #rawAttributeName} and {@link #attributeValue} give
   * jsoup's key and value with or without the span, and the tag need not be read again. Other tags
   * are re-read ({@link AttributeSpans}), at most once per element.
   */
  int[] attributeSpan(Element e, String key) {
    NodeOffsets.Rec r = offsets.get(e);
    if (r != null && r.tagFrom >= 0 && offsets.mergedFrom(e, key) == null) {
      if (r.simple == 0) {
        r.simple = simpleTag(r.tagFrom, r.tagTo) ? (byte) 1 : (byte) 2;
      }
      if (r.simple == 1) {
        return null;
      }
    }
    return exactAttributeSpan(e, key);
  }

  /**
   * Whether jsoup merged attribute {@code key} into {@code e} from a later {@code html} or {@code
   * body} tag. libxml2 discards such a tag with its attributes: a second {@code html} tag always, a
   * {@code body} tag while a body is open (jsoup also merges one after {@code </body>}, where
   * libxml2 makes a second body element, which the reshaping does not rebuild).
   */
  boolean mergedAttribute(Element e, String key) {
    return offsets.mergedFrom(e, key) != null;
  }

  /** Where the first body start tag jsoup read while a body was open starts, or -1. */
  int laterBodyTag() {
    return offsets.laterBodyTag();
  }

  /** Where the first html start tag jsoup read after the html element was made starts, or -1. */
  int laterHtmlTag() {
    return offsets.laterHtmlTag();
  }

  /** {@link #attributeSpan} read from the source whatever the tag holds. */
  int[] exactAttributeSpan(Element e, String key) {
    int[] merged = offsets.mergedFrom(e, key);
    if (merged != null) {
      // from a later html or body tag: jsoup looked its range up by the key as it was written
      return AttributeSpans.of(src, merged[0], merged[1]).get(key);
    }
    NodeOffsets.Rec r = offsets.get(e);
    if (r == null || r.tagFrom < 0) {
      return null;
    }
    if (r.spans == null) {
      r.spans = AttributeSpans.of(src, r.tagFrom, r.tagTo);
    }
    return r.spans.get(key);
  }

  private boolean simpleTag(int from, int to) {
    if (from < 0 || to > src.length() || from > to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = src.charAt(i);
      if (c == '&' || c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\f')) {
        return false;
      }
    }
    return true;
  }

  /** The attribute's name as the source spells it, or {@code key} if its span is unknown. */
  String rawAttributeName(int[] span, String key) {
    if (span == null || span[0] < 0) {
      return key;
    }
    if (sourceIs(span[0], span[1], key)) {
      return key;
    }
    String sliced = slice(span[0], span[1]);
    return sliced != null ? sliced : key;
  }

  String attributeValue(Attribute a, int[] span) {
    String jsoupValue = a.getValue();
    if (span == null || span[2] < 0) {
      return jsoupValue;
    }
    if (plain(jsoupValue) && sourceIs(span[2], span[3], jsoupValue)) {
      return jsoupValue; // what the slow path gives, without copying the source
    }
    String raw = slice(span[2], span[3]);
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
    NodeOffsets.Rec r = offsets.get(t);
    boolean tracked = r != null && r.start;
    if (tracked && plain(jsoupText) && sourceIs(r.startFrom, r.startTo, jsoupText)) {
      return jsoupText; // what the slow path gives, without copying the source
    }
    String raw = tracked ? slice(r.startFrom, r.startTo) : null;
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
    NodeOffsets.Rec r = offsets.get(d);
    String raw = r != null && r.start ? slice(r.startFrom, r.startTo) : null;
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
   * decoding (jsoup's decoder builds a whole parser per call). Line ends are compared as LF on both
   * sides.
   */
  static boolean plausible(String raw, String jsoupText) {
    String r = newlines(raw);
    jsoupText = newlines(jsoupText); // jsoup keeps a lone CR in text, reads CRLF as LF
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
