package io.streamspider.runtime.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code body} of a {@link ResponseMessage}: text held as a String ({@link #of}), or, as the
 * runtime reads it, left undecoded in the line it came in, so that its size is checked before it
 * costs memory and the whole body is copied once, when it is decoded. A body read from a line is
 * valid until the next line is read.
 */
public interface ResponseBody {

  /**
   * The size in bytes once decoded: the raw bytes when {@code base64}, else the UTF-8 bytes of the
   * text. Counted without decoding.
   */
  long size(boolean base64) throws IOException;

  /**
   * A bound that {@link #size} never exceeds, cheaper to know: for a body left in its line, the
   * bytes from its opening quote to the end of the line (a JSON escape is never shorter than the
   * UTF-8 it stands for, base64 never shorter than its bytes). Where it is within every limit, the
   * exact size need not be counted.
   */
  default long sizeBound(boolean base64) throws IOException {
    return size(base64);
  }

  /**
   * The body decoded: a {@code byte[]} of the raw bytes when {@code base64} (the request asked for
   * them), else the text as a {@code String}.
   *
   * @throws IOException the body is not valid JSON string content, or not valid base64
   */
  Object decode(boolean base64) throws IOException;

  /** The body as text, as the message carries it (base64 stays encoded). */
  default String text() throws IOException {
    return (String) decode(false);
  }

  /** A body held as text. */
  static ResponseBody of(String text) {
    return new Text(text);
  }

  /** A body held as text (for base64, the encoded text). */
  record Text(String text) implements ResponseBody {
    @Override
    public long size(boolean base64) {
      if (!base64) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          // a surrogate pair is 4 bytes, 2 for each half
          n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
      }
      int padding = 0;
      for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '=' && padding < 2; i--) {
        padding++;
      }
      return text.length() / 4 * 3 - padding;
    }

    @Override
    public Object decode(boolean base64) throws IOException {
      if (!base64) {
        return text;
      }
      try {
        return Base64.getDecoder().decode(text.getBytes(StandardCharsets.ISO_8859_1));
      } catch (IllegalArgumentException e) {
        throw new IOException("body is not valid base64: " + e.getMessage());
      }
    }
  }
}
