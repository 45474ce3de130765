package io.streamspider.host.select.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class PositionParserTest {
  private static final String HTML =
      "<html>\n<body>\n<p class=a>one</p>\r\n<ul>\n<li id=x title='t'>two</ul>\n</body></html>";

  @Test
  void offsetsAreJsoupsButNoLinesAreCounted() {
    assertFalse(
        PositionParser.linesTracked(),
        "jsoup's reader field was not found: lines are counted again");
    Document ours = PositionParser.parse(HTML);
    Document jsoups = Parser.htmlParser().setTrackPosition(true).parseInput(HTML, "");
    assertEquals(jsoups.getAllElements().size(), ours.getAllElements().size());
    for (int i = 0; i < ours.getAllElements().size(); i++) {
      Element o = ours.getAllElements().get(i);
      Element j = jsoups.getAllElements().get(i);
      assertEquals(j.sourceRange().startPos(), o.sourceRange().startPos(), o.tagName());
      assertEquals(j.sourceRange().endPos(), o.sourceRange().endPos(), o.tagName());
      assertEquals(j.sourceRange().isImplicit(), o.sourceRange().isImplicit(), o.tagName());
      assertEquals(j.endSourceRange().startPos(), o.endSourceRange().startPos(), o.tagName());
      assertEquals(j.endSourceRange().isImplicit(), o.endSourceRange().isImplicit(), o.tagName());
    }
    Element li = ours.selectFirst("li");
    Range.AttributeRange title = li.attributes().sourceRange("title");
    Range.AttributeRange jsoupTitle = jsoups.selectFirst("li").attributes().sourceRange("title");
    assertEquals(jsoupTitle.valueRange().startPos(), title.valueRange().startPos());
    // the li is on line 5 of the source; without line counting jsoup reports line 1
    assertEquals(5, jsoups.selectFirst("li").sourceRange().start().lineNumber());
    assertEquals(1, li.sourceRange().start().lineNumber());
  }
}
