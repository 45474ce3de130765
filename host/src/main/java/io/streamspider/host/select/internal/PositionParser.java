package io.streamspider.host.select.internal;

import java.io.Reader;
import java.lang.reflect.Field;
import org.jsoup.nodes.Document;
import org.jsoup.parser.CharacterReader;
import org.jsoup.parser.HtmlTreeBuilder;
import org.jsoup.parser.Parser;

/**
 * jsoup's HTML parser with source positions (offsets) tracked but no line and column numbers.
 *
 * <p>jsoup 1.18 counts lines whenever it tracks positions: it records every newline of the input in
 * a list of boxed integers and, for each of the two or four positions it stores per node and
 * attribute, binary-searches that list twice (line, then column). {@link LxmlTreeBuilder} only uses
 * the offsets; on a 19 KB product page the line numbers were an eighth of all the time spent
 * parsing and querying it. jsoup has no switch for this, so this builder turns its reader's newline
 * tracking off right after jsoup set it up (the reader is not reachable otherwise). If a later
 * jsoup has no such field, parsing stays correct and only counts lines again ({@link #linesTracked}
 * tells; a test checks it).
 */
public final class PositionParser {
  /** {@code TreeBuilder.reader}, or null when this jsoup does not have it. */
  private static final Field READER = readerField();

  private PositionParser() {}

  private static Field readerField() {
    try {
      Field f = HtmlTreeBuilder.class.getSuperclass().getDeclaredField("reader");
      if (f.getType() != CharacterReader.class) {
        return null;
      }
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another jsoup: keep its line numbers, results are the same
    }
  }

  /** Parses {@code html} with source positions tracked (offsets only, every line is line 1). */
  public static Document parse(String html) {
    return new Parser(new NoLineNumbers()).setTrackPosition(true).parseInput(html, "");
  }

  /** Whether jsoup still counts lines (it should not: see the class comment). */
  static boolean linesTracked() {
    return READER == null;
  }

  private static final class NoLineNumbers extends HtmlTreeBuilder {
    @Override
    protected void initialiseParse(Reader input, String baseUri, Parser parser) {
      super.initialiseParse(input, baseUri, parser);
      if (READER != null) {
        try {
          ((CharacterReader) READER.get(this)).trackNewlines(false);
        } catch (IllegalAccessException e) {
          // cannot happen once setAccessible succeeded; lines are then counted as before
        }
      }
    }
  }
}
