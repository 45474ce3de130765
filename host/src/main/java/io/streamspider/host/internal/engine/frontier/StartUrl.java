package io.streamspider.host.internal.engine.frontier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * An entry of {@code <spider>:start_urls}, as scrapy-redis reads it: a plain URL, or a JSON object
 * with {@code url} and optionally {@code meta} (an object) and {@code priority}.
 */
public record StartUrl(String url, Map<String, Object> meta, int priority) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IllegalArgumentException saying what is wrong with the entry
   */
  @SuppressWarnings("unchecked")
  static StartUrl parse(String raw) {
    String s = raw.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("it is empty");
    }
    if (!s.startsWith("{")) {
      if (!s.contains("://")) {
        throw new IllegalArgumentException(
            "'" + s + "' is neither an absolute URL nor a JSON object");
      }
      return new StartUrl(s, Map.of(), 0);
    }
    JsonNode o;
    try {
      o = JSON.readTree(s);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("it is not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode url = o.get("url");
    if (url == null || !url.isTextual() || !url.asText().contains("://")) {
      throw new IllegalArgumentException("its \"url\" is missing or not an absolute URL");
    }
    JsonNode meta = o.get("meta");
    if (meta != null && !meta.isObject()) {
      throw new IllegalArgumentException("its \"meta\" is not an object");
    }
    JsonNode priority = o.get("priority");
    if (priority != null && !priority.canConvertToInt()) {
      throw new IllegalArgumentException("its \"priority\" is not a whole number");
    }
    return new StartUrl(
        url.asText(),
        meta == null ? Map.of() : JSON.convertValue(meta, Map.class),
        priority == null ? 0 : priority.asInt());
  }
}
