package io.streamspider.runtime.testspiders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.annotations.Field;
import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Setting;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.SpiderState;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A programmable test spider: a plain response's body is a JSON script of what the callback does
 * (requests to return, items to yield, text to print, an exception to throw), so the scripted host
 * drives every path of the runtime.
 *
 * <p>Its dispatch table {@code ShopSpider_StreamSpider} is the processor's output, committed (the
 * runtime builds before the processor); the processor's {@code CommittedTablesTest} fails when it
 * differs. The start URL and allowed domains that tests set through the system properties {@code
 * shop.start} and {@code shop.domains} are applied by {@link ShopSpiderDefinition}.
 */
@Spider(
    name = "shop",
    startUrls = "http://127.0.0.1:8765/index.html",
    allowedDomains = {"127.0.0.1", "example.com"},
    customSettings = @Setting(name = "DOWNLOAD_DELAY", value = "0"))
public class ShopSpider {
  private static final ObjectMapper JSON = new ObjectMapper();
  @SpiderArg String category = "all";
  @SpiderArg String replay;
  final SpiderState state;

  public ShopSpider(SpiderArguments arguments) {
    state = arguments.state();
  }

  @Parse
  public Object parse(Response response) throws Exception {
    return script(response);
  }

  @Parse("page")
  public Object page(Response response) throws Exception {
    return script(response);
  }

  @Parse("fields")
  public Object fields(
      Response response,
      @Selector(css = "h1::text") List<String> title,
      @Selector(xpath = "//span[@class='price']/text()") List<String> price) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("kind", "fields");
    item.put("url", response.url());
    item.put("title", title);
    item.put("price", price);
    return item;
  }

  @Parse("search")
  @FormRequest(formName = "search", formData = @Field(name = "q", value = "java"))
  public Object search(Response response) throws Exception {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("kind", "search");
    item.put("url", response.url());
    item.put("bytes", response.body().length);
    return item;
  }

  @Parse("image")
  public Object image(byte[] body, Response response) throws Exception {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("kind", "image");
    item.put("binary", response.isBinary());
    item.put("size", body.length);
    item.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    return item;
  }

  /** A page that is not a script: an item describing it, plus the replayed crawl's requests. */
  private Object html(Response response) {
    List<Object> out = new ArrayList<>();
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("kind", "html");
    item.put("callback", response.callbackId());
    item.put("url", response.url());
    item.put("status", response.status());
    item.put("length", response.text().length());
    item.put("contentType", response.header("content-type"));
    item.put("latency", response.meta("download_latency"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<(?:title|h1)>([^<]*)<").matcher(response.text());
    item.put("title", m.find() ? m.group(1) : null);
    out.add(item);
    if ("session".equals(replay) && response.callbackId().equals("parse")) {
      // the requests of fixtures/reference-host-session.txt (test resources)
      String base = "http://127.0.0.1:8765/";
      out.add(Request.to("page", base + "p1.html"));
      out.add(Request.to("image", base + "img.png"));
      out.add(Request.to("fields", base + "p2.html"));
      out.add(Request.to("search", base + "form.html"));
      out.add(Request.to("page", "http://nonexistent.invalid/"));
      out.add(Request.to("page", base + "p1.html"));
      out.add(Request.to("page", base + "p1.html").dontFilter(true));
    }
    if ("non200".equals(replay) && response.callbackId().equals("parse")) {
      throw new IllegalStateException("the start URL of the non-200 transcript never answers");
    }
    return out;
  }

  @OnError("page")
  public Object pageFailed(Failure failure) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("kind", "failure");
    item.put("id", failure.requestId());
    item.put("callback", failure.callbackId());
    item.put("url", failure.url());
    item.put("meta", failure.meta());
    item.put("exception", failure.exception());
    return item;
  }

  private Object script(Response response) throws Exception {
    if (!response.text().startsWith("{")) {
      return html(response);
    }
    JsonNode s = JSON.readTree(response.text());
    List<Object> out = new ArrayList<>();
    if (s.has("stdout")) {
      System.out.println(s.get("stdout").asText());
    }
    if (s.has("stderr")) {
      System.err.println(s.get("stderr").asText());
      new IllegalStateException("printed stack trace").printStackTrace();
    }
    if (s.has("jul")) {
      Logger.getLogger("shop").warning(s.get("jul").asText());
      Logger.getLogger("shop").info(s.get("jul").asText());
    }
    if (s.has("jul_fine")) {
      Logger.getLogger("shop").fine(s.get("jul_fine").asText() + " (FINE)");
      Logger.getLogger("shop").finer(s.get("jul_fine").asText() + " (FINER)");
    }
    if (s.has("thread")) {
      Thread t =
          new Thread(
              () -> {
                throw new IllegalStateException(s.get("thread").asText());
              });
      t.start();
      t.join();
    }
    for (JsonNode i : s.path("items")) {
      out.add(JSON.convertValue(i, Map.class));
    }
    for (JsonNode r : s.path("requests")) {
      Request req =
          Request.to(
              r.path("callback").asText(),
              r.path("url").isNull() ? null : r.path("url").asText(null));
      if (r.has("method")) {
        req.method(r.get("method").asText());
      }
      if (r.has("encoding")) {
        req.encoding(r.get("encoding").asText());
      }
      if (r.has("body")) {
        req.body(r.get("body").asText());
      }
      if (r.path("dont_filter").asBoolean(false)) {
        req.dontFilter(true);
      }
      if (r.has("meta")) {
        req.meta(JSON.convertValue(r.get("meta"), Map.class));
      }
      if (r.has("formdata")) {
        r.get("formdata")
            .fields()
            .forEachRemaining(e -> req.formData(e.getKey(), e.getValue().asText()));
      }
      out.add(req);
    }
    if (s.has("throw")) {
      throw new IllegalStateException(s.get("throw").asText());
    }
    if (s.has("echo")) {
      // what reached the callback: its id, the response's id, url and meta
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("kind", "echo");
      item.put("callback", response.callbackId());
      item.put("id", response.id());
      item.put("url", response.url());
      item.put("meta", response.meta());
      out.add(item);
    }
    if (s.has("state")) {
      // a counter in the spider's state, kept across a JOBDIR resume
      String key = s.get("state").asText();
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("kind", "state");
      item.put("key", key);
      item.put("value", state.increment(key));
      out.add(item);
    }
    if (s.has("category")) {
      out.add(Map.of("category", category));
    }
    return out;
  }
}
