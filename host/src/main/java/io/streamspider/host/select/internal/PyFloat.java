package io.streamspider.host.select.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Python's {@code repr(float)}: how parsel turns an XPath number into a string. */
public final class PyFloat {
  private PyFloat() {}

  public static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    // shortest digit string that reads back as the same double (what repr picks)
    BigDecimal exact = new BigDecimal(Math.abs(d));
    BigDecimal shortest = null;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == Math.abs(d)) {
        shortest = r;
        break;
      }
    }
    if (shortest == null) {
      shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    String digits = shortest.unscaledValue().toString();
    int trailing = digits.length();
    while (trailing > 1 && digits.charAt(trailing - 1) == '0') {
      trailing--;
    }
    digits = digits.substring(0, trailing);
    // value = 0.digits * 10^decpt
    int decpt = shortest.precision() - shortest.scale();
    StringBuilder out = new StringBuilder();
    if (d < 0) {
      out.append('-');
    }
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        out.append("0.");
        for (int i = 0; i < -decpt; i++) {
          out.append('0');
        }
        out.append(digits);
      } else if (decpt >= digits.length()) {
        out.append(digits);
        for (int i = digits.length(); i < decpt; i++) {
          out.append('0');
        }
        out.append(".0");
      } else {
        out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
      }
    } else {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exp = decpt - 1;
      out.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        out.append('0');
      }
      out.append(abs);
    }
    return out.toString();
  }
}
