package io.streamspider.slf4j;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Response;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs through SLF4J at every level, then through java.util.logging, while handling its page. */
@Spider(name = "slf4j", startUrls = "http://127.0.0.1:9/")
public class Slf4jSpider {
  private static final Logger LOG = LoggerFactory.getLogger(Slf4jSpider.class);

  @Parse
  public Map<String, Object> parse(Response page) {
    LOG.trace("trace {}", page.url());
    LOG.debug("debug {}", page.url());
    LOG.info("info {} {}", page.status(), page.url());
    LOG.warn("warn {}", page.url());
    LOG.error("error with a trace", new IllegalStateException("boom"));
    // java.util.logging, under the same LOG_LEVEL
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger(Slf4jSpider.class.getName());
    jul.fine("jul fine");
    jul.info("jul info");
    return Map.of("url", page.url());
  }
}
