package io.streamspider.host.select.internal;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Where jsoup read each node of one parse, as offsets into the source: what jsoup's own position
 * tracking would have kept in every node's user data, filled by {@link
 * org.jsoup.parser.OffsetRecordingTreeBuilder} (see {@link PositionParser} for why). Every value
 * reads as jsoup's {@code Range} would: -1 where jsoup's range is untracked.
 *
 * <p>One record per node, in an identity map. Formatting elements (the only ones the adoption
 * agency clones or compares) also carry their record in jsoup's user data, as jsoup's tracking
 * does: a clone shares its original's user data, so both see the same record, and jsoup's "same
 * formatting element" test compares records as it would compare its ranges.
 */
public final class NodeOffsets {
  /** The user data key of a formatting element's record. */
  static final String KEY = "streamspider.offsets";

  /** The elements HTML5's list of active formatting elements can hold (and the clones of them). */
  private static final Set<String> FORMATTING =
      Set.of(
          "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
          "tt", "u");

  /**
   * One node's positions; equal (as jsoup's user data maps of ranges are) when every position is.
   */
  static final class Rec {
    boolean start;
    int startFrom = -1;
    int startTo = -1;
    boolean end;
    int endFrom = -1;
    int endTo = -1;

    /** The start tag the element's attributes were read from, or -1 (jsoup kept no ranges). */
    int tagFrom = -1;

    int tagTo = -1;

    /** 0: not looked at, 1: no character in the tag makes the source differ from jsoup's. */
    byte simple;

    /** The tag's attribute ranges, once re-read ({@link SourceTree#attributeSpan}). */
    Map<String, int[]> spans;

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Rec)) {
        return false;
      }
      Rec r = (Rec) o;
      return start == r.start
          && startFrom == r.startFrom
          && startTo == r.startTo
          && end == r.end
          && endFrom == r.endFrom
          && endTo == r.endTo
          && tagFrom == r.tagFrom;
    }

    @Override
    public int hashCode() {
      return ((startFrom * 31 + startTo) * 31 + endFrom) * 31 + tagFrom;
    }
  }

  private final IdentityHashMap<Node, Rec> recs;

  /** Attributes jsoup merged into html or body from a later tag: key -> that tag's range. */
  private Map<Element, Map<String, int[]>> merged;

  private int laterBodyTag = -1;
  private int laterHtmlTag = -1;

  public NodeOffsets() {
    this(0);
  }

  /** For a source of {@code length} characters: sized so that the map rarely grows. */
  public NodeOffsets(int length) {
    recs = new IdentityHashMap<>(Math.max(64, length / 12));
  }

  private Rec rec(Node n) {
    Rec r = recs.get(n);
    if (r != null) {
      return r;
    }
    if (n instanceof Element && FORMATTING.contains(((Element) n).normalName())) {
      // shared with the element this one was cloned from, if it was: jsoup's clone shares user data
      r = (Rec) n.attributes().userData(KEY);
      if (r == null) {
        r = new Rec();
        n.attributes().userData(KEY, r);
      }
    } else {
      r = new Rec();
    }
    recs.put(n, r);
    return r;
  }

  /** jsoup's start range for {@code n}: from its token (or where it was implied). */
  public void start(Node n, int from, int to) {
    Rec r;
    if (n instanceof Element && FORMATTING.contains(((Element) n).normalName())) {
      r = rec(n);
    } else {
      // most nodes start once: one probe of the map instead of a look-up and then a put
      r = new Rec();
      Rec before = recs.put(n, r);
      if (before != null) {
        recs.put(n, before);
        r = before;
      }
    }
    r.start = true;
    r.startFrom = from;
    r.startTo = to;
  }

  /** jsoup's end range for an element (its end tag, or where it was closed implicitly). */
  public void end(Node n, int from, int to) {
    Rec r = rec(n);
    r.end = true;
    r.endFrom = from;
    r.endTo = to;
  }

  /** Whether jsoup would report a tracked end range for {@code n} now. */
  public boolean endTracked(Node n) {
    Rec r = recs.get(n);
    return r != null && r.end;
  }

  /** {@code e}'s attributes are those of the start tag at {@code src[from, to)}. */
  public void attributesFrom(Element e, int from, int to) {
    Rec r = rec(e);
    r.tagFrom = from;
    r.tagTo = to;
  }

  /** jsoup merged attribute {@code key} of the tag at {@code src[from, to)} into {@code e}. */
  public void merged(Element e, String key, int from, int to) {
    if (merged == null) {
      merged = new IdentityHashMap<>();
    }
    merged.computeIfAbsent(e, k -> new HashMap<>()).putIfAbsent(key, new int[] {from, to});
  }

  /** A body start tag jsoup read while a body was open (it merges such a tag into that body). */
  public void laterBodyTag(int from) {
    if (laterBodyTag < 0) {
      laterBodyTag = from;
    }
  }

  /** Where the first body start tag read while a body was open starts, or -1. */
  int laterBodyTag() {
    return laterBodyTag;
  }

  /** An html start tag jsoup read after the html element was made. */
  public void laterHtmlTag(int from) {
    if (laterHtmlTag < 0) {
      laterHtmlTag = from;
    }
  }

  /** Where the first html start tag read after the html element was made starts, or -1. */
  int laterHtmlTag() {
    return laterHtmlTag;
  }

  /** The tag a merged attribute came from ({from, to}), or null. */
  int[] mergedFrom(Element e, String key) {
    if (merged == null) {
      return null;
    }
    Map<String, int[]> m = merged.get(e);
    return m == null ? null : m.get(key);
  }

  /** The record of {@code n}, or null when jsoup tracked nothing for it. */
  Rec get(Node n) {
    return recs.get(n);
  }
}
