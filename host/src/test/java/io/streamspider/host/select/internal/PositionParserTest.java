package io.streamspider.host.select.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.internal.PyStrings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * {@link PositionParser} parses without jsoup's position tracking and records offsets itself
 * (through jsoup's package-private hooks): for every page of the conformance corpus and for random
 * awkward markup, its tree must be the one jsoup builds with tracking on, node for node, and every
 * offset, end tag, clone and attribute range must be what jsoup's tracking reports. A jsoup whose
 * internals differ from 1.18.3's fails here.
 */
class PositionParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Awkward pieces: formatting elements the adoption agency clones, tables, forms, references. */
  private static final String[] PIECES = {
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<i class=x>",
    "</i>",
    "<a href='/l?a=1&amp;b=2'>",
    "</a>",
    "<b id=1>",
    "<B ID=1>",
    "<font color=red>",
    "</font>",
    "<nobr>",
    "</nobr>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<form action='/x?y=1' method=post>",
    "</form>",
    "<input name=q value='v&lt;w'>",
    "<input type=hidden name=h>",
    "<textarea name=t>",
    "</textarea>",
    "<title>",
    "</title>",
    "<div class='a b'>",
    "</div>",
    "<ul><li>",
    "<li>",
    "</ul>",
    "<br>",
    "<br/>",
    "</br>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<!-- c -->",
    "<?php x ?>",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<html lang=en>",
    "<html LANG=fr data-x=\"&amp;\">",
    "</html>",
    "<body class=b>",
    "<body Data-Y=1 id=z>",
    "</body>",
    "<head>",
    "</head>",
    "<svg viewBox='0 0 1 1'>",
    "</svg>",
    "<math>",
    "</math>",
    "<img src=a.png alt=\"caf\u00e9\">",
    "<span title='a\rb'>",
    "</span>",
    "<em Class=x CLASS=y>",
    "</em>",
    "<a Title=1 TITLE=\"2\" title=3>",
    "<x-y a=\"1\"b='2'c=3/>",
    "<td\u000b x=1>",
    "<option selected>",
    "<select>",
    "</select>",
    "<frameset>",
    "<template>",
    "</template>",
    "text",
    " ",
    "\n",
    "\r\n",
    "&amp;",
    "&nbsp;",
    "caf\u00e9",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "=",
    "<p a=1 a=2 A=3>",
    "<wbr>",
    "<source>",
    "<h1>",
    "</h1>",
    "<pre>",
    "\n",
    "</pre>",
  };

  @Test
  void recordsWhatJsoupsTrackingReportsOnTheCorpus() throws IOException {
    int pages = 0;
    for (String[] file :
        new String[][] {
          {"parsel-cases.json", "html"}, {"form-cases.json", "html"}, {"adhoc-cases.json", "doc"}
        }) {
      for (JsonNode c : JSON.readTree(resource("/conformance/" + file[0])).get("cases")) {
        JsonNode html = c.get(file[1]);
        if (html != null) {
          String raw = html.asText();
          check(raw);
          check(PyStrings.strip(raw).replace("\0", ""));
          pages++;
        }
      }
    }
    assertTrue(pages > 300, "the corpus has " + pages + " pages");
  }

  @Test
  void recordsWhatJsoupsTrackingReportsOnRandomMarkup() {
    Random random = new Random(15);
    for (int doc = 0; doc < 3000; doc++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      check(b.toString());
    }
  }

  @Test
  void clonesShareTheirOriginalsPositionsAsInJsoup() {
    String html = "<p><b class=x>1</p><b class=y>2</b>";
    PositionParser.Parsed ours = PositionParser.parse(html);
    List<Element> bs = ours.doc.select("b");
    assertEquals(3, bs.size(), ours.doc.body().html());
    SourceTree t = new SourceTree(html, ours.offsets);
    // the clone of the first b, made at the second <b>, overwrote the first b's positions
    assertSame(t.identity(bs.get(0)), t.identity(bs.get(1)));
    assertEquals(html.indexOf("<b class=y>"), t.start(bs.get(0)));
    check(html);
  }

  @Test
  void noahsArkOnlyMatchesWhatTrackedJsoupMatches() {
    // untracked, jsoup would drop the first of four identical <b> from the active list
    String html = "<p><b><b><b><b>x</p>y";
    check(html);
    assertEquals(
        Parser.htmlParser().setTrackPosition(true).parseInput(html, "").body().html(),
        PositionParser.parse(html).doc.body().html());
  }

  @Test
  void aTagKeepsTheAttributesTrackedJsoupKeeps() {
    StringBuilder b = new StringBuilder("<div");
    for (int i = 0; i < 600; i++) {
      b.append(" a").append(i).append("=").append(i);
    }
    String html = b.append(">x</div>").toString();
    check(html);
    Element div = PositionParser.parse(html).doc.selectFirst("div");
    assertNotNull(div);
    assertEquals(511, div.attributesSize());
  }

  @Test
  void attributesMergedFromALaterTagPointIntoIt() {
    String html = "<html lang=en><body id=b><html data-x=\"&amp;y\" LANG=fr><body class=\"c&lt;\">";
    check(html);
    PositionParser.Parsed ours = PositionParser.parse(html);
    SourceTree t = new SourceTree(html, ours.offsets);
    Element root = ours.doc.child(0);
    int[] x = t.exactAttributeSpan(root, "data-x");
    assertNotNull(x);
    assertEquals("&amp;y", html.substring(x[2], x[3]));
    assertNull(t.exactAttributeSpan(root, "LANG"), "jsoup finds no range for a key not lower-case");
  }

  @Test
  void theTagScannerReadsWellFormedTagsAsJsoupsTokeniser() {
    String[] parts = {
      " ",
      "\n",
      "\r",
      "\t",
      "a",
      "B",
      "x-y",
      "=",
      "\"",
      "'",
      "&amp;",
      "&",
      "&#233;",
      "caf\u00e9",
      "/",
      "<",
      "`",
      "1",
      "data-v",
      "\u000b",
      "=\"\"",
      "=''",
      "='&lt;'",
      "=\"a&amp;b\"",
      "=x&y",
    };
    Random random = new Random(7);
    int scanned = 0;
    for (int i = 0; i < 20000; i++) {
      StringBuilder b = new StringBuilder("<p");
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) {
        b.append(parts[random.nextInt(parts.length)]);
      }
      String tag = b.append(random.nextBoolean() ? ">" : "/>").append("tail>").toString();
      Map<String, int[]> mine = AttributeSpans.scan(tag, 0);
      if (mine == null) {
        continue;
      }
      scanned++;
      Map<String, int[]> jsoups =
          org.jsoup.parser.OffsetRecordingTreeBuilder.attributeRanges(tag, 0, tag.length());
      assertEquals(jsoups.keySet(), mine.keySet(), tag);
      for (String key : jsoups.keySet()) {
        assertEquals(
            java.util.Arrays.toString(jsoups.get(key)),
            java.util.Arrays.toString(mine.get(key)),
            tag + " " + key);
      }
    }
    assertTrue(scanned > 5000, "the scanner read " + scanned + " tags");
  }

  private static void check(String html) {
    Document jsoups = Parser.htmlParser().setTrackPosition(true).parseInput(html, "");
    PositionParser.Parsed ours = PositionParser.parse(html);
    SourceTree t = new SourceTree(html, ours.offsets);
    List<Node> j = nodes(jsoups);
    List<Node> o = nodes(ours.doc);
    assertEquals(jsoups.outerHtml(), ours.doc.outerHtml(), () -> "tree of " + html);
    assertEquals(j.size(), o.size(), html);
    Map<Object, Object> sameRanges = new IdentityHashMap<>();
    Map<Object, Object> sameRecords = new IdentityHashMap<>();
    for (int i = 0; i < j.size(); i++) {
      Node jn = j.get(i);
      Node on = o.get(i);
      int at = i;
      Supplier<String> where = () -> on.nodeName() + " #" + at + " of " + html;
      Range r = jn.sourceRange();
      assertEquals(r.isTracked(), t.tracked(on), where);
      assertEquals(r.isTracked() ? r.startPos() : -1, t.start(on), where);
      assertEquals(r.isTracked() ? r.endPos() : -1, t.startEnd(on), where);
      if (!(jn instanceof Element)) {
        continue;
      }
      Element je = (Element) jn;
      Element oe = (Element) on;
      Range end = je.endSourceRange();
      assertEquals(end.isTracked(), t.endTracked(oe), where);
      assertEquals(end.isTracked() ? end.startPos() : -1, t.endTagStart(oe), where);
      assertEquals(end.isImplicit(), t.endImplicit(oe), where);
      assertEquals(end.isTracked() ? end.endPos() : -1, t.endTagEnd(oe), where);
      if (r.isTracked()) {
        // clones share their original's range object, and so must they share a record
        Object rec = t.identity(oe);
        Object seenRec = sameRanges.putIfAbsent(r, rec);
        assertTrue(seenRec == null || seenRec == rec, where);
        Object seenRange = sameRecords.putIfAbsent(rec, r);
        assertTrue(seenRange == null || seenRange == r, where);
      }
      for (Attribute a : je.attributes()) {
        String key = a.getKey();
        Range.AttributeRange jr = je.attributes().sourceRange(key);
        int[] span = t.exactAttributeSpan(oe, key);
        Supplier<String> what = () -> where.get() + " attribute " + key;
        if (!jr.nameRange().isTracked()) {
          assertNull(span, what);
          continue;
        }
        assertNotNull(span, what);
        assertEquals(jr.nameRange().startPos(), span[0], what);
        assertEquals(jr.nameRange().endPos(), span[1], what);
        assertEquals(jr.valueRange().startPos(), span[2], what);
        assertEquals(jr.valueRange().endPos(), span[3], what);
        // where the tag is not re-read, jsoup's key and value give what the source would
        Attribute oa = oe.attribute(key);
        int[] used = t.attributeSpan(oe, key);
        String exactName = t.rawAttributeName(span, key);
        String usedName = t.rawAttributeName(used, key);
        assertEquals(LibxmlTables.htmlName(exactName), LibxmlTables.htmlName(usedName), what);
        assertEquals(exactName.length(), usedName.length(), what);
        assertEquals(t.attributeValue(oa, span), t.attributeValue(oa, used), what);
      }
    }
  }

  private static List<Node> nodes(Node root) {
    List<Node> out = new ArrayList<>();
    root.traverse((n, depth) -> out.add(n));
    return out;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PositionParserTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
