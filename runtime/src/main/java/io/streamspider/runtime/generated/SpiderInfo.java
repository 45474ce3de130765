package io.streamspider.runtime.generated;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code spider} message says of a spider (protocol, section "spider").
 *
 * @param customSettings setting name → JSON value (String, Number, Boolean, List, Map)
 */
public record SpiderInfo(
    String name,
    List<String> startUrls,
    List<String> allowedDomains,
    Map<String, Object> customSettings) {

  public SpiderInfo {
    Objects.requireNonNull(name, "name == null");
    startUrls = List.copyOf(startUrls);
    allowedDomains = List.copyOf(allowedDomains);
    customSettings = Collections.unmodifiableMap(new LinkedHashMap<>(customSettings));
  }
}
