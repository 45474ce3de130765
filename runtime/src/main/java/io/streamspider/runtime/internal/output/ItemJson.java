package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamspider.runtime.internal.PythonJson;
import java.io.IOException;

/**
 * How items become JSON: Jackson with {@code java.time} support and ISO-8601 dates. Records, maps
 * and POJOs (fields of any visibility, or getters) are items; Jackson's own error is kept when a
 * type cannot be serialised, so nothing is silently written as {@code {}}.
 */
public final class ItemJson {
  private ItemJson() {}

  /**
   * The mapper every output shares (thread-safe once built); Scrapy Cloud's lines use its
   * serializers.
   */
  public static final ObjectMapper MAPPER = mapper();

  /**
   * As Scrapy's feed exporters write with {@code FEED_EXPORT_ENCODING=utf-8}: UTF-8, ", " and ": "
   * ({@link PythonJson}). The {@code parse} dev command prints items with it too.
   */
  public static final ObjectWriter FEED = MAPPER.writer(PythonJson.SPACED);

  private static ObjectMapper mapper() {
    // json.dumps(ensure_ascii=False): lower-case hex escapes, supplementary chars raw in UTF-8;
    // Scrapy Cloud's lines make their generator ASCII-only (WireLine)
    JsonFactory factory = PythonJson.utf8(new JsonFactoryBuilder()).build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .disable(SerializationFeature.CLOSE_CLOSEABLE)
        // an item class with package-private fields and no getters is still an item
        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .build();
  }

  /** The item as a tree (for CSV and for outputs that share one conversion). */
  public static JsonNode tree(Object item) {
    return item instanceof JsonNode n ? n : MAPPER.valueToTree(item);
  }

  /** A short description of an item for log messages: its type and the start of its text. */
  static String describe(Object item) {
    String type = item == null ? "null" : item.getClass().getName();
    String text;
    try {
      text = MAPPER.writeValueAsString(item);
    } catch (IOException | RuntimeException e) {
      try {
        text = String.valueOf(item);
      } catch (RuntimeException again) {
        text = "(neither JSON nor toString() works: " + again + ")";
      }
    }
    return type + " " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
  }
}
