package io.streamspider.runtime.internal;

/**
 * Python's white space, as {@code str.isspace} and {@code str.strip()} define it (Unicode white
 * space: more than Java's {@code String.strip}, e.g. U+00A0 and U+0085), shared by the runtime's
 * setting values and the host's selectors and forms.
 */
public final class PyStrings {
  private PyStrings() {}

  /** Python's {@code str.strip()}. */
  public static String strip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isSpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }

  /** Python's {@code str.isspace} for one UTF-16 unit (no white space lies outside the BMP). */
  public static boolean isSpace(char c) {
    return (c >= 0x09 && c <= 0x0D)
        || (c >= 0x1C && c <= 0x20)
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }
}
