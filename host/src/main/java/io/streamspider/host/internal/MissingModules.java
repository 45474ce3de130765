package io.streamspider.host.internal;

import io.streamspider.runtime.FormSpec;
import io.streamspider.runtime.SelectorSpec;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * TEMPORARY: answers selector_request and from_response_request with an exception until the
 * selector ({@code io.streamspider.host.select}) and form ({@code io.streamspider.host.form})
 * packages are merged into this branch.
 */
public final class MissingModules {
  private MissingModules() {}

  public static final SelectorEvaluator SELECTORS =
      (String html, String url, Map<String, SelectorSpec> selectors) -> {
        throw new IllegalArgumentException(
            "selector_request is not available: this build has no io.streamspider.host.select");
      };

  public static final FormBuilder FORMS =
      (String html, String pageUrl, Charset encoding, FormSpec spec) -> {
        throw new FormBuilder.FormFailure(
            "from_response_request is not available: this build has no io.streamspider.host.form");
      };
}
