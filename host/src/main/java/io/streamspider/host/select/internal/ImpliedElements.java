package io.streamspider.host.select.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Elements libxml2's HTML parser never creates: what jsoup implied (tbody, the empty {@code p} of a
 * stray {@code </p>}) and the formatting elements the adoption agency re-opened (clones). Part of
 * {@link LxmlTreeBuilder}.
 */
final class ImpliedElements {
  private final SourceTree t;

  ImpliedElements(SourceTree t) {
    this.t = t;
  }

  /**
   * Finds elements the adoption agency algorithm re-created: jsoup's shallow clone shares the
   * original's user data, so the clone and the original report the very same positions object.
   */
  void markClones(List<Element> all) {
    Map<Object, Element> seen = new IdentityHashMap<>(all.size());
    for (Element e : all) {
      Object r = t.identity(e);
      if (r == null) {
        continue;
      }
      Element first = seen.putIfAbsent(r, e);
      if (first != null) {
        t.clones.put(e, Boolean.TRUE);
        t.originals.put(first, Boolean.TRUE);
      }
    }
  }

  /** libxml2 never implies tbody, tr, colgroup, an empty p for {@code </p>}, or re-opened tags. */
  void unwrapImplied(List<Element> all) {
    for (Element e : all) {
      if (e.parent() == null) {
        continue;
      }
      String n = e.normalName();
      boolean structural = n.equals("html") || n.equals("head") || n.equals("body");
      boolean implied = !t.explicitStart(e) && !t.isOriginal(e);
      if (t.isClone(e) || (implied && !structural)) {
        e.unwrap();
      }
    }
  }
}
