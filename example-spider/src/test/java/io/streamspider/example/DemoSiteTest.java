package io.streamspider.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoPages;
import io.streamspider.example.internal.DemoProduct;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoSiteTest {
  private static DemoSite site;
  private static DemoCatalogue catalogue;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    site = DemoSite.start(0, DemoCatalogue.DEFAULT_SEED);
    catalogue = site.catalogue();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void firstListingPageLinksTwentyProductsTheFeaturedOnesAndTheNextPage() throws Exception {
    HttpResponse<String> r = get("/");
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    String html = r.body();
    assertEquals(20, count(html, "<article class=\"product\">"));
    for (DemoProduct p : catalogue.page(1)) {
      assertTrue(html.contains("<h3><a href=\"catalogue/product-" + p.id() + ".html\""), p.sku());
    }
    for (int id : catalogue.featured(1)) {
      assertTrue(html.contains("<li><a href=\"catalogue/product-" + id + ".html\">"), "" + id);
    }
    assertTrue(html.contains("<li class=\"next\"><a href=\"catalogue/page-2.html\">"));
    assertTrue(html.contains("<a class=\"login\" href=\"/login\">"));
  }

  @Test
  void laterListingPagesUseLinksRelativeToCatalogue() throws Exception {
    String page2 = get("/catalogue/page-2.html").body();
    DemoProduct first = catalogue.page(2).get(0);
    assertTrue(page2.contains("<h3><a href=\"product-" + first.id() + ".html\""));
    assertTrue(page2.contains("<li class=\"next\"><a href=\"page-3.html\">"));
    assertTrue(page2.contains("href=\"" + DemoCatalogue.OFFSITE_URL + "\""), "off-site link");
    String page3 = get("/catalogue/page-3.html").body();
    assertTrue(page3.contains("href=\"discontinued-item.html\""), "broken link");
    assertEquals(21, count(page3, "<article class=\"product\">"));
    String last = get(DemoCatalogue.pagePath(catalogue.pageCount())).body();
    assertFalse(last.contains("class=\"next\""), "the last page has no next link");
    assertEquals(404, get("/catalogue/page-" + (catalogue.pageCount() + 1) + ".html").statusCode());
    assertEquals(404, get("/catalogue/page-1.html").statusCode(), "page 1 is only /");
  }

  @Test
  void productPageCarriesEveryField() throws Exception {
    DemoProduct p =
        catalogue.products().stream()
            .filter(x -> x.title().contains("&"))
            .findFirst()
            .orElseThrow();
    String html = get(p.path()).body();
    assertTrue(html.contains("<h1>" + DemoPages.escape(p.title()) + "</h1>"));
    assertTrue(html.contains("&amp;"), "the & is escaped");
    assertTrue(html.contains("data-price=\"" + p.price().toPlainString() + "\""));
    assertTrue(html.contains("data-stock=\"" + p.stock() + "\""));
    assertTrue(html.contains("<span class=\"sku\">" + p.sku() + "</span>"));
    assertTrue(html.contains("<li class=\"category\">" + p.category() + "</li>"));
    assertTrue(html.contains("src=\"../media/product-" + p.id() + ".png\""));
    assertTrue(html.contains(DemoPages.escape(p.description())));
  }

  @Test
  void servesTheExactImageBytes() throws Exception {
    DemoProduct p = catalogue.product(7);
    HttpResponse<byte[]> r =
        HTTP.send(request(p.imagePath()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(p.image(), r.body());
  }

  @Test
  void missingPagesAnswer404AndOtherMethods405() throws Exception {
    assertEquals(404, get(DemoCatalogue.MISSING_PATH).statusCode());
    assertEquals(
        404, get("/catalogue/product-" + (catalogue.products().size() + 1) + ".html").statusCode());
    HttpResponse<String> post =
        HTTP.send(
            request("/").POST(HttpRequest.BodyPublishers.ofString("x=1")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void loginSetsTheSessionCookieThatOpensTheMembersArea() throws Exception {
    String form = get("/login").body();
    assertTrue(form.contains("name=\"csrf_token\" value=\"" + catalogue.csrfToken() + "\""));
    assertEquals(403, get("/members/").statusCode());
    DemoProduct member = catalogue.memberProducts().get(0);
    assertEquals(403, get(member.path()).statusCode());

    HttpResponse<String> wrong =
        post("csrf_token=" + catalogue.csrfToken() + "&username=demo&password=nope&action=login");
    assertEquals(200, wrong.statusCode());
    assertTrue(wrong.body().contains("Invalid username or password."));
    assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

    HttpResponse<String> noToken = post("username=demo&password=demo");
    assertEquals(403, noToken.statusCode());

    HttpResponse<String> ok =
        post("csrf_token=" + catalogue.csrfToken() + "&username=demo&password=demo&action=login");
    assertEquals(200, ok.statusCode());
    assertTrue(ok.body().contains("<h1 class=\"welcome\">Welcome back, demo!</h1>"));
    String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertEquals("session=" + catalogue.sessionToken() + "; Path=/; HttpOnly", cookie);

    String session = cookie.substring(0, cookie.indexOf(';'));
    HttpResponse<String> members =
        HTTP.send(
            request("/members/").header("Cookie", "theme=dark; " + session).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, members.statusCode());
    assertEquals(
        DemoCatalogue.MEMBER_PRODUCTS, count(members.body(), "<article class=\"product\">"));
    assertTrue(members.body().contains("href=\"../catalogue/product-" + member.id() + ".html\""));
    HttpResponse<String> memberPage =
        HTTP.send(
            request(member.path()).header("Cookie", session).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, memberPage.statusCode());
    assertTrue(memberPage.body().contains("<p class=\"members-only\">"));
  }

  @Test
  void countsEveryRequestByMethodAndPath() throws Exception {
    int before = site.hits("GET", "/catalogue/page-4.html");
    get("/catalogue/page-4.html");
    get("/catalogue/page-4.html");
    assertEquals(before + 2, site.hits("GET", "/catalogue/page-4.html"));
    assertTrue(site.hits().containsKey("GET /catalogue/page-4.html"));
  }

  @Test
  void mainPrintsTheUrlOfAFreePortAndServesIt() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DemoSite.class.getName(),
                "--port",
                "0")
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      Matcher m = Pattern.compile("serving (http://127\\.0\\.0\\.1:([0-9]+)/) ").matcher(line);
      assertTrue(m.find(), line);
      assertTrue(Integer.parseInt(m.group(2)) > 0);
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(m.group(1))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
    } finally {
      p.destroy();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, DemoSite.run(new String[] {"--port", "http"}, out, errStream));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port http"), err.toString());
    err.reset();
    assertEquals(2, DemoSite.run(new String[] {"--colour", "red"}, out, errStream));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--colour"), err.toString());
    err.reset();
    assertEquals(2, DemoSite.run(new String[] {"--port", "70000"}, out, errStream));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("0-65535"), err.toString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(site.baseUrl()).resolve(path));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        request("/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
