package io.streamspider.runtime.protocol;

import java.util.List;
import java.util.Map;

/**
 * Spider → host, first message (section "spider"). {@code allowedDomains} and {@code
 * customSettings} are optional (null: omitted). {@code frontier} is true only in answer to an
 * embedded host that announced frontier mode (docs/scale-out.md); null or false: omitted, as the
 * real host rejects unknown fields.
 */
public record SpiderMessage(
    String name,
    List<String> startUrls,
    List<String> allowedDomains,
    Map<String, Object> customSettings,
    Boolean frontier)
    implements Message {

  /** A {@code spider} message without frontier mode. */
  public SpiderMessage(
      String name,
      List<String> startUrls,
      List<String> allowedDomains,
      Map<String, Object> customSettings) {
    this(name, startUrls, allowedDomains, customSettings, null);
  }

  @Override
  public String type() {
    return "spider";
  }
}
