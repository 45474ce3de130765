package io.streamspider.example.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * A minimal PNG encoder (8-bit RGB, no interlace). The zlib stream uses stored blocks only, so the
 * bytes depend on nothing but the pixels: the same image on every JDK and every run.
 */
public final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int MAX_STORED_BLOCK = 65_535;

  private Png() {}

  /**
   * Encodes an RGB image.
   *
   * @param rgb {@code width * height * 3} bytes, row by row
   */
  public static byte[] encodeRgb(int width, int height, byte[] rgb) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "rgb has " + rgb.length + " bytes, expected " + (width * height * 3));
    }
    // each scanline starts with its filter type (0 = none)
    byte[] raw = new byte[height * (1 + width * 3)];
    for (int y = 0; y < height; y++) {
      System.arraycopy(rgb, y * width * 3, raw, y * (1 + width * 3) + 1, width * 3);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width)
        .putInt(height)
        .put((byte) 8)
        .put((byte) 2)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", zlibStored(raw));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] zlibStored(byte[] data) {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    z.write(0x78); // deflate, 32K window
    z.write(0x01); // no preset dictionary, fastest; (0x7801 % 31 == 0)
    int off = 0;
    do {
      int len = Math.min(MAX_STORED_BLOCK, data.length - off);
      boolean last = off + len == data.length;
      z.write(last ? 1 : 0);
      z.write(len & 0xff);
      z.write(len >>> 8);
      z.write(~len & 0xff);
      z.write((~len >>> 8) & 0xff);
      z.write(data, off, len);
      off += len;
    } while (off < data.length);
    Adler32 adler = new Adler32();
    adler.update(data);
    z.writeBytes(ByteBuffer.allocate(4).putInt((int) adler.getValue()).array());
    return z.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
