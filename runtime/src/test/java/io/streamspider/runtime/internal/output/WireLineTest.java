package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.streamspider.runtime.internal.PythonJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scrapy Cloud lines: byte for byte what Jackson's own UTF-8 generator writes with the JSON
 * policy's hooks (PythonJson.ensureAscii: ASCII escaping, DEL escaped as Python does), whichever
 * way the line is encoded (plain values by AsciiJson, anything else by Jackson's serializers);
 * ASCII on one line whatever the item holds.
 */
class WireLineTest {
  /**
   * The reference: the policy as Jackson's own UTF-8 generator writes it with its supported hooks
   * (PythonJson.ensureAscii), with the items' mapper; the plain encoder must agree.
   */
  static String reference(Object v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g =
        PythonJson.ensureAscii(ItemJson.MAPPER.getFactory().createGenerator(out))) {
      ItemJson.MAPPER.writeValue(g, v);
    }
    return "ITM " + out.toString(StandardCharsets.ISO_8859_1) + "\n";
  }

  static String encoded(WireLine line, Object v) {
    String refused = line.item(v);
    assertNull(refused, "refused: " + v);
    return text(line);
  }

  static String text(WireLine line) {
    return new String(line.buffer(), 0, line.length(), StandardCharsets.ISO_8859_1);
  }

  /** The wire's rule, checked the slow way: ASCII, and the one line break is the last byte. */
  static void assertWireSafe(WireLine line, Object what) {
    byte[] b = line.buffer();
    int n = line.length();
    assertTrue(n > 0 && b[n - 1] == '\n', "ends with its newline: " + what);
    for (int i = 0; i < n - 1; i++) {
      if (b[i] < 0 || b[i] == '\n' || b[i] == '\r') {
        fail(
            "byte 0x" + Integer.toHexString(b[i] & 0xff) + " at " + i + " of the line for " + what);
      }
    }
  }

  /** Characters from every class the encoder treats differently. */
  static String randomString(Random r) {
    int n = r.nextInt(40);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(9)) {
        case 0 -> b.append((char) r.nextInt(0x20)); // controls
        case 1 -> b.append("\"\\/\u007f".charAt(r.nextInt(4)));
        case 2 -> b.append((char) (0x80 + r.nextInt(0x780))); // 2-byte UTF-8
        case 3 -> b.append((char) (0x800 + r.nextInt(0xd000))); // BMP
        case 4 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000 - 0x10000)); // surrogate pairs
        case 5 -> b.append((char) (0xd800 + r.nextInt(0x800))); // a lone surrogate
        case 6 -> b.append((char) (0xe000 + r.nextInt(0x2000))); // private use, U+FFFx
        default -> b.append((char) (0x20 + r.nextInt(0x5f))); // printable ASCII
      }
    }
    return b.toString();
  }

  static Object randomValue(Random r, int depth) {
    int k = depth > 3 ? r.nextInt(11) : r.nextInt(14);
    switch (k) {
      case 0:
        return randomString(r);
      case 1:
        return r.nextInt();
      case 2:
        return r.nextLong();
      case 3:
        return r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
      case 4:
        return r.nextFloat();
      case 5:
        return r.nextBoolean();
      case 6:
        return null;
      case 7:
        return List.of(
                Double.NaN,
                Double.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY,
                (short) -3,
                (byte) 7,
                -0.0,
                0.0,
                1e7,
                9_999_999.0,
                -123.0,
                (double) Long.MIN_VALUE,
                Long.MIN_VALUE)
            .get(r.nextInt(12));
      case 8:
        return r.nextInt(1000) * 0.25 - 100;
      case 9:
        return new int[] {r.nextInt(), -1};
      case 10:
        return new Object[] {randomString(r), r.nextLong(), null};
      case 11:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          int n = r.nextInt(5);
          for (int i = 0; i < n; i++) {
            m.put(randomString(r), randomValue(r, depth + 1));
          }
          return m;
        }
      case 12:
        return new double[] {r.nextDouble(), Double.NaN, 2.0};
      default:
        {
          List<Object> l = new ArrayList<>();
          int n = r.nextInt(5);
          for (int i = 0; i < n; i++) {
            l.add(randomValue(r, depth + 1));
          }
          return r.nextBoolean() ? l : new LinkedHashSet<>(l);
        }
    }
  }

  static Map<String, Object> randomItem(Random r) {
    Map<String, Object> item = new HashMap<>();
    int n = 1 + r.nextInt(6);
    for (int j = 0; j < n; j++) {
      item.put(r.nextInt(4) == 0 ? "key" + r.nextInt(3) : randomString(r), randomValue(r, 0));
    }
    return item;
  }

  /** The same value as a record field: Jackson's serializers write it. */
  record Holder(Object value) {}

  @Test
  void plainValuesAreEncodedByteForByteAsJacksonEncodesThem() throws IOException {
    Random r = new Random(4);
    WireLine line = new WireLine();
    for (int i = 0; i < 5000; i++) {
      Map<String, Object> item = randomItem(r);
      assertEquals(reference(item), encoded(line, item), "item " + i);
    }
  }

  @Test
  void doublesAreWrittenAsDoubleToStringWritesThem() throws IOException {
    // the short-decimal path (at most three decimals, no exponent) and Double.toString for the rest
    java.util.SplittableRandom r = new java.util.SplittableRandom(8);
    AsciiJson json = new AsciiJson();
    for (int i = 0; i < 300_000; i++) {
      double d =
          switch (i % 4) {
            case 0 -> r.nextLong(100_000_000L) / Math.pow(10, r.nextInt(5));
            case 1 -> -r.nextLong(100_000) / Math.pow(10, r.nextInt(5));
            case 2 -> Double.longBitsToDouble(r.nextLong());
            default -> r.nextDouble() * Math.pow(10, r.nextInt(12) - 4);
          };
      json.size = 0;
      json.number(d);
      String want = Double.isNaN(d) || Double.isInfinite(d) ? "\"" + d + "\"" : Double.toString(d);
      assertEquals(
          want,
          new String(json.buf, 0, json.size, StandardCharsets.ISO_8859_1),
          "bits " + Double.doubleToRawLongBits(d));
    }
    for (double d :
        new double[] {
          0.0, -0.0, 1e-3, 9.99e-4, 1e7, 9_999_999.999, 0.1, 0.7, 12.5, 1.005, 100.0, -3.0
        }) {
      json.size = 0;
      json.number(d);
      assertEquals(
          Double.toString(d), new String(json.buf, 0, json.size, StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void keysSharingACacheSlotOrTooLongToCacheAreStillWrittenRight() throws IOException {
    WireLine line = new WireLine();
    assertEquals("Aa".hashCode(), "BB".hashCode());
    String longKey = "k\u00e9".repeat(50);
    for (int i = 0; i < 3; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Aa", 1);
      m.put("BB", 2);
      m.put(new String("Aa".toCharArray()) + "x", 3);
      m.put(longKey, 4);
      assertEquals(reference(m), encoded(line, m), "round " + i);
    }
  }

  @Test
  void jacksonsSerializersWriteTheSameBytesAsTheReference() throws IOException {
    Random r = new Random(5);
    WireLine line = new WireLine();
    for (int i = 0; i < 3000; i++) {
      Holder h = new Holder(randomItem(r));
      assertEquals(reference(h), encoded(line, h), "item " + i);
    }
  }

  @Test
  void jacksonTreesAreEncodedAsTheValuesTheyHold() throws IOException {
    Random r = new Random(6);
    WireLine line = new WireLine();
    for (int i = 0; i < 2000; i++) {
      Map<String, Object> item = randomItem(r);
      JsonNode tree = ItemJson.MAPPER.valueToTree(item);
      assertEquals(reference(tree), encoded(line, tree), "item " + i);
      assertEquals(
          reference(item), encoded(line, tree), "the tree of item " + i + " as the item itself");
    }
  }

  enum Colour {
    RED,
    GREEN
  }

  @JsonPropertyOrder({
    "name", "price", "added", "seen", "tags", "colour", "maybe", "missing", "big", "exact", "bytes",
    "chars", "letter", "ratio", "small", "nan", "nested", "byId", "took", "when"
  })
  record Product(
      String name,
      double price,
      LocalDate added,
      Instant seen,
      List<String> tags,
      Colour colour,
      Optional<String> maybe,
      Optional<String> missing,
      BigInteger big,
      BigDecimal exact,
      byte[] bytes,
      char[] chars,
      Character letter,
      float ratio,
      short small,
      Double nan,
      List<Product> nested,
      Map<Integer, String> byId,
      Duration took,
      LocalDateTime when) {}

  static Product product(String name, List<Product> nested) {
    return new Product(
        name,
        9.5,
        LocalDate.of(2024, 1, 2),
        Instant.parse("2024-01-02T03:04:05.678Z"),
        List.of("été", "😀", "a\"b\\c\n"),
        Colour.GREEN,
        Optional.of("vert"),
        Optional.empty(),
        new BigInteger("123456789012345678901234567890"),
        new BigDecimal("1E+3"),
        new byte[] {0, -1, 65, 127},
        "ch\u00e2r".toCharArray(),
        'ß',
        0.1f,
        (short) -7,
        Double.NaN,
        nested,
        new TreeMap<>(Map.of(2, "deux", 1, "un")),
        Duration.ofMillis(1500),
        LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000));
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Book.class, name = "livre"),
    @JsonSubTypes.Type(value = Film.class)
  })
  sealed interface Work permits Book, Film {}

  record Book(String title, int pages) implements Work {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
  record Film(String title, Duration length) implements Work {}

  record Shelf(List<Work> works, Map<String, Work> byName, Work[] array) {}

  static final class Pojo {
    private final String name = "Crème";
    int count = 3;
    @JsonRawValue String raw = "{\"already\":[1,2]}";
    Object empty = Map.of();
    List<?> list = List.of(1, "ü", List.of());
  }

  @Test
  void recordsPojosDatesAndJacksonTypesAreWhatJacksonWrites() throws IOException {
    WireLine line = new WireLine();
    Product p = product("Café crème", List.of(product("inner\u2028", List.of())));
    assertEquals(reference(p), encoded(line, p));
    assertEquals(reference(new Pojo()), encoded(line, new Pojo()));
    // type ids, as a property and as a wrapper array, through Jackson's type serializers
    Book book = new Book("Les Misérables", 1488);
    Film film = new Film("Amélie", Duration.ofMinutes(122));
    Shelf shelf = new Shelf(List.of(book, film), Map.of("amélie", film), new Work[] {film, book});
    assertEquals(reference(shelf), encoded(line, shelf));
    assertTrue(
        text(line)
            .contains("{\"kind\":\"livre\",\"title\":\"Les Mis\\u00e9rables\",\"pages\":1488}"),
        text(line));
    Map<Object, Object> nonStringKeys = new LinkedHashMap<>();
    nonStringKeys.put(1, "one");
    nonStringKeys.put(LocalDate.of(2024, 1, 2), Optional.of(Colour.RED));
    assertEquals(reference(nonStringKeys), encoded(line, nonStringKeys));
    Map<String, Object> withDate = new LinkedHashMap<>();
    withDate.put("a", "x".repeat(100));
    withDate.put("date", LocalDate.of(2024, 1, 2));
    assertEquals(reference(withDate), encoded(line, withDate));
    assertTrue(text(line).contains("\"date\":\"2024-01-02\""), text(line));
  }

  /** Java allows such names; Jackson's UTF-8 generator writes a bean's names raw, not escaped. */
  record Cle(String ключ) {}

  record Produit(String titre, String prénom, double 价格) {}

  @Test
  void nonAsciiPropertyNamesAreEscapedAsPythonEscapesThem() throws IOException {
    // fifo-items.expected is written by the real json.dumps (runtime/src/test/python/fifo_lines.py)
    List<String> expected;
    try (InputStream in =
        getClass()
            .getResourceAsStream("/io/streamspider/runtime/internal/output/fifo-items.expected")) {
      expected = List.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("(?<=\n)"));
    }
    WireLine line = new WireLine();
    assertEquals(expected.get(0), encoded(line, new Cle("значение")));
    Map<String, Object> same = new LinkedHashMap<>();
    same.put("titre", "é");
    same.put("prénom", "ü");
    same.put("价格", 1.5);
    assertEquals(encoded(line, same), encoded(line, new Produit("é", "ü", 1.5)));
    assertEquals(
        "ITM {\"titre\":\"\\u00e9\",\"pr\\u00e9nom\":\"\\u00fc\",\"\\u4ef7\\u683c\":1.5}\n",
        text(line));
  }

  record Text(String s) {}

  @Test
  void everyUtf16UnitIsEscapedAsPythonEscapesIt() throws Exception {
    // fifo-bmp.expected: the real json.dumps's lines for every unit 0000-ffff, lone surrogates
    // included, 1,024 to an item, as length and SHA-256 (runtime/src/test/python/fifo_lines.py)
    List<String> expected;
    try (InputStream in =
        getClass()
            .getResourceAsStream("/io/streamspider/runtime/internal/output/fifo-bmp.expected")) {
      expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
    }
    assertEquals(64, expected.size());
    WireLine line = new WireLine();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String want : expected) {
      String[] f = want.split(" ");
      int start = Integer.parseInt(f[0], 16);
      StringBuilder units = new StringBuilder(1024);
      for (int c = start; c < start + 1024; c++) {
        units.append((char) c);
      }
      String text = units.toString();
      // the plain encoder (a map) and Jackson's serializers (a record, its name pre-encoded)
      for (Object item : List.of(Map.of("s", text), new Text(text))) {
        assertNull(line.item(item), "refused");
        byte[] got = Arrays.copyOf(line.buffer(), line.length());
        String where =
            "units "
                + f[0]
                + "-"
                + Integer.toHexString(start + 1023)
                + " as a "
                + item.getClass().getSimpleName();
        assertEquals(Integer.parseInt(f[1]), got.length, where);
        assertEquals(f[2], HexFormat.of().formatHex(sha.digest(got)), where);
      }
    }
  }

  @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class, property = "@id")
  record Shop(String name) {}

  record Offer(String title, Shop shop, Shop again) {}

  @Test
  void eachItemIsSerialisedAfreshAsItsOwnWriteValueCallWouldBe() throws IOException {
    // one generator serves many items: object ids must not leak from one item to the next
    WireLine line = new WireLine();
    Shop shop = new Shop("Épicerie");
    for (int i = 0; i < 2500; i++) {
      Offer o = new Offer("offer " + i, shop, shop);
      assertEquals(reference(o), encoded(line, o), "item " + i);
    }
    assertEquals(
        "ITM {\"title\":\"offer"
            + " 2499\",\"shop\":{\"@id\":1,\"name\":\"\\u00c9picerie\"},\"again\":1}\n",
        text(line));
  }

  @Test
  void everyLineIsAsciiOnOneLineByConstruction() {
    Random r = new Random(7);
    WireLine line = new WireLine();
    for (int i = 0; i < 3000; i++) {
      Object item =
          switch (i % 3) {
            case 0 -> randomItem(r);
            case 1 -> new Holder(randomItem(r));
            default -> new Produit(randomString(r), randomString(r), r.nextDouble());
          };
      assertNull(line.item(item), "item " + i);
      assertWireSafe(line, item);
    }
  }

  static final class RawSerializer extends StdSerializer<String> {
    RawSerializer() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeRawValue(value);
    }
  }

  record Raw(@JsonSerialize(using = RawSerializer.class) String json) {}

  static final class Boom {
    public String first = "written";

    public String getSecond() {
      throw new IllegalStateException("no second");
    }
  }

  @Test
  void rawOutputThatWouldBreakTheWireIsRefusedAndTheNextItemIsUnharmed() {
    WireLine line = new WireLine();
    assertNull(line.item(new Raw("{\"ok\":1}")));
    assertEquals("ITM {\"json\":{\"ok\":1}}\n", text(line));
    String refused = line.item(new Raw("{\"é\":1}"));
    assertTrue(refused != null && refused.contains("not ASCII on one line"), refused);
    refused = line.item(new Raw("{\"a\":\n1}"));
    assertTrue(refused != null && refused.contains("not ASCII on one line"), refused);
    // a serializer that throws halfway through an object leaves the generator ready for the next
    // item
    refused = line.item(new Boom());
    assertTrue(refused != null && refused.contains("no second"), refused);
    assertNull(line.item(new Holder(List.of(1, 2))));
    assertEquals("ITM {\"value\":[1,2]}\n", text(line));
  }

  @Test
  void typesOnlyJacksonKnowsAreLeftToJacksonWholeOrInPlace() throws IOException {
    // the walker alone gives up and leaves the line as it was
    AsciiJson plain = new AsciiJson();
    plain.start("ITM");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", "x".repeat(100));
    m.put("date", LocalDate.of(2024, 1, 2));
    m.put("bytes", new byte[] {1, 2});
    // a tree's decimal and binary nodes are Jackson's to write too
    m.put(
        "node",
        ItemJson.MAPPER
            .createObjectNode()
            .put("big", new BigDecimal("1.50"))
            .put("bin", new byte[] {3}));
    assertFalse(plain.write(m));
    assertEquals(4, plain.size);
    assertFalse(plain.write(new Holder("p")));
    assertFalse(plain.write(Map.of(1, "integer key")));
    assertFalse(plain.write(new byte[] {1}));
    // two maps deep, after entries already written: the walk stops and the line is left as it was
    Map<Object, Object> inner = new LinkedHashMap<>();
    inner.put("k", "v");
    inner.put(2, "integer key");
    Map<String, Object> middle = new LinkedHashMap<>();
    middle.put("first", 1);
    middle.put("inner", inner);
    Map<String, Object> deep = new LinkedHashMap<>();
    deep.put("a", List.of("b"));
    deep.put("middle", middle);
    assertFalse(plain.write(deep));
    assertEquals(4, plain.size);
    // and the next map starts afresh: no state left from the walk that stopped
    assertTrue(plain.write(Map.of("x", Map.of("y", 1))));
    assertEquals(
        "ITM {\"x\":{\"y\":1}}", new String(plain.buf, 0, plain.size, StandardCharsets.US_ASCII));
    plain.size = 4;
    // a line has Jackson write such values where they are, with the bytes Jackson writes for the
    // whole item
    WireLine line = new WireLine();
    assertEquals(reference(m), encoded(line, m));
    assertTrue(
        text(line).contains("\"date\":\"2024-01-02\",\"bytes\":\"AQI=\",\"node\":{\"big\":1.5"),
        text(line));
    assertTrue(text(line).endsWith(",\"bin\":\"Aw==\"}}\n"), text(line));
    List<Object> mixed =
        List.of(new Holder(1), LocalDate.of(2024, 1, 2), Optional.of("x"), new boolean[] {true});
    Map<String, Object> outer = Map.of("mixed", mixed);
    assertEquals(reference(outer), encoded(line, outer));
    assertEquals("ITM {\"mixed\":[{\"value\":1},\"2024-01-02\",\"x\",[true]]}\n", text(line));
    assertEquals(reference(deep), encoded(line, deep));
    assertEquals(
        "ITM {\"a\":[\"b\"],\"middle\":{\"first\":1,\"inner\":{\"k\":\"v\",\"2\":\"integer"
            + " key\"}}}\n",
        text(line));
  }

  /** A serializer calling the generator methods Jackson's own serializers seldom use. */
  static final class EveryCall extends StdSerializer<String> {
    EveryCall() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeFieldName("utf8");
      gen.writeUTF8String(("é" + value).getBytes(StandardCharsets.UTF_8), 0, 3);
      gen.writeFieldName("rawUtf8");
      byte[] ascii = "abc/def".getBytes(StandardCharsets.US_ASCII);
      gen.writeRawUTF8String(ascii, 1, 4);
      gen.writeFieldName("reader");
      gen.writeString(new java.io.StringReader(value + "\u2028\t"), -1);
      gen.writeFieldName("chars");
      char[] c = ("x" + value + "y").toCharArray();
      gen.writeString(c, 1, c.length - 2);
      gen.writeFieldName("stream");
      gen.writeBinary(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3, -1}), 4);
      gen.writeFieldName("mime");
      gen.writeBinary(
          com.fasterxml.jackson.core.Base64Variants.MIME, new byte[100], 0, 100); // line feeds
      gen.writeFieldName("encoded");
      gen.writeNumber("1.50e3");
      gen.writeFieldName("short");
      gen.writeNumber((short) -3);
      gen.writeFieldName("float");
      gen.writeNumber(Float.NaN);
      gen.writeFieldName("ints");
      gen.writeArray(new int[] {1, -2}, 0, 2);
      gen.writeFieldName("tree");
      gen.writeTree(ItemJson.MAPPER.createObjectNode().put("k", "ü"));
      gen.writeFieldName("object");
      gen.writeObject(List.of(LocalDate.of(2024, 1, 2), Optional.empty()));
      gen.writeFieldName("rawValue");
      gen.writeRawValue("[true]");
      gen.writeFieldName("nested");
      gen.writeStartArray();
      gen.writeNull();
      gen.writeBoolean(false);
      gen.writeNumber(new BigDecimal("1E+3"));
      gen.writeEndArray();
      // switched on for the rest of this value only: the next item starts with the mapper's
      gen.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      gen.writeFieldName("plain");
      gen.writeNumber(new BigDecimal("1E+3"));
      gen.enable(JsonGenerator.Feature.WRITE_NUMBERS_AS_STRINGS);
      gen.writeFieldName("asString");
      gen.writeNumber(12L);
      gen.writeFieldName("double");
      gen.writeNumber(0.5);
      gen.writeFieldName("big");
      gen.writeNumber(BigInteger.TEN);
      gen.writeEndObject();
    }
  }

  record Every(@JsonSerialize(using = EveryCall.class) String value) {}

  @Test
  void everyGeneratorCallWritesWhatJacksonsOwnGeneratorWrites() throws IOException {
    WireLine line = new WireLine();
    for (String v : List.of("é\u007f\"", "plain", "😀\n")) {
      Every e = new Every(v);
      assertEquals(reference(e), encoded(line, e), v);
      assertWireSafe(line, e);
      // a feature one value switched on does not reach the next one
      Holder h = new Holder(List.of(new BigDecimal("1E+3"), 7));
      assertEquals(reference(h), encoded(line, h), v);
      assertEquals("ITM {\"value\":[1E+3,7]}\n", text(line));
    }
  }

  @Test
  void nonObjectsAndItemsOverOneMebibyteAreRefusedWithTheReason() {
    WireLine line = new WireLine();
    String refused = line.item(List.of(1));
    assertTrue(refused != null && refused.contains("JSON object"), refused);
    refused = line.item("text");
    assertTrue(refused != null && refused.contains("JSON object"), refused);
    // 200,000 × "é" is 1.2 MB once escaped, on both paths
    refused = line.item(Map.of("text", "é".repeat(200_000)));
    assertTrue(refused != null && refused.contains("1 MiB"), refused);
    refused = line.item(new Holder("é".repeat(200_000)));
    assertTrue(refused != null && refused.contains("1 MiB"), refused);
    // exactly 1 MiB with its newline fits, through Jackson too: ITM {"value":"…"}\n is 17 bytes
    // around the text
    String fits = "x".repeat(AsciiJson.MAX_MESSAGE_BYTES - 17);
    assertNull(line.item(new Holder(fits)));
    assertEquals(AsciiJson.MAX_MESSAGE_BYTES, line.length());
    refused = line.item(new Holder(fits + "x"));
    assertTrue(refused != null && refused.contains("1 MiB"), refused);
    assertNull(line.item(Map.of("after", true)));
    assertEquals("ITM {\"after\":true}\n", text(line));
  }
}
