package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Jackson generator that writes straight into an {@link AsciiJson} line with its escaping:
 * records, POJOs and dates get the wire's ASCII-only JSON without Jackson's own buffer, a
 * generator per item, or a second pass to check the bytes. Separators, numbers, base64 and
 * errors follow Jackson's UTF-8 generator (a test compares the two); names are escaped like
 * values (Jackson's generator writes a bean's pre-encoded non-ASCII names raw).
 */
final class AsciiGenerator extends GeneratorBase {
  private final AsciiJson out;

  AsciiGenerator(AsciiJson out, ObjectCodec codec) {
    super(JsonGenerator.Feature.collectDefaults(), codec, (com.fasterxml.jackson.core.io.IOContext) null);
    this.out = out;
  }

  /** Ready for the next item's value at {@code root}, whatever the previous one left open. */
  void reset(JsonWriteContext root) {
    _writeContext = root;
  }

  @Override
  protected void _verifyValueWrite(String typeMsg) throws IOException {
    int status = _writeContext.writeValue();
    switch (status) {
      case JsonWriteContext.STATUS_OK_AFTER_COMMA:
        out.put((byte) ',');
        break;
      case JsonWriteContext.STATUS_OK_AFTER_SPACE:
        throw new JsonGenerationException("Can not " + typeMsg + ": an item is one JSON value", this);
      case JsonWriteContext.STATUS_EXPECT_NAME:
        throw new JsonGenerationException("Can not " + typeMsg + ", expecting field name (context: "
            + _writeContext.typeDesc() + ")", this);
      default:
        // the first value, or one after a name (whose colon the name wrote)
        break;
    }
  }

  @Override
  public void writeStartArray() throws IOException {
    _verifyValueWrite("start an array");
    _writeContext = _writeContext.createChildArrayContext();
    streamWriteConstraints().validateNestingDepth(_writeContext.getNestingDepth());
    out.put((byte) '[');
  }

  @Override
  public void writeEndArray() throws IOException {
    if (!_writeContext.inArray()) {
      throw new JsonGenerationException("Current context not Array but " + _writeContext.typeDesc(), this);
    }
    out.put((byte) ']');
    _writeContext = _writeContext.clearAndGetParent();
  }

  @Override
  public void writeStartObject() throws IOException {
    _verifyValueWrite("start an object");
    _writeContext = _writeContext.createChildObjectContext();
    streamWriteConstraints().validateNestingDepth(_writeContext.getNestingDepth());
    out.put((byte) '{');
  }

  @Override
  public void writeStartObject(Object forValue) throws IOException {
    _verifyValueWrite("start an object");
    _writeContext = _writeContext.createChildObjectContext(forValue);
    streamWriteConstraints().validateNestingDepth(_writeContext.getNestingDepth());
    out.put((byte) '{');
  }

  @Override
  public void writeEndObject() throws IOException {
    if (!_writeContext.inObject()) {
      throw new JsonGenerationException("Current context not Object but " + _writeContext.typeDesc(), this);
    }
    out.put((byte) '}');
    _writeContext = _writeContext.clearAndGetParent();
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    int status = _writeContext.writeFieldName(name);
    if (status == JsonWriteContext.STATUS_EXPECT_VALUE) {
      throw new JsonGenerationException("Can not write a field name, expecting a value", this);
    }
    if (status == JsonWriteContext.STATUS_OK_AFTER_COMMA) {
      out.put((byte) ',');
    }
    out.key(name);
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    writeFieldName(name.getValue());
  }

  @Override
  public void writeString(String text) throws IOException {
    _verifyValueWrite(WRITE_STRING);
    if (text == null) {
      out.ascii("null");
    } else {
      out.string(text);
    }
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    _verifyValueWrite(WRITE_STRING);
    out.string(text, offset, len);
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    writeString(text.getValue());
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    _verifyValueWrite(WRITE_STRING);
    out.put((byte) '"');
    out.raw(text, offset, length);
    out.put((byte) '"');
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    _verifyValueWrite(WRITE_STRING);
    out.string(new String(text, offset, length, StandardCharsets.UTF_8));
  }

  @Override
  public void writeRaw(String text) throws IOException {
    out.raw(text, 0, text.length());
  }

  @Override
  public void writeRaw(String text, int offset, int len) throws IOException {
    out.raw(text, offset, len);
  }

  @Override
  public void writeRaw(char[] text, int offset, int len) throws IOException {
    out.raw(java.nio.CharBuffer.wrap(text), offset, len);
  }

  @Override
  public void writeRaw(char c) throws IOException {
    out.raw(String.valueOf(c), 0, 1);
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
    _verifyValueWrite(WRITE_BINARY);
    byte[] slice = offset == 0 && len == data.length ? data : Arrays.copyOfRange(data, offset, offset + len);
    String text = variant.encode(slice); // base64 and, for MIME variants, escaped line feeds
    out.put((byte) '"');
    out.raw(text, 0, text.length());
    out.put((byte) '"');
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int left = dataLength < 0 ? Integer.MAX_VALUE : dataLength;
    int n;
    while (left > 0 && (n = data.read(chunk, 0, Math.min(chunk.length, left))) > 0) {
      all.write(chunk, 0, n);
      left -= n;
    }
    if (dataLength >= 0 && left > 0) {
      throw new JsonGenerationException("Too few bytes available: missing " + left + " bytes (out of "
          + dataLength + ")", this);
    }
    byte[] bytes = all.toByteArray();
    writeBinary(variant, bytes, 0, bytes.length);
    return bytes.length;
  }

  @Override
  public void writeNumber(int v) throws IOException {
    _verifyValueWrite(WRITE_NUMBER);
    if (_cfgNumbersAsStrings) {
      out.string(Integer.toString(v));
    } else {
      out.number((long) v);
    }
  }

  @Override
  public void writeNumber(long v) throws IOException {
    _verifyValueWrite(WRITE_NUMBER);
    if (_cfgNumbersAsStrings) {
      out.string(Long.toString(v));
    } else {
      out.number(v);
    }
  }

  @Override
  public void writeNumber(BigInteger v) throws IOException {
    _verifyValueWrite(WRITE_NUMBER);
    if (v == null) {
      out.ascii("null");
    } else if (_cfgNumbersAsStrings) {
      out.string(v.toString());
    } else {
      out.ascii(v.toString());
    }
  }

  @Override
  public void writeNumber(double v) throws IOException {
    boolean fast = isEnabled(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
    if (_cfgNumbersAsStrings || (NumberOutput.notFinite(v) && quoteNonNumeric())) {
      writeString(NumberOutput.toString(v, fast));
      return;
    }
    _verifyValueWrite(WRITE_NUMBER);
    if (fast) {
      out.ascii(NumberOutput.toString(v, true));
    } else {
      out.number(v);
    }
  }

  @Override
  public void writeNumber(float v) throws IOException {
    boolean fast = isEnabled(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
    if (_cfgNumbersAsStrings || (NumberOutput.notFinite(v) && quoteNonNumeric())) {
      writeString(NumberOutput.toString(v, fast));
      return;
    }
    _verifyValueWrite(WRITE_NUMBER);
    out.ascii(NumberOutput.toString(v, fast));
  }

  @SuppressWarnings("deprecation")
  private boolean quoteNonNumeric() {
    return isEnabled(JsonGenerator.Feature.QUOTE_NON_NUMERIC_NUMBERS);
  }

  @Override
  public void writeNumber(BigDecimal v) throws IOException {
    _verifyValueWrite(WRITE_NUMBER);
    if (v == null) {
      out.ascii("null");
    } else if (_cfgNumbersAsStrings) {
      out.string(_asString(v));
    } else {
      out.ascii(_asString(v));
    }
  }

  @Override
  public void writeNumber(String encoded) throws IOException {
    _verifyValueWrite(WRITE_NUMBER);
    if (encoded == null) {
      out.ascii("null");
    } else if (_cfgNumbersAsStrings) {
      out.string(encoded);
    } else {
      out.raw(encoded, 0, encoded.length());
    }
  }

  @Override
  public void writeBoolean(boolean state) throws IOException {
    _verifyValueWrite(WRITE_BOOLEAN);
    out.ascii(state ? "true" : "false");
  }

  @Override
  public void writeNull() throws IOException {
    _verifyValueWrite(WRITE_NULL);
    out.ascii("null");
  }

  @Override
  public void flush() {
    // the line is the output: nothing is buffered here
  }

  @Override
  protected void _releaseBuffers() {
    // no buffers of its own
  }
}
