package io.streamspider.test.spiders;

import io.streamspider.annotations.Field;
import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The test kit's own test spider: every kind of callback, and a few mistakes to be caught. */
@Spider(name = "shop", startUrls = "http://127.0.0.1:8000/", allowedDomains = "127.0.0.1")
public class ShopSpider {
  @SpiderArg String mode = "normal";

  public record Offer(String name, int stock, String url) {}

  @Parse
  public List<Object> parse(
      Response page,
      @Selector(css = "li.offer a::attr(href)") List<String> offers,
      @Selector(css = "a.next::attr(href)") String next) {
    List<Object> out = new ArrayList<>();
    offers.forEach(href -> out.add(ShopSpider_Requests.offer(href).meta("from", page.url())));
    if (next != null) {
      out.add(ShopSpider_Requests.parse(next).priority(5));
    }
    out.add(ShopSpider_Requests.search("/search").formData("q", "lamp"));
    if (mode.equals("unknown-callback")) {
      out.add(Request.to("nope", "/x"));
    }
    return out;
  }

  @Parse("offer")
  public Offer offer(
      Response page,
      @Selector(css = "h1::text") String name,
      @Selector(xpath = "//p[@class='stock']/@data-n") int stock) {
    if (mode.equals("throw")) {
      throw new IllegalStateException("offer page confused me");
    }
    return new Offer(name, stock, page.url());
  }

  @OnError("offer")
  public Map<String, Object> offerFailed(Failure failure) {
    return Map.of("failed", failure.url(), "why", failure.exception());
  }

  @Parse("search")
  @FormRequest(formName = "search", formData = @Field(name = "sort", value = "price"))
  public Map<String, Object> search(Response page) {
    // ad-hoc queries: each result row, nested
    List<String> rows = new ArrayList<>();
    for (Selection row : page.css("table.results tr")) {
      rows.add(
          row.css("td.name::text").get()
              + "="
              + row.xpath("./td[@class='price']/text()").reFirst("[0-9.]+"));
    }
    return Map.of(
        "rows",
        rows,
        "title",
        page.xpath("//title/text()").get(),
        "first-row",
        page.css("tr").attrib());
  }

  @Parse("raw")
  public Map<String, Object> raw(Response response, byte[] body) {
    return Map.of("size", body.length, "type", String.valueOf(response.header("content-type")));
  }

  @Parse("text")
  public Map<String, String> text(Response response) {
    return Map.of("text", response.text());
  }
}
