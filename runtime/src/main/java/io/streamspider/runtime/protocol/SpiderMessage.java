package io.streamspider.runtime.protocol;

import java.util.List;
import java.util.Map;

/**
 * Spider → host, first message (section "spider"). {@code allowedDomains} and
 * {@code customSettings} are optional (null: omitted).
 */
public record SpiderMessage(
    String name,
    List<String> startUrls,
    List<String> allowedDomains,
    Map<String, Object> customSettings)
    implements Message {
  @Override
  public String type() {
    return "spider";
  }
}
