package io.streamspider.host.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.host.form.FormException;
import io.streamspider.host.form.FormSubmitter;
import io.streamspider.runtime.generated.FormSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random markup built from HTML's awkward pieces (fixed seed, so a failure reproduces): parsing and
 * querying never throws, and form submission only fails with a FormException.
 */
class ArbitraryMarkupTest {
  private static final String[] PIECES = {
    "<p>",
    "</p>",
    "<div class='a b'>",
    "</div>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<form action='/x?y=1' method=post>",
    "</form>",
    "<input name=q value='v'>",
    "<input type=checkbox name=c checked>",
    "<select name=s><option value=1>one",
    "<option selected>two</select>",
    "<textarea name=t>",
    "</textarea>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<a href='/l'>",
    "</a>",
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
    "<![CDATA[",
    "]]>",
    "<?php x ?>",
    "<!DOCTYPE html>",
    "<html>",
    "</html>",
    "<head>",
    "<body>",
    "</body>",
    "<title>",
    "</title>",
    "&amp;",
    "&copy",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "&bogus;",
    "<",
    ">",
    "\"",
    "'",
    "=",
    "text",
    " ",
    "\n",
    "\r\n",
    "\t",
    "é",
    "😀",
    "\u0000",
    "\ufeff",
    "<svg><path d=1/>",
    "</svg>",
    "<math>",
    "<source>",
    "<wbr>",
    "<embed>",
    "<noscript>",
    "<frameset>",
    "<frame>",
    "<template>",
    "<h1>",
    "<h2>",
    "</h1>",
    "<font>",
    "<center>",
    "<button name=b value=1>",
    "<input type=submit name=go value=Go>",
    "<base href='/b/'>",
    "<p title='unterminated",
    "<x:y a:b=1>",
    "<foo@bar>",
    "<a b c d=e f='g' h=\"i\">",
  };

  private static final List<String> QUERIES =
      List.of("//*", "//text()", "//@*", "//comment()", "count(//*)", "string(/)", "//form//input");

  @Test
  void parsingAndQueryingNeverThrows() {
    Random random = new Random(20240611L);
    for (int doc = 0; doc < 400; doc++) {
      String html = randomMarkup(random);
      HtmlPage page = HtmlPage.parse(html, "http://example.com/");
      for (String q : QUERIES) {
        page.xpath(q);
      }
      assertEquals(page.css("*::text"), page.xpath("descendant-or-self::text()"), html);
      assertTrue(page.xpath("/html").size() == 1, html);
    }
  }

  @Test
  void formSubmissionOnlyFailsWithFormException() {
    Random random = new Random(7L);
    int built = 0;
    for (int doc = 0; doc < 300; doc++) {
      String html = randomMarkup(random);
      try {
        FormSubmitter.fromResponse(html, "http://example.com/a/b", FormSpec.DEFAULT);
        built++;
      } catch (FormException expected) {
        assertTrue(!expected.getMessage().isEmpty());
      }
    }
    assertTrue(built > 0, "some random pages have a form");
  }

  private static String randomMarkup(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(40);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }
}
