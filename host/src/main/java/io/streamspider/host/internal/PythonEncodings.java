package io.streamspider.host.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Encoding names as Scrapy understands them: w3lib's {@code resolve_encoding} (Python's codec
 * aliases plus the WHATWG-style translation, e.g. latin-1 → cp1252) and the JDK charset for each
 * Python codec. The label table is generated from the real libraries ({@code
 * host/src/test/python/generate_scrapy_data.py}).
 */
public final class PythonEncodings {
  /** normalised label → resolve_encoding(label). */
  private static final Map<String, String> LABELS = loadLabels();

  /** Python codec name → JDK charset name, for the codecs the JDK has. */
  private static final Map<String, String> JDK_NAMES =
      Map.ofEntries(
          Map.entry("utf-8", "UTF-8"),
          Map.entry("utf-8-sig", "UTF-8"),
          // html_to_unicode reads an unmarked "utf-16"/"utf-32" as big-endian
          Map.entry("utf-16", "UTF-16BE"),
          Map.entry("utf-16-be", "UTF-16BE"),
          Map.entry("utf-16-le", "UTF-16LE"),
          Map.entry("utf-32", "UTF-32BE"),
          Map.entry("utf-32-be", "UTF-32BE"),
          Map.entry("utf-32-le", "UTF-32LE"),
          Map.entry("ascii", "US-ASCII"),
          Map.entry("iso8859-1", "ISO-8859-1"),
          Map.entry("iso8859-11", "x-iso-8859-11"),
          Map.entry("tis-620", "TIS-620"),
          Map.entry("euc_kr", "EUC-KR"),
          Map.entry("gb2312", "GB2312"),
          Map.entry("gbk", "GBK"),
          Map.entry("big5", "Big5"),
          Map.entry("iso8859-2", "ISO-8859-2"),
          Map.entry("iso8859-3", "ISO-8859-3"),
          Map.entry("iso8859-4", "ISO-8859-4"),
          Map.entry("iso8859-5", "ISO-8859-5"),
          Map.entry("iso8859-6", "ISO-8859-6"),
          Map.entry("iso8859-7", "ISO-8859-7"),
          Map.entry("iso8859-8", "ISO-8859-8"),
          Map.entry("iso8859-9", "ISO-8859-9"),
          Map.entry("iso8859-13", "ISO-8859-13"),
          Map.entry("iso8859-15", "ISO-8859-15"),
          Map.entry("iso8859-16", "ISO-8859-16"),
          Map.entry("cp1250", "windows-1250"),
          Map.entry("cp1251", "windows-1251"),
          Map.entry("cp1252", "windows-1252"),
          Map.entry("cp1253", "windows-1253"),
          Map.entry("cp1254", "windows-1254"),
          Map.entry("cp1255", "windows-1255"),
          Map.entry("cp1256", "windows-1256"),
          Map.entry("cp1257", "windows-1257"),
          Map.entry("cp1258", "windows-1258"),
          Map.entry("cp874", "x-windows-874"),
          Map.entry("cp932", "windows-31j"),
          Map.entry("cp949", "x-windows-949"),
          Map.entry("cp950", "x-windows-950"),
          Map.entry("big5hkscs", "Big5-HKSCS"),
          Map.entry("gb18030", "GB18030"),
          Map.entry("euc_jp", "EUC-JP"),
          Map.entry("shift_jis", "Shift_JIS"),
          Map.entry("iso2022_jp", "ISO-2022-JP"),
          Map.entry("iso2022_kr", "ISO-2022-KR"),
          Map.entry("johab", "x-Johab"),
          Map.entry("koi8-r", "KOI8-R"),
          Map.entry("koi8-u", "KOI8-U"),
          Map.entry("mac-roman", "x-MacRoman"),
          Map.entry("mac-cyrillic", "x-MacCyrillic"),
          Map.entry("mac-greek", "x-MacGreek"),
          Map.entry("mac-turkish", "x-MacTurkish"),
          Map.entry("mac-iceland", "x-MacIceland"),
          Map.entry("mac-croatian", "x-MacCroatian"),
          Map.entry("mac-arabic", "x-MacArabic"),
          Map.entry("cp037", "IBM037"),
          Map.entry("cp273", "IBM273"),
          Map.entry("cp424", "IBM424"),
          Map.entry("cp437", "IBM437"),
          Map.entry("cp500", "IBM500"),
          Map.entry("cp737", "x-IBM737"),
          Map.entry("cp775", "IBM775"),
          Map.entry("cp850", "IBM850"),
          Map.entry("cp852", "IBM852"),
          Map.entry("cp855", "IBM855"),
          Map.entry("cp856", "x-IBM856"),
          Map.entry("cp857", "IBM857"),
          Map.entry("cp858", "IBM00858"),
          Map.entry("cp860", "IBM860"),
          Map.entry("cp861", "IBM861"),
          Map.entry("cp862", "IBM862"),
          Map.entry("cp863", "IBM863"),
          Map.entry("cp864", "IBM864"),
          Map.entry("cp865", "IBM865"),
          Map.entry("cp866", "IBM866"),
          Map.entry("cp869", "IBM869"),
          Map.entry("cp875", "x-IBM875"),
          Map.entry("cp1006", "x-IBM1006"),
          Map.entry("cp1026", "IBM1026"),
          Map.entry("cp1140", "IBM01140"));

  private PythonEncodings() {}

  /**
   * w3lib's {@code resolve_encoding(label)}: the Python codec name Scrapy would use, or null when
   * Python knows no such text encoding.
   */
  public static String resolve(String label) {
    return label == null ? null : LABELS.get(normalize(label));
  }

  /** The JDK charset for a Python codec name ({@link #resolve}'s result), or null. */
  public static Charset charset(String codec) {
    String jdk = codec == null ? null : JDK_NAMES.get(codec);
    if (jdk == null || !Charset.isSupported(jdk)) {
      return null;
    }
    return Charset.forName(jdk);
  }

  /** The JDK charset Scrapy's {@code resolve_encoding} gives for a label, or null. */
  public static Charset forLabel(String label) {
    return charset(resolve(label));
  }

  /** Python's {@code encodings.normalize_encoding(label).lower()}. */
  static String normalize(String label) {
    StringBuilder sb = new StringBuilder(label.length());
    boolean punct = false;
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.') {
        if (punct && sb.length() > 0) {
          sb.append('_');
        }
        if (c < 128) {
          sb.append(c);
        }
        punct = false;
      } else {
        punct = true;
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> loadLabels() {
    Map<String, String> m = new HashMap<>();
    try (InputStream in = PythonEncodings.class.getResourceAsStream("python-encodings.tsv")) {
      if (in == null) {
        throw new IllegalStateException("python-encodings.tsv is missing from the host jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        m.put(cols[0], cols[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(m);
  }
}
