package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.json.DupDetector;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jackson's serializers writing straight into a Scrapy Cloud line ({@link AsciiJson}), for records,
 * POJOs, dates and every other value the plain encoder leaves to Jackson. It is a {@link
 * JsonGenerator}, the public class every Jackson format implements (the one Jackson's own {@code
 * TokenBuffer} extends), not one of Jackson's base classes: the state it keeps is Jackson's public
 * {@link JsonWriteContext}, and its text is {@code json.dumps(ensure_ascii=True, separators=(',',
 * ':'))}, byte for byte what Jackson's own UTF-8 generator writes with {@link
 * io.streamspider.runtime.internal.PythonJson#ensureAscii(JsonGenerator)} (WireLineTest compares
 * the two on every kind of value): strings and names through {@link AsciiJson#string} and {@link
 * AsciiJson#key} (a bean's names cached encoded), numbers as Jackson writes them (NaN as a string,
 * {@code Double.toString}), base64 as Jackson writes it. Raw output a custom serializer asks for
 * ({@code writeRaw}, {@code @JsonRawValue}, {@code writeNumber(String)}) is refused with {@link
 * NotAscii} unless it is ASCII without a line break.
 *
 * <p>Why not Jackson's own generator with the policy's hooks, as the line used before: that path
 * escapes every string through Jackson's custom-escape loop, re-escapes each pre-encoded property
 * name through a delegate, and copies its buffer into the line. {@code JsonPolicyCost
 * --baseline-jar} (module benchmarks; both builds in one JVM, the same rounds) measured the
 * benchmark's records at 614 ns of CPU per record (lowest 463) that way against 342 ns (305) with
 * this generator; maps, which do not use it, 261 against 289 ns (docs/bench-output.md, eighth
 * session). The records' serializers, property order and annotations stay Jackson's.
 */
final class LineGenerator extends JsonGenerator {
  private final AsciiJson out;
  private ObjectCodec codec;
  private final int defaultFeatures;
  private int features;
  private final StreamWriteConstraints constraints;
  private final Version version;
  private JsonWriteContext context;
  private boolean closed;

  /** Raw output of a custom serializer that is not ASCII on one line. */
  static final class NotAscii extends JsonGenerationException {
    private static final long serialVersionUID = 1L;

    NotAscii(JsonGenerator g) {
      super("its JSON is not ASCII on one line (a raw value written by a custom serializer?)", g);
    }
  }

  /** Writes into {@code out} with the serializers, features and limits of {@code mapper}. */
  LineGenerator(AsciiJson out, com.fasterxml.jackson.databind.ObjectMapper mapper) {
    this.out = out;
    this.codec = mapper;
    this.defaultFeatures = mapper.getFactory().getGeneratorFeatures();
    this.features = defaultFeatures;
    this.constraints = mapper.getFactory().streamWriteConstraints();
    this.version = mapper.getFactory().version();
    this.context =
        JsonWriteContext.createRootContext(
            isEnabled(Feature.STRICT_DUPLICATE_DETECTION) ? DupDetector.rootDetector(this) : null);
  }

  /**
   * Before each value: the mapper's features again, as a generator of its own would have (a
   * serializer may have switched one on for the value before).
   */
  void resetFeatures() {
    features = defaultFeatures;
  }

  /** True when every value begun has been ended: the line holds whole values only. */
  boolean atRoot() {
    return context.inRoot();
  }

  // ---- configuration

  @Override
  public JsonGenerator setCodec(ObjectCodec oc) {
    codec = oc;
    return this;
  }

  @Override
  public ObjectCodec getCodec() {
    return codec;
  }

  @Override
  public Version version() {
    return version;
  }

  @Override
  public StreamWriteConstraints streamWriteConstraints() {
    return constraints;
  }

  @Override
  public JsonStreamContext getOutputContext() {
    return context;
  }

  @Override
  public JsonGenerator enable(Feature f) {
    features |= f.getMask();
    return this;
  }

  @Override
  public JsonGenerator disable(Feature f) {
    features &= ~f.getMask();
    return this;
  }

  @Override
  public boolean isEnabled(Feature f) {
    return (features & f.getMask()) != 0;
  }

  @Override
  public int getFeatureMask() {
    return features;
  }

  @Override
  @Deprecated
  public JsonGenerator setFeatureMask(int values) {
    features = values;
    return this;
  }

  /** One line, always: there is no pretty printer to install. */
  @Override
  public JsonGenerator useDefaultPrettyPrinter() {
    return this;
  }

  // ---- structure

  /** Before a value: the comma after a previous one, or an error where no value may go. */
  private void beforeValue(String what) throws IOException {
    switch (context.writeValue()) {
      case JsonWriteContext.STATUS_OK_AFTER_COMMA -> out.put((byte) ',');
      case JsonWriteContext.STATUS_EXPECT_NAME ->
          throw new JsonGenerationException(
              "Cannot " + what + ", expecting field name (context: " + context.typeDesc() + ")",
              this);
      default -> {
        // the first value of its context, one after a name (whose colon the name wrote), or a
        // further root value, which follows the previous one with nothing between them
      }
    }
  }

  @Override
  public void writeStartArray() throws IOException {
    beforeValue("start an array");
    context = context.createChildArrayContext();
    constraints.validateNestingDepth(context.getNestingDepth());
    out.put((byte) '[');
  }

  @Override
  public void writeStartArray(Object forValue) throws IOException {
    beforeValue("start an array");
    context = context.createChildArrayContext(forValue);
    constraints.validateNestingDepth(context.getNestingDepth());
    out.put((byte) '[');
  }

  @Override
  public void writeStartArray(Object forValue, int size) throws IOException {
    writeStartArray(forValue);
  }

  @Override
  public void writeEndArray() throws IOException {
    if (!context.inArray()) {
      throw new JsonGenerationException(
          "Current context not Array but " + context.typeDesc(), this);
    }
    out.put((byte) ']');
    context = context.clearAndGetParent();
  }

  @Override
  public void writeStartObject() throws IOException {
    beforeValue("start an object");
    context = context.createChildObjectContext();
    constraints.validateNestingDepth(context.getNestingDepth());
    out.put((byte) '{');
  }

  @Override
  public void writeStartObject(Object forValue) throws IOException {
    beforeValue("start an object");
    context = context.createChildObjectContext(forValue);
    constraints.validateNestingDepth(context.getNestingDepth());
    out.put((byte) '{');
  }

  @Override
  public void writeStartObject(Object forValue, int size) throws IOException {
    writeStartObject(forValue);
  }

  @Override
  public void writeEndObject() throws IOException {
    if (!context.inObject()) {
      throw new JsonGenerationException(
          "Current context not Object but " + context.typeDesc(), this);
    }
    out.put((byte) '}');
    context = context.clearAndGetParent();
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    int status = context.writeFieldName(name);
    if (status == JsonWriteContext.STATUS_EXPECT_VALUE) {
      throw new JsonGenerationException("Cannot write a field name, expecting a value", this);
    }
    if (status == JsonWriteContext.STATUS_OK_AFTER_COMMA) {
      out.put((byte) ',');
    }
    out.key(name); // escaped like any text, and its colon
  }

  /** A bean's property name: its String, escaped (its pre-encoded UTF-8 bytes are not ASCII). */
  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    writeFieldName(name.getValue());
  }

  // ---- text

  @Override
  public void writeString(String text) throws IOException {
    beforeValue("write a string");
    if (text == null) {
      out.ascii("null");
    } else {
      out.string(text);
    }
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    writeString(new String(text, offset, len));
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    writeString(text.getValue());
  }

  @Override
  public void writeString(Reader reader, int len) throws IOException {
    if (reader == null) {
      throw new JsonGenerationException("null reader", this);
    }
    StringBuilder b = new StringBuilder();
    char[] chunk = new char[4096];
    int left = len < 0 ? Integer.MAX_VALUE : len;
    int n;
    while (left > 0 && (n = reader.read(chunk, 0, Math.min(chunk.length, left))) > 0) {
      b.append(chunk, 0, n);
      left -= n;
    }
    if (len >= 0 && left > 0) {
      throw new JsonGenerationException(
          "Didn't read enough from reader: missing " + left + " chars", this);
    }
    writeString(b.toString());
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length, StandardCharsets.UTF_8));
  }

  /** Bytes the caller says need no escaping: written as they are if they are ASCII on one line. */
  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    beforeValue("write a string");
    for (int i = offset; i < offset + length; i++) {
      check(text[i]);
    }
    out.ensure(length + 2);
    out.buf[out.size++] = '"';
    System.arraycopy(text, offset, out.buf, out.size, length);
    out.size += length;
    out.buf[out.size++] = '"';
  }

  // ---- raw output: ASCII on one line, or the item is refused

  @Override
  public void writeRaw(String text) throws IOException {
    writeRaw(text, 0, text.length());
  }

  @Override
  public void writeRaw(String text, int offset, int len) throws IOException {
    out.ensure(len);
    byte[] b = out.buf;
    int p = out.size;
    for (int i = offset; i < offset + len; i++) {
      char c = text.charAt(i);
      check(c);
      b[p++] = (byte) c;
    }
    out.size = p;
  }

  @Override
  public void writeRaw(char[] text, int offset, int len) throws IOException {
    writeRaw(new String(text, offset, len));
  }

  @Override
  public void writeRaw(char c) throws IOException {
    check(c);
    out.put((byte) c);
  }

  @Override
  public void writeRaw(SerializableString raw) throws IOException {
    writeRaw(raw.getValue());
  }

  @Override
  public void writeRawValue(String text) throws IOException {
    beforeValue("write a raw (unencoded) value");
    writeRaw(text);
  }

  @Override
  public void writeRawValue(String text, int offset, int len) throws IOException {
    beforeValue("write a raw (unencoded) value");
    writeRaw(text, offset, len);
  }

  @Override
  public void writeRawValue(char[] text, int offset, int len) throws IOException {
    beforeValue("write a raw (unencoded) value");
    writeRaw(text, offset, len);
  }

  @Override
  public void writeRawValue(SerializableString raw) throws IOException {
    writeRawValue(raw.getValue());
  }

  private void check(int c) throws NotAscii {
    if (c < 0 || c >= 0x80 || c == '\n' || c == '\r') {
      throw new NotAscii(this);
    }
  }

  // ---- binary

  /** Base64 in quotes, a MIME variant's line feeds as {@code \n}: Jackson's text for it. */
  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int len)
      throws IOException {
    beforeValue("write a binary value");
    byte[] slice =
        offset == 0 && len == data.length ? data : Arrays.copyOfRange(data, offset, offset + len);
    out.put((byte) '"');
    out.ascii(variant.encode(slice));
    out.put((byte) '"');
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data, int dataLength)
      throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int left = dataLength < 0 ? Integer.MAX_VALUE : dataLength;
    int n;
    while (left > 0 && (n = data.read(chunk, 0, Math.min(chunk.length, left))) > 0) {
      all.write(chunk, 0, n);
      left -= n;
    }
    if (dataLength >= 0 && left > 0) {
      throw new JsonGenerationException(
          "Too few bytes available: missing " + left + " bytes (out of " + dataLength + ")", this);
    }
    byte[] bytes = all.toByteArray();
    writeBinary(variant, bytes, 0, bytes.length);
    return bytes.length;
  }

  // ---- numbers, booleans, null: as Jackson's UTF-8 generator writes them

  private boolean numbersAsStrings() {
    return (features & Feature.WRITE_NUMBERS_AS_STRINGS.getMask()) != 0;
  }

  @SuppressWarnings("deprecation") // the mask behind JsonWriteFeature.WRITE_NAN_AS_STRINGS
  private boolean nanAsString() {
    return (features & Feature.QUOTE_NON_NUMERIC_NUMBERS.getMask()) != 0;
  }

  private boolean fastDoubles() {
    return (features & Feature.USE_FAST_DOUBLE_WRITER.getMask()) != 0;
  }

  @Override
  public void writeNumber(int v) throws IOException {
    beforeValue("write a number");
    if (numbersAsStrings()) {
      out.string(Integer.toString(v));
    } else {
      out.number((long) v);
    }
  }

  @Override
  public void writeNumber(long v) throws IOException {
    beforeValue("write a number");
    if (numbersAsStrings()) {
      out.string(Long.toString(v));
    } else {
      out.number(v);
    }
  }

  @Override
  public void writeNumber(BigInteger v) throws IOException {
    beforeValue("write a number");
    if (v == null) {
      out.ascii("null");
    } else if (numbersAsStrings()) {
      out.string(v.toString());
    } else {
      out.ascii(v.toString());
    }
  }

  @Override
  public void writeNumber(double v) throws IOException {
    boolean finite = Double.isFinite(v);
    if (numbersAsStrings() || (!finite && nanAsString())) {
      writeString(NumberOutput.toString(v, fastDoubles()));
      return;
    }
    beforeValue("write a number");
    if (fastDoubles() || !finite) {
      out.ascii(NumberOutput.toString(v, fastDoubles()));
    } else {
      out.number(v); // Double.toString's text, short decimals without a String
    }
  }

  @Override
  public void writeNumber(float v) throws IOException {
    if (numbersAsStrings() || (!Float.isFinite(v) && nanAsString())) {
      writeString(NumberOutput.toString(v, fastDoubles()));
      return;
    }
    beforeValue("write a number");
    out.ascii(NumberOutput.toString(v, fastDoubles()));
  }

  @Override
  public void writeNumber(BigDecimal v) throws IOException {
    beforeValue("write a number");
    if (v == null) {
      out.ascii("null");
      return;
    }
    String text;
    if (isEnabled(Feature.WRITE_BIGDECIMAL_AS_PLAIN)) {
      int scale = v.scale();
      if (scale < -MAX_BIG_DECIMAL_SCALE || scale > MAX_BIG_DECIMAL_SCALE) {
        throw new JsonGenerationException(
            "Attempt to write plain `java.math.BigDecimal` (see"
                + " JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN) with illegal scale ("
                + scale
                + "): needs to be between [-"
                + MAX_BIG_DECIMAL_SCALE
                + ", "
                + MAX_BIG_DECIMAL_SCALE
                + "]",
            this);
      }
      text = v.toPlainString();
    } else {
      text = v.toString();
    }
    if (numbersAsStrings()) {
      out.string(text);
    } else {
      out.ascii(text);
    }
  }

  /** Jackson's bound on the scale of a BigDecimal written as plain text. */
  private static final int MAX_BIG_DECIMAL_SCALE = 9999;

  @Override
  public void writeNumber(String encoded) throws IOException {
    beforeValue("write a number");
    if (encoded == null) {
      out.ascii("null");
    } else if (numbersAsStrings()) {
      out.put((byte) '"');
      writeRaw(encoded);
      out.put((byte) '"');
    } else {
      writeRaw(encoded);
    }
  }

  @Override
  public void writeBoolean(boolean state) throws IOException {
    beforeValue("write a boolean value");
    out.ascii(state ? "true" : "false");
  }

  @Override
  public void writeNull() throws IOException {
    beforeValue("write a null");
    out.ascii("null");
  }

  // ---- values only the codec knows

  @Override
  public void writeObject(Object value) throws IOException {
    if (value == null) {
      writeNull();
    } else if (codec == null) {
      throw new IllegalStateException("No ObjectCodec defined for the generator");
    } else {
      codec.writeValue(this, value);
    }
  }

  @Override
  public void writeTree(TreeNode node) throws IOException {
    if (node == null) {
      writeNull();
    } else if (codec == null) {
      throw new IllegalStateException("No ObjectCodec defined for the generator");
    } else {
      codec.writeTree(this, node);
    }
  }

  // ---- the line is the output

  /** Nothing is buffered here: every byte is already in the line. */
  @Override
  public void flush() {}

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
