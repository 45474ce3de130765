package io.streamspider.host.select.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamspider.host.select.ConformanceSupport;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole tree {@link LxmlTreeBuilder#build} makes of each page of {@code tree-cases.json}
 * against the tree the real lxml builds (written by {@code gen_trees.py} through parsel: random
 * realistic pages with real-world faults, short pages of known edge cases, and the crawl
 * benchmark's shop pages): every node in document order, with its depth, kind, name, attributes in
 * order and text, then the HTML serialisation of the root element ({@code Selector.get()}). Pages
 * that cannot match are listed with the reason in {@code tree-known-differences.txt}; the test
 * fails when a page differs and is not listed, and when a listed page agrees (so the list stays
 * exact).
 */
class LxmlTreeDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void buildsLxmlsTreeForEveryPageNotListedAsAKnownDifference() throws IOException {
    JsonNode doc = JSON.readTree(resource("/conformance/tree-cases.json"));
    Map<String, String> known =
        ConformanceSupport.knownDifferences(resource("/conformance/tree-known-differences.txt"));
    List<String> differing = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    int total = 0;
    for (JsonNode c : doc.get("cases")) {
      total++;
      String id = c.get("id").asText();
      String html =
          c.has("file")
              ? resource("/conformance/" + c.get("file").asText())
              : c.get("html").asText();
      String outcome = compare(html, c);
      if (outcome != null) {
        differing.add(id);
        if (!known.containsKey(id)) {
          report.append("\n").append(id);
          if (c.has("faults")) {
            report.append(" (faults: ").append(c.get("faults")).append(")");
          }
          report.append("\n").append(outcome);
        }
      }
    }
    System.out.printf(
        "lxml tree differential: %d pages, %d agree, %d known differences%n",
        total, total - differing.size(), known.size());
    List<String> fixed = new ArrayList<>(known.keySet());
    fixed.removeAll(differing);
    if (!fixed.isEmpty()) {
      report.append("\nlisted as known differences but now agree: ").append(fixed);
    }
    assertTrue(total > 250, "the corpus is there");
    assertEquals("", report.toString(), "pages whose tree differs from lxml's: " + differing);
  }

  /** null when the tree and its serialisation are lxml's, else where and how they differ. */
  static String compare(String html, JsonNode c) {
    XDocument tree;
    try {
      tree = LxmlTreeBuilder.build(html);
    } catch (RuntimeException e) {
      return "  we crashed: " + e;
    }
    List<JsonNode> ours = dump(tree);
    List<JsonNode> theirs = new ArrayList<>();
    c.get("tree").forEach(theirs::add);
    int n = Math.min(ours.size(), theirs.size());
    for (int i = 0; i <= n; i++) {
      JsonNode o = i < ours.size() ? ours.get(i) : null;
      JsonNode t = i < theirs.size() ? theirs.get(i) : null;
      if (o == null && t == null) {
        break;
      }
      if (o == null || !o.equals(t)) {
        return "  first differing node #"
            + i
            + "\n  lxml: "
            + path(theirs, i)
            + "  "
            + show(t)
            + "\n  ours: "
            + path(ours, i)
            + "  "
            + show(o);
      }
    }
    XElement root = tree.documentElement();
    String get = root == null ? "" : LxmlSerializer.serialize(root);
    String expected = c.get("get").asText();
    if (!get.equals(expected)) {
      int at = 0;
      while (at < get.length() && at < expected.length() && get.charAt(at) == expected.charAt(at)) {
        at++;
      }
      return "  same tree, serialisation differs at char "
          + at
          + "\n  lxml: "
          + around(expected, at)
          + "\n  ours: "
          + around(get, at);
    }
    return null;
  }

  /** The tree in gen_trees.py's line format: one JSON array per node, in document order. */
  static List<JsonNode> dump(XDocument doc) {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < doc.childCount(); i++) {
      dump(doc.child(i), 0, out);
    }
    return out;
  }

  private static void dump(XNode n, int depth, List<JsonNode> out) {
    ArrayNode line = NODES.arrayNode().add(depth);
    switch (n.type()) {
      case XNode.ELEMENT -> {
        XElement e = (XElement) n;
        ArrayNode attributes = NODES.arrayNode();
        for (int i = 0; i < e.attributeCount(); i++) {
          attributes.add(NODES.arrayNode().add(e.attribute(i).name()).add(e.attribute(i).value()));
        }
        line.add("e").add(e.name());
        out.add(attributes.isEmpty() ? line : line.add(attributes));
        for (int i = 0; i < e.childCount(); i++) {
          dump(e.child(i), depth + 1, out);
        }
      }
      case XNode.TEXT -> out.add(line.add("t").add(n.value()));
      case XNode.COMMENT -> out.add(line.add("c").add(n.value()));
      case XNode.PROCESSING_INSTRUCTION -> out.add(line.add("p").add(n.name()).add(n.value()));
      default -> throw new AssertionError("unexpected node type " + n.type());
    }
  }

  /** An XPath to line {@code i} of a dump, e.g. /html[1]/body[1]/div[2]/text()[1]. */
  static String path(List<JsonNode> lines, int i) {
    if (i >= lines.size()) {
      return "(no node: the tree ends here)";
    }
    List<String> steps = new ArrayList<>();
    List<Map<String, Integer>> counts = new ArrayList<>();
    for (int k = 0; k <= i; k++) {
      JsonNode l = lines.get(k);
      int depth = l.get(0).asInt();
      while (counts.size() > depth + 1) {
        counts.remove(counts.size() - 1);
        steps.remove(steps.size() - 1);
      }
      if (counts.size() == depth) {
        counts.add(new HashMap<>());
        steps.add("");
      }
      String step =
          switch (l.get(1).asText()) {
            case "e" -> l.get(2).asText();
            case "t" -> "text()";
            case "c" -> "comment()";
            default -> "processing-instruction()";
          };
      int nth = counts.get(depth).merge(step, 1, Integer::sum);
      steps.set(depth, step + "[" + nth + "]");
    }
    return "/" + String.join("/", steps);
  }

  private static String show(JsonNode line) {
    if (line == null) {
      return "(none)";
    }
    String s = line.toString();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static String around(String s, int at) {
    int from = Math.max(0, at - 60);
    int to = Math.min(s.length(), at + 60);
    return ConformanceSupport.show(List.of(s.substring(from, to)));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LxmlTreeDifferentialTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
