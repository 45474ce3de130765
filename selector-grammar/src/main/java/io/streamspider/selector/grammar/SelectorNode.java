package io.streamspider.selector.grammar;

import java.util.List;

/**
 * The parsed form of a selector: cssselect's parsed objects, each wrapping the selector it refines.
 * {@code pos} fields are where the part starts in the selector text, for errors the translation
 * finds.
 */
public sealed interface SelectorNode {
  /** {@code ns|name}, {@code name} or {@code *}; null element for {@code *} or none. */
  record Element(String namespace, String element) implements SelectorNode {}

  /** {@code #id}. */
  record Hash(SelectorNode selector, String id) implements SelectorNode {}

  /** {@code .name}. */
  record ClassName(SelectorNode selector, String className) implements SelectorNode {}

  /** {@code :name(arguments)}; the name ASCII-lower-cased, as cssselect stores it. */
  record Function(SelectorNode selector, String name, List<CssToken> arguments, int pos)
      implements SelectorNode {}

  /** {@code :name}; the name ASCII-lower-cased. */
  record Pseudo(SelectorNode selector, String ident, int pos) implements SelectorNode {}

  /**
   * {@code [ns|attrib operator value]}; operator {@code exists} for {@code [attrib]}, value null
   * then.
   */
  record Attrib(
      SelectorNode selector, String namespace, String attrib, String operator, CssToken value)
      implements SelectorNode {}

  /** {@code :not(subselector)}. */
  record Negation(SelectorNode selector, SelectorNode subselector) implements SelectorNode {}

  /** {@code :has(combinator subselector)}; combinator a DELIM token, {@code " "} if none. */
  record Relation(SelectorNode selector, CssToken combinator, Selector subselector)
      implements SelectorNode {}

  /** {@code :is()}, {@code :matches()} and {@code :where()}, which translate alike. */
  record Matching(SelectorNode selector, List<SelectorNode> selectorList) implements SelectorNode {}

  /** Two compounds and the combinator between them: {@code " "}, {@code > + ~}. */
  record Combined(SelectorNode selector, String combinator, SelectorNode subselector)
      implements SelectorNode {}

  /**
   * A pseudo-element: a name, and arguments when functional ({@code ::attr(x)}), else null; {@code
   * pos} is where its colons start.
   */
  record PseudoElement(String name, List<CssToken> arguments, int pos) {
    /** How Python's {@code %s} shows it in cssselect's messages. */
    String shown() {
      if (arguments == null) {
        return name;
      }
      StringBuilder b = new StringBuilder("FunctionalPseudoElement[::").append(name).append("([");
      for (int i = 0; i < arguments.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        b.append(PythonRepr.str(arguments.get(i).value()));
      }
      return b.append("])]").toString();
    }
  }

  /** One selector of a group: its tree and the pseudo-element at its end, or null. */
  record Selector(SelectorNode tree, PseudoElement pseudoElement) {}
}
