package io.streamspider.runtime.internal.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The exhaustive check behind {@link AsciiJson}'s short-decimal path (too slow for the test suite,
 * which samples it): every {@code ±m / 10^d} for {@code 1 <= m < LIMIT} and {@code d} in 0..4 is
 * written as Double.toString writes it. Run after {@code mvn -pl runtime test-compile}: {@code java
 * -cp runtime/target/classes:runtime/target/test-classes:<jackson-core, -databind, -annotations
 * jars> io.streamspider.runtime.internal.output.ShortDecimalCheck 100000000}.
 */
public final class ShortDecimalCheck {
  private ShortDecimalCheck() {}

  public static void main(String[] args) throws IOException {
    long limit = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    AsciiJson json = new AsciiJson();
    long checked = 0;
    long wrong = 0;
    for (int decimals = 0; decimals <= 4; decimals++) {
      double scale = Math.pow(10, decimals);
      for (long m = 1; m < limit; m++) {
        for (int sign = -1; sign <= 1; sign += 2) {
          double d = sign * (m / scale);
          json.size = 0;
          json.number(d);
          String got = new String(json.buf, 0, json.size, StandardCharsets.ISO_8859_1);
          checked++;
          if (!got.equals(Double.toString(d))) {
            wrong++;
            if (wrong <= 20) {
              System.out.println("Double.toString gives " + d + ", AsciiJson wrote " + got);
            }
          }
        }
      }
      System.out.println(
          "up to "
              + decimals
              + " decimals: "
              + checked
              + " doubles checked, "
              + wrong
              + " written differently");
    }
    if (wrong > 0) {
      System.exit(1);
    }
  }
}
