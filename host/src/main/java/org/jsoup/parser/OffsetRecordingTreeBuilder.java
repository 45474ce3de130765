package org.jsoup.parser;

import io.streamspider.host.select.internal.NodeOffsets;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.internal.SharedConstants;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;

/**
 * jsoup's HTML tree builder with its own position tracking off, recording instead, into a {@link
 * NodeOffsets}, the offsets jsoup's tracking would have stored for every node. StreamSpider's
 * class, in jsoup's package because the hooks it needs ({@code onNodeInserted}, {@code
 * onNodeClosed}, the current token and its positions) are package-private in jsoup 1.18.3: the
 * compiler checks them against the pinned jsoup, and {@code OffsetRecordingTreeBuilderTest}
 * compares every offset with jsoup's own tracking, so a jsoup whose internals differ fails the
 * build rather than the pages. Why not jsoup's tracking: see {@code PositionParser}.
 *
 * <p>Turning jsoup's tracking off must not change the tree it builds. Two places where it would,
 * and what this class does about them:
 *
 * <ul>
 *   <li>jsoup counts its user data map as an attribute when it limits a tag to 512 attributes: with
 *       tracking a tag keeps 511. {@link #process} drops the 512th.
 *   <li>HTML5's "Noah's Ark" clause compares formatting elements by name and attributes, and with
 *       tracking the attributes include the ranges: two elements are only the same if they came
 *       from the same positions. {@link NodeOffsets} keeps the record of a formatting element in
 *       its user data, which compares (and is shared with clones) as jsoup's ranges are.
 * </ul>
 *
 * Attribute ranges are not recorded: {@link #attributeRanges} re-reads them from one tag's source
 * when the few tags that need them are converted.
 */
public final class OffsetRecordingTreeBuilder extends HtmlTreeBuilder {
  /** jsoup's limit of attributes per tag, one of them taken by user data when tracking. */
  static final int MAX_ATTRIBUTES = 512;

  private final NodeOffsets out;
  private boolean merging;

  public OffsetRecordingTreeBuilder(NodeOffsets out) {
    this.out = out;
  }

  /**
   * Parses {@code html} (jsoup's HTML parser, no position tracking), recording into {@code out}.
   */
  public static Document parse(String html, NodeOffsets out) {
    return new Parser(new OffsetRecordingTreeBuilder(out)).parseInput(html, "");
  }

  @Override
  HtmlTreeBuilder newInstance() {
    return new OffsetRecordingTreeBuilder(new NodeOffsets());
  }

  @Override
  void onNodeInserted(Node node) {
    super.onNodeInserted(node);
    record(node, true);
  }

  @Override
  void onNodeClosed(Node node) {
    super.onNodeClosed(node);
    record(node, false);
  }

  /** What jsoup's {@code trackNodePosition} computes, kept as offsets. */
  private void record(Node node, boolean isStart) {
    Token token = currentToken;
    int from = token.startPos();
    int to = token.endPos();
    if (node instanceof Element) {
      Element el = (Element) node;
      if (token.isEOF()) {
        if (out.endTracked(el)) {
          return; // body and html stay open until the end of input: keep their end tags
        }
        from = to = reader.pos();
      } else if (isStart) {
        if (!token.isStartTag() || !el.normalName().equals(token.asStartTag().normalName)) {
          to = from; // implied by another token
        }
      } else if (!el.tag().isEmpty() && !el.tag().isSelfClosing()) {
        if (!token.isEndTag() || !el.normalName().equals(token.asEndTag().normalName)) {
          to = from; // closed by another token
        }
      }
      if (isStart) {
        out.start(node, from, to);
        if (token.isStartTag()) {
          Attributes a = token.asStartTag().attributes;
          if (a != null && el.attributesSize() > 0 && el.attributes() == a) {
            out.attributesFrom(el, token.startPos(), token.endPos());
          }
        }
      } else {
        out.end(node, from, to);
      }
    } else if (isStart) {
      out.start(node, from, to);
    } else {
      out.end(node, from, to);
    }
  }

  @Override
  protected boolean process(Token token) {
    if (token.type != Token.TokenType.StartTag) {
      return super.process(token);
    }
    Token.StartTag tag = token.asStartTag();
    if ("body".equals(tag.normalName)) {
      for (Element e : stack) {
        if (e.nameIs("body")) {
          out.laterBodyTag(token.startPos()); // libxml2 discards it (HtmlSkeleton)
          break;
        }
      }
    } else if ("html".equals(tag.normalName) && !stack.isEmpty()) {
      out.laterHtmlTag(token.startPos()); // libxml2 discards it too
    }
    Attributes a = tag.attributes;
    if (a == null) {
      return super.process(token);
    }
    if (a.size() >= MAX_ATTRIBUTES) {
      tag.attributes = firstOf(a, MAX_ATTRIBUTES - 1);
      a = tag.attributes;
    }
    boolean mayMerge =
        !merging
            && a.size() > 0
            && ("html".equals(tag.normalName) || "body".equals(tag.normalName));
    if (!mayMerge) {
      return super.process(token);
    }
    // jsoup merges a later html or body tag's attributes into the element: note where they came
    // from
    List<Element> targets = new ArrayList<>(2);
    List<Integer> sizes = new ArrayList<>(2);
    for (Element e : stack) {
      if (e.nameIs("html") || e.nameIs("body")) {
        targets.add(e);
        sizes.add(e.attributesSize());
      }
    }
    merging = true;
    try {
      return super.process(token);
    } finally {
      merging = false;
      for (int i = 0; i < targets.size(); i++) {
        Element e = targets.get(i);
        if (e.attributesSize() > sizes.get(i)) {
          List<Attribute> now = e.attributes().asList();
          for (int k = sizes.get(i); k < now.size(); k++) {
            out.merged(e, now.get(k).getKey(), token.startPos(), token.endPos());
          }
        }
      }
    }
  }

  private static Attributes firstOf(Attributes a, int n) {
    Attributes kept = new Attributes();
    int i = 0;
    for (Attribute at : a) {
      if (i++ == n) {
        break;
      }
      kept.add(at.getKey(), at.hasDeclaredValue() ? at.getValue() : null);
    }
    return kept;
  }

  /**
   * The attribute ranges jsoup's tracking records for the start tag at {@code src[from, to)}:
   * lower-cased name -> {name start, name end, value start, value end}, offsets into {@code src};
   * empty if no start tag is there. jsoup's own tokeniser reads the tag: a start tag reads the same
   * alone as in its page (it starts in the data state, and jsoup emits it at the same character),
   * which {@code PositionParserTest} checks against jsoup's tracking on every tag of the corpus.
   */
  public static Map<String, int[]> attributeRanges(String src, int from, int to) {
    HtmlTreeBuilder tb = new HtmlTreeBuilder();
    Parser parser = new Parser(tb).setTrackPosition(true);
    if (from > 0 && from < src.length() && src.charAt(from) != '<' && src.charAt(from - 1) == '<') {
      from--; // a tag after RCDATA text: jsoup's token starts one past its '<'
    }
    // the token's end can stop short of its '>': read on to it (the tag's first token is the same)
    int close = src.indexOf('>', Math.max(from, to - 1));
    int end = close < 0 ? src.length() : close + 1;
    tb.initialiseParse(new StringReader(src.substring(from, end)), "", parser);
    tb.reader.trackNewlines(false);
    Token t = tb.tokeniser.read();
    Map<String, int[]> out = new HashMap<>();
    if (t.isStartTag() && t.asStartTag().attributes != null) {
      @SuppressWarnings("unchecked")
      Map<String, Range.AttributeRange> ranges =
          (Map<String, Range.AttributeRange>)
              t.asStartTag().attributes.userData(SharedConstants.AttrRangeKey);
      if (ranges != null) {
        for (Map.Entry<String, Range.AttributeRange> e : ranges.entrySet()) {
          Range n = e.getValue().nameRange();
          Range v = e.getValue().valueRange();
          out.put(
              e.getKey(),
              new int[] {
                shift(n, n.startPos(), from),
                shift(n, n.endPos(), from),
                shift(v, v.startPos(), from),
                shift(v, v.endPos(), from)
              });
        }
      }
    }
    tb.completeParse();
    return out;
  }

  private static int shift(Range r, int pos, int by) {
    return !r.isTracked() || pos < 0 ? -1 : pos + by;
  }
}
