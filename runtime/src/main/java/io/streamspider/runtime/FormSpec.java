package io.streamspider.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code from_response_request} object of the protocol: Scrapy's
 * {@code FormRequest.from_response} arguments. Null fields are omitted on the wire.
 *
 * @param formdata values are a {@code String}, a {@code List<String>} (repeated field) or
 *     {@code null} (remove the field, Scrapy's {@code None})
 */
public record FormSpec(
    String formname,
    String formxpath,
    String formcss,
    Integer formnumber,
    Map<String, Object> formdata,
    Map<String, String> clickdata,
    Boolean dontClick) {

  public static final FormSpec DEFAULT = new FormSpec(null, null, null, null, null, null, null);

  public FormSpec {
    formdata = formdata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(formdata));
    clickdata =
        clickdata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(clickdata));
    if (formdata != null) {
      for (Map.Entry<String, Object> e : formdata.entrySet()) {
        Object v = e.getValue();
        if (v != null && !(v instanceof String) && !(v instanceof List<?>)) {
          throw new IllegalArgumentException(
              "formdata value of " + e.getKey() + " must be a String, a List<String> or null");
        }
      }
    }
  }

  /** This spec with {@code overrides} laid over its formdata (a null value removes the field). */
  public FormSpec withFormdata(Map<String, Object> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    if (formdata != null) {
      merged.putAll(formdata);
    }
    merged.putAll(overrides);
    return new FormSpec(formname, formxpath, formcss, formnumber, merged, clickdata, dontClick);
  }
}
