package io.streamspider.host.internal.engine.frontier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.UUID;

/**
 * One request in a {@link Frontier}, as stored: a JSON object (docs/scale-out.md)
 *
 * <pre>{"uid": "…", "fp": "…", "priority": 0, "dont_filter": false, "message": {…}}</pre>
 *
 * where {@code message} is the spider's protocol message ({@code request}, {@code selector_request}
 * or {@code from_response_request}) exactly as it was received, so that any worker's spider process
 * can be given its response: it carries the callback id, the selectors, the form and the meta.
 * {@code uid} makes two equal {@code dont_filter} requests two entries.
 *
 * @param fingerprint the request fingerprint the duplicate filter records
 */
public record FrontierEntry(
    String uid, String fingerprint, int priority, boolean dontFilter, JsonNode message) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public FrontierEntry {
    Objects.requireNonNull(uid, "uid == null");
    Objects.requireNonNull(fingerprint, "fingerprint == null");
    Objects.requireNonNull(message, "message == null");
  }

  /** A new entry with a fresh uid. */
  public static FrontierEntry of(
      String fingerprint, int priority, boolean dontFilter, JsonNode message) {
    return new FrontierEntry(
        UUID.randomUUID().toString(), fingerprint, priority, dontFilter, message);
  }

  /** The stored form: one line of JSON with the keys in a fixed order. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("uid", uid);
    o.put("fp", fingerprint);
    o.put("priority", priority);
    o.put("dont_filter", dontFilter);
    o.set("message", message);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /**
   * Reads the stored form.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static FrontierEntry fromJson(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode uid = o.get("uid");
    JsonNode fp = o.get("fp");
    JsonNode priority = o.get("priority");
    JsonNode message = o.get("message");
    if (uid == null || !uid.isTextual()) {
      throw new IllegalArgumentException("\"uid\" is missing or not a string");
    }
    if (fp == null || !fp.isTextual()) {
      throw new IllegalArgumentException("\"fp\" is missing or not a string");
    }
    if (priority == null || !priority.canConvertToInt()) {
      throw new IllegalArgumentException("\"priority\" is missing or not a whole number");
    }
    if (message == null || !message.isObject()) {
      throw new IllegalArgumentException("\"message\" is missing or not an object");
    }
    JsonNode dontFilter = o.get("dont_filter");
    return new FrontierEntry(
        uid.asText(),
        fp.asText(),
        priority.asInt(),
        dontFilter != null && dontFilter.asBoolean(),
        message);
  }
}
