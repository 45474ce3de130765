package io.streamspider.host.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.protocol.RequestMessage;
import io.streamspider.runtime.protocol.SpiderMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one line from the spider and validates it as strictly as the real host does (protocol,
 * section "error"): unknown type, unknown field, wrong field type or missing required field is an
 * {@link InvalidMessageException} whose text is the real host's {@code details}.
 */
public final class InboundParser {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The JSON types a field accepts, with Python's names for the messages. */
  private enum FieldType {
    STR("str"),
    INT("int"),
    BOOL("bool"),
    LIST("list"),
    DICT("dict"),
    DICT_OR_LIST("dict or list"),
    /** {@code formnumber}: the protocol says int; the real host's validator wanted a string. */
    INT_OR_DIGITS("int");

    final String python;

    FieldType(String python) {
      this.python = python;
    }

    boolean accepts(JsonNode v) {
      return switch (this) {
        case STR -> v.isTextual();
        case INT -> v.isIntegralNumber();
        case BOOL -> v.isBoolean();
        case LIST -> v.isArray();
        case DICT -> v.isObject();
        case DICT_OR_LIST -> v.isObject() || v.isArray();
        case INT_OR_DIGITS ->
            v.isIntegralNumber() || (v.isTextual() && v.textValue().matches("-?[0-9]+"));
      };
    }
  }

  private static final Map<String, FieldType> SPIDER_FIELDS =
      fields(
          "name",
          FieldType.STR,
          "start_urls",
          FieldType.LIST,
          "allowed_domains",
          FieldType.LIST,
          "custom_settings",
          FieldType.DICT);
  private static final List<String> SPIDER_REQUIRED = List.of("name", "start_urls");

  private static final Map<String, FieldType> LOG_FIELDS =
      fields("message", FieldType.STR, "level", FieldType.STR);
  private static final List<String> LOG_REQUIRED = List.of("message", "level");

  private static final Map<String, FieldType> REQUEST_FIELDS =
      fields(
          "id",
          FieldType.STR,
          "url",
          FieldType.STR,
          "method",
          FieldType.STR,
          "meta",
          FieldType.DICT,
          "body",
          FieldType.STR,
          "headers",
          FieldType.DICT,
          "cookies",
          FieldType.DICT_OR_LIST,
          "encoding",
          FieldType.STR,
          "priority",
          FieldType.INT,
          "dont_filter",
          FieldType.BOOL,
          "base64",
          FieldType.BOOL);
  private static final Map<String, FieldType> SELECTOR_REQUEST_FIELDS = selectorRequestFields();
  private static final List<String> REQUEST_REQUIRED = List.of("id", "url");

  private static final Map<String, FieldType> FORM_FIELDS =
      fields(
          "formname",
          FieldType.STR,
          "formxpath",
          FieldType.STR,
          "formcss",
          FieldType.STR,
          "formnumber",
          FieldType.INT_OR_DIGITS,
          "formdata",
          FieldType.DICT,
          "clickdata",
          FieldType.DICT,
          "dont_click",
          FieldType.BOOL);

  private static final Map<String, FieldType> FRONTIER_SPIDER_FIELDS =
      fields(
          "name",
          FieldType.STR,
          "start_urls",
          FieldType.LIST,
          "allowed_domains",
          FieldType.LIST,
          "custom_settings",
          FieldType.DICT,
          "frontier",
          FieldType.BOOL);

  private volatile boolean frontier;

  /**
   * Frontier mode (docs/scale-out.md): the host announced it in {@code ready}, so the spider
   * message may carry {@code "frontier": true} and {@code processed} is a message type. Without it,
   * both are refused as the real host refuses them.
   */
  public void frontier(boolean on) {
    this.frontier = on;
  }

  /** Parses and validates a line (without its line terminator). */
  public Inbound parse(String line) throws InvalidMessageException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidMessageException(
          "Received message is not a valid json. ("
              + e.getOriginalMessage()
              + " at column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidMessageException("Received message is not a valid json. (empty line)");
    }
    if (!root.isObject()) {
      throw new InvalidMessageException("This message is not a json object.");
    }
    ObjectNode msg = ((ObjectNode) root).deepCopy();
    JsonNode type = msg.remove("type");
    if (type == null) {
      throw new InvalidMessageException("\"type\" field not provided.");
    }
    String t = type.isTextual() ? type.textValue() : null;
    if (t == null) {
      throw new InvalidMessageException(Json.pythonStr(type) + " is not a valid message type.");
    }
    return switch (t) {
      case "spider" -> spider(line, msg, frontier);
      case "log" -> log(line, msg);
      case "request" -> request(line, msg, RequestMessage.Kind.REQUEST);
      case "from_response_request" -> request(line, msg, RequestMessage.Kind.FROM_RESPONSE_REQUEST);
      case "selector_request" -> request(line, msg, RequestMessage.Kind.SELECTOR_REQUEST);
      case "close" -> {
        validate(msg, Map.of(), List.of(), "");
        yield new Inbound.Close(line);
      }
      case "processed" -> {
        if (!frontier) {
          throw new InvalidMessageException(t + " is not a valid message type.");
        }
        validate(msg, fields("id", FieldType.STR), List.of("id"), "");
        yield new Inbound.Processed(line, msg.get("id").textValue());
      }
      default -> throw new InvalidMessageException(t + " is not a valid message type.");
    };
  }

  private static Inbound spider(String line, ObjectNode msg, boolean frontier)
      throws InvalidMessageException {
    validate(msg, frontier ? FRONTIER_SPIDER_FIELDS : SPIDER_FIELDS, SPIDER_REQUIRED, "");
    List<String> startUrls = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode u : msg.get("start_urls")) {
      if (u.isTextual()) {
        startUrls.add(u.textValue());
      } else {
        problems.add("Request url must be str, got " + Json.pythonType(u));
      }
    }
    List<String> allowedDomains = null;
    JsonNode domains = given(msg, "allowed_domains");
    if (domains != null) {
      allowedDomains = new ArrayList<>();
      for (JsonNode d : domains) {
        if (!d.isTextual()) {
          throw new InvalidMessageException(
              "allowed_domains field must hold strings, received: " + Json.pythonType(d));
        }
        allowedDomains.add(d.textValue());
      }
    }
    JsonNode settings = given(msg, "custom_settings");
    Map<String, Object> customSettings =
        settings == null ? null : Json.MAPPER.convertValue(settings, MAP);
    return new Inbound.Spider(
        line,
        new SpiderMessage(msg.get("name").textValue(), startUrls, allowedDomains, customSettings),
        problems,
        frontier && given(msg, "frontier") != null && msg.get("frontier").booleanValue());
  }

  private static Inbound log(String line, ObjectNode msg) throws InvalidMessageException {
    validate(msg, LOG_FIELDS, LOG_REQUIRED, "");
    String level = msg.get("level").textValue();
    HostLog.Level parsed = parseLevel(level);
    if (parsed == null) {
      throw new InvalidMessageException("Invalid log level: " + level);
    }
    return new Inbound.Log(line, parsed, msg.get("message").textValue());
  }

  /** The real host's level names, case-insensitive (no surrounding spaces allowed). */
  private static HostLog.Level parseLevel(String level) {
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> HostLog.Level.CRITICAL;
      case "ERROR" -> HostLog.Level.ERROR;
      case "WARNING" -> HostLog.Level.WARNING;
      case "INFO" -> HostLog.Level.INFO;
      case "DEBUG" -> HostLog.Level.DEBUG;
      default -> null;
    };
  }

  private static Inbound request(String line, ObjectNode msg, RequestMessage.Kind kind)
      throws InvalidMessageException {
    JsonNode form = null;
    JsonNode selector = null;
    switch (kind) {
      case FROM_RESPONSE_REQUEST -> {
        // the real host checks this field before any other
        if (!msg.has("from_response_request")) {
          throw new InvalidMessageException("Required field: from_response_request");
        }
        form = msg.remove("from_response_request");
        validate(msg, REQUEST_FIELDS, REQUEST_REQUIRED, "");
        if (!form.isObject()) {
          throw new InvalidMessageException(
              "from_response_request field must be defined as dict, received: "
                  + Json.pythonType(form));
        }
        validate((ObjectNode) form, FORM_FIELDS, List.of(), "from_response_request.");
      }
      case SELECTOR_REQUEST -> {
        validate(msg, SELECTOR_REQUEST_FIELDS, List.of("id", "url", "selector"), "");
        selector = msg.get("selector");
      }
      default -> validate(msg, REQUEST_FIELDS, REQUEST_REQUIRED, "");
    }
    Map<String, SelectorSpec> selectors = selector == null ? null : selectors(selector);
    Problems problems = new Problems();
    RequestMessage m =
        new RequestMessage(
            kind,
            msg.get("id").textValue(),
            msg.get("url").textValue(),
            bool(msg, "base64"),
            text(msg, "method"),
            given(msg, "meta") == null ? null : Json.MAPPER.convertValue(msg.get("meta"), MAP),
            text(msg, "body"),
            headers(given(msg, "headers"), problems),
            cookies(given(msg, "cookies"), problems),
            text(msg, "encoding"),
            priority(given(msg, "priority"), problems),
            bool(msg, "dont_filter"),
            form == null ? null : formSpec((ObjectNode) form, problems),
            selectors);
    return new Inbound.Request(line, m, problems.first);
  }

  private static Map<String, SelectorSpec> selectors(JsonNode selector)
      throws InvalidMessageException {
    Map<String, SelectorSpec> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = "selector." + e.getKey();
      JsonNode spec = e.getValue();
      if (!spec.isObject()) {
        throw new InvalidMessageException(
            where + " field must be defined as dict, received: " + Json.pythonType(spec));
      }
      validate(
          (ObjectNode) spec,
          fields("type", FieldType.STR, "filter", FieldType.STR),
          List.of("type", "filter"),
          where + ".");
      String type = spec.get("type").textValue();
      SelectorSpec.Type parsed;
      try {
        parsed = SelectorSpec.Type.fromWire(type);
      } catch (IllegalArgumentException ex) {
        throw new InvalidMessageException(
            where + ".type must be \"css\" or \"xpath\", received: " + type);
      }
      out.put(e.getKey(), new SelectorSpec(parsed, spec.get("filter").textValue()));
    }
    return out;
  }

  private static FormSpec formSpec(ObjectNode form, Problems problems) {
    Map<String, Object> formdata = null;
    JsonNode fd = given(form, "formdata");
    if (fd != null) {
      formdata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = fd.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isNull() || v.isTextual()) {
          formdata.put(e.getKey(), v.isNull() ? null : v.textValue());
        } else if (v.isArray() && allText(v)) {
          List<String> values = new ArrayList<>();
          v.forEach(x -> values.add(x.textValue()));
          formdata.put(e.getKey(), values);
        } else {
          problems.add(
              "formdata value of "
                  + e.getKey()
                  + " must be a string, a list of strings or null, got "
                  + Json.pythonType(v));
        }
      }
    }
    Map<String, String> clickdata = null;
    JsonNode cd = given(form, "clickdata");
    if (cd != null) {
      clickdata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = cd.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isContainerNode()) {
          problems.add(
              "clickdata value of "
                  + e.getKey()
                  + " must be a string or a number, got "
                  + Json.pythonType(e.getValue()));
        } else {
          // Scrapy formats clickdata values into an XPath with str(); "nr" stays numeric text
          clickdata.put(e.getKey(), Json.pythonStr(e.getValue()));
        }
      }
    }
    JsonNode number = given(form, "formnumber");
    Integer formnumber = null;
    if (number != null) {
      try {
        formnumber =
            number.isTextual()
                ? Integer.valueOf(number.textValue())
                : number.bigIntegerValue().intValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        problems.add("formnumber out of range: " + Json.pythonStr(number));
      }
    }
    return new FormSpec(
        text(form, "formname"),
        text(form, "formxpath"),
        text(form, "formcss"),
        formnumber,
        formdata,
        clickdata,
        bool(form, "dont_click"));
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode x : array) {
      if (!x.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** Scrapy's {@code Headers}: a value is a string, a number or a list of them; null is none. */
  private static Map<String, List<String>> headers(JsonNode h, Problems problems) {
    if (h == null) {
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> values = new ArrayList<>();
      JsonNode v = e.getValue();
      for (JsonNode x : v.isArray() ? v : List.of(v)) {
        if (x.isNull()) {
          continue;
        }
        if (x.isContainerNode()) {
          problems.add(
              "header "
                  + e.getKey()
                  + " must be a string or a list of strings, got "
                  + Json.pythonType(v));
        } else {
          values.add(Json.pythonStr(x));
        }
      }
      out.put(e.getKey(), values);
    }
    return out;
  }

  /** {@code {name: value}} or {@code [{name, value, domain, path}, ...]}; values as strings. */
  private static Object cookies(JsonNode c, Problems problems) {
    if (c == null) {
      return null;
    }
    if (c.isObject()) {
      return stringMap(c, "cookies", problems);
    }
    List<Map<String, String>> list = new ArrayList<>();
    for (JsonNode item : c) {
      if (!item.isObject()) {
        problems.add("cookies list items must be objects, got " + Json.pythonType(item));
      } else {
        list.add(stringMap(item, "cookies", problems));
      }
    }
    return list;
  }

  private static Map<String, String> stringMap(JsonNode o, String what, Problems problems) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isContainerNode()) {
        problems.add(
            what
                + " value of "
                + e.getKey()
                + " must be a string, got "
                + Json.pythonType(e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue().isNull() ? null : Json.pythonStr(e.getValue()));
      }
    }
    return out;
  }

  private static Integer priority(JsonNode p, Problems problems) {
    if (p == null) {
      return null;
    }
    if (!p.canConvertToInt()) {
      problems.add("priority out of range: " + p);
      return null;
    }
    return p.intValue();
  }

  /**
   * Unknown or mistyped fields in message order, then missing required fields, as the real host's
   * validator reports them. A null value counts as absent for optional fields.
   */
  private static void validate(
      ObjectNode msg, Map<String, FieldType> fields, List<String> required, String prefix)
      throws InvalidMessageException {
    for (Iterator<Map.Entry<String, JsonNode>> it = msg.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      FieldType type = fields.get(e.getKey());
      if (type == null) {
        throw new InvalidMessageException("Unknown message field: " + prefix + e.getKey());
      }
      JsonNode v = e.getValue();
      boolean isRequired = required.contains(e.getKey());
      if ((v.isNull() && isRequired) || (!v.isNull() && !type.accepts(v))) {
        throw new InvalidMessageException(
            prefix
                + e.getKey()
                + " field must be defined as "
                + type.python
                + ", received: "
                + Json.pythonType(v));
      }
    }
    for (String r : required) {
      if (!msg.has(r)) {
        throw new InvalidMessageException("Required field: " + prefix + r);
      }
    }
  }

  private static JsonNode given(JsonNode msg, String field) {
    JsonNode v = msg.get(field);
    return v == null || v.isNull() ? null : v;
  }

  private static String text(JsonNode msg, String field) {
    JsonNode v = given(msg, field);
    return v == null ? null : v.textValue();
  }

  private static Boolean bool(JsonNode msg, String field) {
    JsonNode v = given(msg, field);
    return v == null ? null : v.booleanValue();
  }

  private static Map<String, FieldType> fields(Object... nameTypePairs) {
    Map<String, FieldType> m = new LinkedHashMap<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      m.put((String) nameTypePairs[i], (FieldType) nameTypePairs[i + 1]);
    }
    return m;
  }

  private static Map<String, FieldType> selectorRequestFields() {
    Map<String, FieldType> m = new LinkedHashMap<>(REQUEST_FIELDS);
    // docs/real-host.md "A sticky base64 flag": selector_request has no base64 field
    m.remove("base64");
    m.put("selector", FieldType.DICT);
    return m;
  }

  /** The first run-time fault found while converting a request's fields. */
  private static final class Problems {
    String first;

    void add(String problem) {
      if (first == null) {
        first = problem;
      }
    }
  }
}
