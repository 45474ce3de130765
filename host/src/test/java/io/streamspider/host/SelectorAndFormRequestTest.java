package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamspider.host.form.FormException;
import io.streamspider.host.form.FormSubmission;
import io.streamspider.host.form.FormSubmitter;
import io.streamspider.host.select.HtmlPage;
import io.streamspider.host.select.SelectorSyntaxException;
import io.streamspider.host.testing.HostRun;
import io.streamspider.host.testing.TestSite;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code selector_request} and {@code from_response_request} end to end: a real spider process, a
 * real server, the host's parsel selectors and Scrapy forms. Expected values come from those
 * components (tested against the real parsel/Scrapy in their own tests) or from the reference
 * transcripts; this test checks that the protocol side carries them.
 */
class SelectorAndFormRequestTest {
  private static TestSite site;

  @BeforeAll
  static void startSite() throws Exception {
    site = new TestSite();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static final String SPIDER =
      "recv 1\nsend {\"type\": \"spider\", \"name\": \"t\", \"start_urls\": []}\n";

  private static HostRun.Result run(String lines) throws Exception {
    StringBuilder script = new StringBuilder(SPIDER);
    for (String l : lines.split("\n")) {
      script.append("send ").append(l).append("\nrecv 1\n");
    }
    script.append("send {\"type\": \"close\"}\n");
    return HostRun.python(site, script.toString(), b -> {});
  }

  @Test
  void selectorRequestAnswersWithEveryFieldsValues() throws Exception {
    HostRun.Result r =
        run(
            "{\"type\": \"selector_request\", \"id\": \"fields\", \"url\": \"${BASE}/p2.html\","
                + " \"meta\": {\"k\": 1}, \"selector\": {\"title\": {\"type\": \"css\", \"filter\":"
                + " \"h1::text\"}, \"price\": {\"type\": \"xpath\", \"filter\":"
                + " \"//span[@class='price']/text()\"}, \"element\": {\"type\": \"css\","
                + " \"filter\": \"span.price\"}, \"missing\": {\"type\": \"css\", \"filter\":"
                + " \"div.none::text\"}}}");
    assertEquals(0, r.exit(), r.log());
    JsonNode m = r.message(1);
    assertEquals("response_selector", m.get("type").asText());
    assertEquals("fields", m.get("id").asText());
    assertEquals(TestSite.P2, m.get("body").asText());
    assertEquals(1, m.get("meta").get("k").asInt());
    assertEquals("fields", m.get("meta").get("request_id").asText());
    // the values of host/src/test/resources/fixtures/reference-host-session.txt for this page
    assertEquals("[\"Page 2\"]", m.get("selector").get("title").toString());
    assertEquals("[\"20\"]", m.get("selector").get("price").toString());
    assertEquals("[]", m.get("selector").get("missing").toString());
    List<String> element =
        HtmlPage.parse(TestSite.P2, site.base() + "/p2.html")
            .getall(SelectorSpec.css("span.price"));
    assertEquals(
        element.toString(), List.of(m.get("selector").get("element").get(0).asText()).toString());
    // field order as the spider sent it
    assertEquals(List.of("title", "price", "element", "missing"), fieldNames(m.get("selector")));
  }

  @Test
  void anXmlResponseIsSelectedAsXmlAsScrapyDoes() throws Exception {
    // application/rss+xml makes an XmlResponse in Scrapy: Selector(response) parses it as XML
    HostRun.Result r =
        run(
            "{\"type\": \"selector_request\", \"id\": \"feed\", \"url\": \"${BASE}/feed.rss\","
                + " \"selector\": {\"creators\": {\"type\": \"xpath\", \"filter\":"
                + " \"//*[local-name()='creator']/text()\"}, \"channel\": {\"type\": \"css\","
                + " \"filter\": \"Title::text\"}, \"first\": {\"type\": \"xpath\", \"filter\":"
                + " \"//item[1]\"}}}");
    assertEquals(0, r.exit(), r.log());
    JsonNode m = r.message(1);
    assertEquals("response_selector", m.get("type").asText(), m.toString());
    String url = site.base() + "/feed.rss";
    HtmlPage xml = HtmlPage.parseXml(TestSite.FEED, url);
    HtmlPage html = HtmlPage.parse(TestSite.FEED, url);
    for (var f :
        Map.of(
                "creators",
                SelectorSpec.xpath("//*[local-name()='creator']/text()"),
                "channel",
                SelectorSpec.css("Title::text"),
                "first",
                SelectorSpec.xpath("//item[1]"))
            .entrySet()) {
      List<String> got = new ArrayList<>();
      m.get("selector").get(f.getKey()).forEach(v -> got.add(v.asText()));
      assertEquals(xml.getall(f.getValue()), got, f.getKey());
      if (!f.getKey().equals("creators")) {
        // not what the same text gives as HTML (names keep their case, namespaces are declared)
        assertNotEquals(html.getall(f.getValue()), got, f.getKey());
      }
    }
    assertEquals(2, m.get("selector").get("creators").size(), m.toString());
  }

  @Test
  void selectorFailuresAreExceptions() throws Exception {
    String bad =
        "{\"type\": \"selector_request\", \"id\": \"bad\", \"url\": \"${BASE}/p1.html\","
            + " \"selector\": {\"x\": {\"type\": \"css\", \"filter\": \"h1::\"}}}";
    String binary =
        "{\"type\": \"selector_request\", \"id\": \"bin\", \"url\": \"${BASE}/img.png\","
            + " \"selector\": {\"x\": {\"type\": \"css\", \"filter\": \"h1\"}}}";
    String missing =
        "{\"type\": \"selector_request\", \"id\": \"nf\", \"url\": \"${BASE}/missing.html\","
            + " \"selector\": {\"x\": {\"type\": \"css\", \"filter\": \"h1\"}}}";
    HostRun.Result r = run(bad + "\n" + binary + "\n" + missing);
    assertEquals(0, r.exit(), r.log());
    SelectorSyntaxException expected =
        assertThrows(
            SelectorSyntaxException.class,
            () -> HtmlPage.parse(TestSite.P1, site.base()).getall(SelectorSpec.css("h1::")));
    assertException(r.message(1), bad, expected.getMessage());
    assertException(r.message(2), binary, "Response content isn't text");
    assertException(r.message(3), missing, "Ignoring non-200 response");
  }

  @Test
  void fromResponseRequestSubmitsTheFormAndAnswersWithTheResult() throws Exception {
    String line =
        "{\"type\": \"from_response_request\", \"id\": \"login\", \"url\": \"${BASE}/index.html\","
            + " \"base64\": false, \"meta\": {\"m\": \"v\"}, \"headers\": {\"X-From\": \"spider\"},"
            + " \"from_response_request\": {\"formname\": \"login\", \"formdata\": {\"user\":"
            + " \"bob\"}}}";
    HostRun.Result r = run(line);
    assertEquals(0, r.exit(), r.log());
    FormSubmission expected =
        FormSubmitter.fromResponse(
            TestSite.INDEX,
            site.base() + "/index.html",
            FormSpec.builder().formname("login").formdata(Map.of("user", "bob")).build());
    JsonNode m = r.message(1);
    assertEquals("response", m.get("type").asText());
    assertEquals("login", m.get("id").asText());
    assertEquals(expected.url(), m.get("url").asText());
    String echo = m.get("body").asText();
    assertTrue(echo.startsWith(expected.method() + " /login\n"), echo);
    assertTrue(echo.endsWith("\n" + expected.body()), echo + " vs " + expected.body());
    assertTrue(echo.contains("X-from: spider") || echo.contains("X-From: spider"), echo);
    assertEquals("v", m.get("meta").get("m").asText());
    assertEquals("login", m.get("meta").get("request_id").asText());
  }

  @Test
  void fromResponseRequestFailuresAreExceptions() throws Exception {
    String noForm =
        "{\"type\": \"from_response_request\", \"id\": \"none\", \"url\": \"${BASE}/p1.html\","
            + " \"from_response_request\": {}}";
    String badNumber =
        "{\"type\": \"from_response_request\", \"id\": \"num\", \"url\": \"${BASE}/form.html\","
            + " \"from_response_request\": {\"formnumber\": 7}}";
    String notFound =
        "{\"type\": \"from_response_request\", \"id\": \"nf\", \"url\": \"${BASE}/missing.html\","
            + " \"from_response_request\": {}}";
    String binary =
        "{\"type\": \"from_response_request\", \"id\": \"bin\", \"url\": \"${BASE}/img.png\","
            + " \"from_response_request\": {}}";
    String nowhere =
        "{\"type\": \"from_response_request\", \"id\": \"nowhere\", \"url\":"
            + " \"${BASE}/form-to-nowhere.html\", \"from_response_request\": {}}";
    HostRun.Result r =
        run(noForm + "\n" + badNumber + "\n" + notFound + "\n" + binary + "\n" + nowhere);
    assertEquals(0, r.exit(), r.log());
    FormException none =
        assertThrows(
            FormException.class,
            () ->
                FormSubmitter.fromResponse(
                    TestSite.P1, site.base() + "/p1.html", FormSpec.DEFAULT));
    FormException number =
        assertThrows(
            FormException.class,
            () ->
                FormSubmitter.fromResponse(
                    TestSite.FORM,
                    site.base() + "/form.html",
                    FormSpec.builder().formnumber(7).build()));
    assertException(r.message(1), noForm, none.getMessage());
    assertException(r.message(2), badNumber, number.getMessage());
    assertException(r.message(3), notFound, "Ignoring non-200 response");
    assertException(r.message(4), binary, "Response content isn't text");
    // the submission itself gets a 404
    assertException(r.message(5), nowhere, "Ignoring non-200 response");
  }

  @Test
  void anAllowedNon200PageIsNamedWithItsStatus() throws Exception {
    String line =
        "{\"type\": \"from_response_request\", \"id\": \"gone\", \"url\":"
            + " \"${BASE}/missing-form.html\", \"meta\": {\"handle_httpstatus_list\": [404]},"
            + " \"from_response_request\": {}}";
    HostRun.Result r = run(line);
    assertEquals(0, r.exit(), r.log());
    // the 404 page is allowed by the meta and has no form: Scrapy's no-form text
    FormException none =
        assertThrows(
            FormException.class,
            () ->
                FormSubmitter.fromResponse(
                    TestSite.NOT_FOUND, site.base() + "/missing-form.html", FormSpec.DEFAULT));
    assertException(r.message(1), line, none.getMessage().replace("<200 ", "<404 "));
  }

  private static void assertException(JsonNode m, String sent, String text) {
    assertEquals("exception", m.get("type").asText(), m.toString());
    assertEquals(sent.replace("${BASE}", site.base()), m.get("received_message").asText());
    assertEquals(text, m.get("exception").asText());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
