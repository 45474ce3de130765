/**
 * CSS selectors as parsel reads them: cssselect 1.2's tokenizer ({@link CssTokenizer}), syntax tree
 * ({@link SelectorNode}), parser ({@link CssParser}) and translation to XPath 1.0 ({@link
 * XPathTranslator}, with parsel's {@code ::text} and {@code ::attr(name)}). Errors are {@link
 * SelectorError}s carrying cssselect's message and the position in the selector.
 *
 * <p>Shared by the embedded host, which evaluates the translated XPath, and the annotation
 * processor, which checks selectors at compile time (it shades this package into its own jar): both
 * read a selector with this code, so they cannot disagree on what parses. Not an API for spiders.
 */
package io.streamspider.selector.grammar;
