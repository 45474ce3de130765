package io.streamspider.host.select.internal;

import org.jsoup.nodes.Document;
import org.jsoup.parser.OffsetRecordingTreeBuilder;

/**
 * jsoup's HTML parser with the source offsets {@link LxmlTreeBuilder}'s passes need, without
 * jsoup's own position tracking.
 *
 * <p>jsoup 1.18's tracking ({@code setTrackPosition(true)}) stores, for every node, two {@code
 * Range}s of two {@code Position}s each in a user data {@code HashMap} inside the node's {@code
 * Attributes} (a text node gets an {@code Attributes} just for that), and for every attribute two
 * more ranges in a second map; every read goes through those maps. A flight recording of the crawl
 * (17-20 KB product pages) had {@code Attributes.userData} alone in 12.6% of the host's samples,
 * jsoup's node and attribute tracking and the range reads in another fifth. What the passes need is
 * far less: a node's start and end offsets, where an element's end tag is, and, for the few tags
 * whose source differs from jsoup's reading of it, where each attribute's name and value are.
 *
 * <p>Options measured (SelectBench, thread CPU time, {@code docs/bench-select.md}):
 *
 * <ul>
 *   <li>A newer jsoup: 1.23 and later keep ranges compactly (offsets in the node, no maps), but
 *       still for every node and attribute, with no switch for attributes alone; and they build
 *       other trees (1.23 opens {@code <div/>}, reads CDATA in HTML otherwise; 1.24.1 differs in 12
 *       parsel cases: {@code docs/bench-select.md}). Not taken.
 *   <li>jsoup's tracking off, offsets recorded by {@link OffsetRecordingTreeBuilder} (jsoup's
 *       package-private node hooks, so a class in jsoup's package, checked by the compiler and by
 *       {@code PositionParserTest} against the pinned jsoup) into an identity map ({@link
 *       NodeOffsets}); attribute ranges not recorded at all: a tag is re-read only when its source
 *       holds a character reference, a CR, a control or a non-ASCII character ({@link
 *       SourceTree#attributeSpan}); in every other tag the source spells each name and value as
 *       jsoup read them, so jsoup's own key and value give the same result. This is the one used.
 *       Its cost: the host jar has a class in package {@code org.jsoup.parser}, so it cannot be put
 *       on the module path beside jsoup's module (the class path, as StreamSpider runs it, is
 *       fine).
 *   <li>jsoup's public node listener ({@code StreamParser}) sees nodes but not the token's
 *       positions, nor the tags jsoup drops or merges; reflection into the same internals would be
 *       as fragile as the class above, and unchecked by the compiler.
 * </ul>
 */
public final class PositionParser {
  private PositionParser() {}

  /** jsoup's tree of a source and where its nodes were read. */
  static final class Parsed {
    final Document doc;
    final NodeOffsets offsets;

    Parsed(Document doc, NodeOffsets offsets) {
      this.doc = doc;
      this.offsets = offsets;
    }
  }

  /** Parses {@code html} as jsoup does, noting where each node was read. */
  static Parsed parse(String html) {
    NodeOffsets offsets = new NodeOffsets(html.length());
    Document doc = OffsetRecordingTreeBuilder.parse(html, offsets);
    return new Parsed(doc, offsets);
  }
}
