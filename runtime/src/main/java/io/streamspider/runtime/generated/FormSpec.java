package io.streamspider.runtime.generated;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code from_response_request} object of the protocol: Scrapy's {@code
 * FormRequest.from_response} arguments. Null fields are omitted on the wire. Generated code and
 * spiders name what they set with {@link #builder()}: {@code
 * FormSpec.builder().formxpath("//form[@id='search']").dontClick(true).build()}.
 *
 * @param formdata values are a {@code String}, a {@code List<String>} (repeated field) or {@code
 *     null} (remove the field, Scrapy's {@code None})
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

  /** A builder with nothing set: {@code build()} gives {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Names each argument of {@code FormRequest.from_response}; what is not set is omitted. */
  public static final class Builder {
    private String formname;
    private String formxpath;
    private String formcss;
    private Integer formnumber;
    private Map<String, Object> formdata;
    private Map<String, String> clickdata;
    private Boolean dontClick;

    private Builder() {}

    /** The form whose {@code name} attribute is this. */
    public Builder formname(String formname) {
      this.formname = formname;
      return this;
    }

    /** The first form matched by this XPath. */
    public Builder formxpath(String formxpath) {
      this.formxpath = formxpath;
      return this;
    }

    /** The first form matched by this CSS selector. */
    public Builder formcss(String formcss) {
      this.formcss = formcss;
      return this;
    }

    /** The form at this index (0-based) among the page's forms. */
    public Builder formnumber(int formnumber) {
      this.formnumber = formnumber;
      return this;
    }

    /** Fields to set or (with a null value) remove; see {@link FormSpec} for the values. */
    public Builder formdata(Map<String, Object> formdata) {
      this.formdata = formdata;
      return this;
    }

    /** Attributes that pick the clickable element whose value is submitted. */
    public Builder clickdata(Map<String, String> clickdata) {
      this.clickdata = clickdata;
      return this;
    }

    /** Whether no clickable element is submitted (Scrapy's {@code dont_click}). */
    public Builder dontClick(boolean dontClick) {
      this.dontClick = dontClick;
      return this;
    }

    public FormSpec build() {
      return new FormSpec(formname, formxpath, formcss, formnumber, formdata, clickdata, dontClick);
    }
  }
}
