package io.streamspider.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.streamspider.processor.Sources.compile;
import static io.streamspider.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.streamspider.processor.internal.Message;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link Message}: the mistake, the message, and the line javac points at. Test
 * methods are named after the message's tag so that {@link #everyMessageHasItsTest()} can check
 * that none is missing.
 */
class DiagnosticsTest {

  /** Compiles {@code src}, expecting exactly one error: {@code message}, on that line. */
  private static void assertOnlyError(
      JavaFileObject src, Message message, String text, String lineContaining) {
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[" + message.tag() + "] " + text)
        .inFile(src)
        .onLineContaining(lineContaining);
    assertThat(c).hadErrorContaining("Hint: ");
  }

  @Test
  void everyMessageHasItsTest() {
    List<String> missing = new ArrayList<>();
    List<String> methods =
        Arrays.stream(DiagnosticsTest.class.getDeclaredMethods()).map(Method::getName).toList();
    for (Message m : Message.values()) {
      String name = m.tag().substring(0, 1).toLowerCase(Locale.ROOT) + m.tag().substring(1);
      if (!methods.contains(name)) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "messages without a test");
  }

  @Test
  void spiderNotTopLevelClass() {
    JavaFileObject src =
        source(
            "Outer",
            """
            public class Outer {
              @Spider(name = "inner")
              public static class Inner {}
            }
            """);
    assertOnlyError(
        src,
        Message.SPIDER_NOT_TOP_LEVEL_CLASS,
        "@Spider must be on a top-level class, but Inner is nested in Outer",
        "@Spider(name = \"inner\")");
  }

  @Test
  void spiderOnAnInterfaceIsNotATopLevelClassEither() {
    JavaFileObject src =
        source(
            "Api",
            """
            @Spider(name = "api")
            public interface Api {}
            """);
    assertOnlyError(
        src,
        Message.SPIDER_NOT_TOP_LEVEL_CLASS,
        "@Spider must be on a top-level class, but Api is an interface",
        "@Spider(name = \"api\")");
  }

  @Test
  void spiderGeneric() {
    JavaFileObject src =
        source(
            "G",
            """
            @Spider(name = "g")
            public class G<T> {}
            """);
    assertOnlyError(
        src, Message.SPIDER_GENERIC, "@Spider class G has type parameters", "@Spider(name");
  }

  @Test
  void spiderNameEmpty() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(
                name = "",
                allowedDomains = "example.com")
            public class S {}
            """);
    assertOnlyError(src, Message.SPIDER_NAME_EMPTY, "@Spider name is empty", "name = \"\"");
  }

  @Test
  void spiderNameDuplicate() {
    JavaFileObject a =
        source(
            "A",
            """
            @Spider(name = "same")
            public class A {}
            """);
    JavaFileObject b =
        source(
            "B",
            """
            @Spider(
                name = "same")
            public class B {}
            """);
    Compilation c = compile(a, b);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[SpiderNameDuplicate] spider name \"same\" is already used by test.A")
        .inFile(b)
        .onLineContaining("name = \"same\"");
  }

  @Test
  void startUrlMalformed() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(
                name = "s",
                startUrls = {
                  "http://127.0.0.1:8080/",
                  "http://127.0.0.1/a page"
                })
            public class S {
              @Parse
              public void parse(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.START_URL_MALFORMED,
        "start URL \"http://127.0.0.1/a page\" is malformed: Illegal character in path",
        "\"http://127.0.0.1/a page\"");
  }

  @Test
  void startUrlWithoutSchemeIsMalformed() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "127.0.0.1/index.html")
            public class S {
              @Parse
              public void parse(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.START_URL_MALFORMED,
        "start URL \"127.0.0.1/index.html\" is malformed: it is relative (it has no scheme)",
        "startUrls = \"127.0.0.1/index.html\"");
  }

  @Test
  void noStartCallback() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(
                name = "s",
                startUrls = "http://127.0.0.1/")
            public class S {
              @Parse("other")
              public void other(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.NO_START_CALLBACK,
        "S has start URLs but no callback with id \"parse\"",
        "startUrls = \"http://127.0.0.1/\"");
  }

  @Test
  void duplicateName() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(
                name = "s",
                customSettings = {
                  @Setting(name = "DOWNLOAD_DELAY", value = "1"),
                  @Setting(name = "DOWNLOAD_DELAY", value = "2")
                })
            public class S {}
            """);
    assertOnlyError(
        src, Message.DUPLICATE_NAME, "setting \"DOWNLOAD_DELAY\" is given twice", "value = \"2\"");
  }

  @Test
  void duplicateClickDataNameIsADuplicateNameToo() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("login")
              @FormRequest(clickData = {
                  @Field(name = "name", value = "go"),
                  @Field(name = "name", value = "again")})
              public void login(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.DUPLICATE_NAME,
        "clickData field \"name\" is given twice",
        "value = \"again\"");
  }

  @Test
  void callbackIdEmpty() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("")
              public void page(Response page) {}
            }
            """);
    assertOnlyError(src, Message.CALLBACK_ID_EMPTY, "@Parse id is empty", "@Parse(\"\")");
  }

  @Test
  void callbackIdDuplicate() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(Response page) {}

              @Parse(value = "book")
              public void book2(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CALLBACK_ID_DUPLICATE,
        "callback id \"book\" is already used by book()",
        "@Parse(value = \"book\")");
  }

  @Test
  void callbackNotPublic() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              void page(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CALLBACK_NOT_PUBLIC,
        "page() must be public to be a @Parse method",
        "@Parse(\"page\")");
  }

  @Test
  void callbackStatic() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public static void page(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CALLBACK_STATIC,
        "page() must not be static to be a @Parse method",
        "@Parse(\"page\")");
  }

  @Test
  void outsideSpider() {
    JavaFileObject src =
        source(
            "Base",
            """
            public class Base {
              @Parse("page")
              public void page(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.OUTSIDE_SPIDER,
        "@Parse on page(), which is in Base, a class without @Spider",
        "@Parse(\"page\")");
  }

  @Test
  void spiderArgOutsideSpiderIsReportedToo() {
    JavaFileObject src =
        source(
            "Base",
            """
            public class Base {
              @SpiderArg
              String category;
            }
            """);
    assertOnlyError(
        src,
        Message.OUTSIDE_SPIDER,
        "@SpiderArg on field category, which is in Base, a class without @Spider",
        "@SpiderArg");
  }

  @Test
  void parseAndOnError() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              @OnError("page")
              public void page(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.PARSE_AND_ON_ERROR,
        "page() has both @Parse and @OnError",
        "@OnError(\"page\")");
  }

  @Test
  void formWithoutParse() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @FormRequest(formName = "login")
              public void login(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.FORM_WITHOUT_PARSE,
        "@FormRequest on login(), which is not a @Parse callback",
        "@FormRequest(formName = \"login\")");
  }

  @Test
  void onErrorUnknownId() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(Response page) {}

              @OnError("bok")
              public void failed(Failure failure) {}
            }
            """);
    assertOnlyError(
        src,
        Message.ON_ERROR_UNKNOWN_ID,
        "@OnError(\"bok\") names no callback of this spider. Hint: use the id of a @Parse method"
            + " of this spider (book)",
        "@OnError(\"bok\")");
  }

  @Test
  void onErrorDuplicate() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(Response page) {}

              @OnError("book")
              public void failed(Failure failure) {}

              @OnError(value = "book")
              public void failedAgain(Failure failure) {}
            }
            """);
    assertOnlyError(
        src,
        Message.ON_ERROR_DUPLICATE,
        "callback \"book\" already has the error handler failed()",
        "@OnError(value = \"book\")");
  }

  @Test
  void selectorBoth() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector(css = "h1::text", xpath = "//h1/text()") String title) {}
            }
            """);
    assertOnlyError(
        src,
        Message.SELECTOR_BOTH,
        "@Selector sets both css and xpath",
        "@Selector(css = \"h1::text\", xpath");
  }

  @Test
  void selectorNeither() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector String title) {}
            }
            """);
    assertOnlyError(
        src, Message.SELECTOR_NEITHER, "@Selector sets neither css nor xpath", "@Selector String");
  }

  @Test
  void cssInvalid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector(css = "h1::text") String title,
                  @Selector(css = "p.price:eq(0)::text") String price) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CSS_INVALID,
        "CSS selector \"p.price:eq(0)::text\" is not valid for parsel: The pseudo-class :eq() is"
            + " unknown (at 7, from \":eq(0)::text\"); jQuery and jsoup extensions",
        "p.price:eq(0)");
  }

  @Test
  void cssPseudoElementInTheMiddleIsInvalid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector(css = "a::attr(href) span") String link) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CSS_INVALID,
        "CSS selector \"a::attr(href) span\" is not valid for parsel: Got pseudo-element"
            + " ::FunctionalPseudoElement[::attr(['href'])] not at the end of a selector (at 14,"
            + " from \"span\")",
        "a::attr(href) span");
  }

  @Test
  void cssOfAnItemComponentIsCheckedOnTheComponent() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              public record Book(
                  @Selector(css = "h1::text") String title,
                  @Selector(css = "p::attr()") String price) {}

              @Parse("book")
              public Book book(Book book) {
                return book;
              }
            }
            """);
    assertOnlyError(
        src,
        Message.CSS_INVALID,
        "CSS selector \"p::attr()\" is not valid for parsel: Expected a single string or ident"
            + " for ::attr(), got [] (at 1, from \"::attr()\")",
        "p::attr()");
  }

  /**
   * The old check (a second CSS grammar) accepted this: it parses, but cssselect's translation of
   * :has() leaves "b]" as the element that :first-of-type counts, and lxml refuses the XPath. The
   * check now translates with the host's code, so it refuses what the host would.
   */
  @Test
  void cssInvalidWhereTheTranslationIsNotXPath() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector(css = "h1::text") String title,
                  @Selector(css = "a:has(b):first-of-type") String link) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CSS_INVALID,
        "CSS selector \"a:has(b):first-of-type\" is not valid for parsel: it translates to the"
            + " XPath descendant-or-self::a[descendant::b][count(preceding-sibling::b]) = 0],"
            + " which lxml refuses: ",
        "a:has(b):first-of-type");
  }

  @Test
  void cssOfFormCssIsChecked() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("login")
              @FormRequest(
                  formCss = "form#login >")
              public void login(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CSS_INVALID,
        "CSS selector \"form#login >\" is not valid for parsel: Expected selector, got <EOF at"
            + " 12> (at 12, the end)",
        "formCss = ");
  }

  @Test
  void xpathInvalid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector(xpath = "//a[ends-with(@href, '.pdf')]/@href") String pdf) {}
            }
            """);
    assertOnlyError(
        src,
        Message.XPATH_INVALID,
        "XPath \"//a[ends-with(@href, '.pdf')]/@href\" is not valid for parsel: function"
            + " ends-with() is unknown to lxml",
        "ends-with");
  }

  @Test
  void xpathSyntaxErrorIsInvalid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector(xpath = "//p[@class='price'/text()") String price) {}
            }
            """);
    assertOnlyError(
        src, Message.XPATH_INVALID, "XPath \"//p[@class='price'/text()\" is not valid", "//p[");
  }

  @Test
  void xpathWithParselAndExsltFunctionsIsValid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("book")
              public void book(
                  @Selector(xpath = "//a[re:test(@href, '\\\\.pdf$', 'i')]/@href") List<String> pdfs,
                  @Selector(xpath = "//p[has-class('price')]/text()") String price,
                  @Selector(xpath = "set:distinct(//a/@rel)") List<String> rels,
                  @Selector(css = "input:checked::attr(name)") List<String> checked) {}
            }
            """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void formAndSelector() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("login")
              @FormRequest(formName = "login")
              public void login(@Selector(css = "h1::text") String title) {}
            }
            """);
    assertOnlyError(
        src,
        Message.FORM_AND_SELECTOR,
        "login() has both @FormRequest and @Selector parameters",
        "@FormRequest(formName = \"login\")");
  }

  @Test
  void formSeveralLocators() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("login")
              @FormRequest(formName = "login", formNumber = 1)
              public void login(Response page) {}
            }
            """);
    assertOnlyError(
        src,
        Message.FORM_SEVERAL_LOCATORS,
        "@FormRequest sets formName and formNumber",
        "@FormRequest(formName = \"login\", formNumber = 1)");
  }

  @Test
  void formNumberNegative() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("login")
              @FormRequest(
                  formNumber = -2)
              public void login(Response page) {}
            }
            """);
    assertOnlyError(
        src, Message.FORM_NUMBER_NEGATIVE, "formNumber -2 is negative", "formNumber = -2");
  }

  @Test
  void parameterUnsupported() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public void page(
                  Response page,
                  Thread worker) {}
            }
            """);
    assertOnlyError(
        src,
        Message.PARAMETER_UNSUPPORTED,
        "parameter worker of page() has type java.lang.Thread, which a callback cannot be given",
        "Thread worker");
  }

  @Test
  void selectorTypeUnsupported() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public void page(
                  @Selector(css = "li::text") List<Integer> numbers) {}
            }
            """);
    assertOnlyError(
        src,
        Message.SELECTOR_TYPE_UNSUPPORTED,
        "@Selector numbers has type java.util.List<java.lang.Integer>",
        "List<Integer> numbers");
  }

  @Test
  void bodyOnSelectorCallback() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public void page(
                  @Selector(css = "h1::text") String title,
                  byte[] body) {}
            }
            """);
    assertOnlyError(
        src,
        Message.BODY_ON_SELECTOR_CALLBACK,
        "byte[] parameter body of page() needs the body in base64",
        "byte[] body");
  }

  @Test
  void failureOutsideOnError() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public void page(
                  Failure failure) {}
            }
            """);
    assertOnlyError(
        src,
        Message.FAILURE_OUTSIDE_ON_ERROR,
        "parameter failure of page() is a Failure, which only @OnError methods receive. Hint:"
            + " move it to a method annotated @OnError(\"page\")",
        "Failure failure");
  }

  @Test
  void onErrorParameterUnsupported() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public void page(Response page) {}

              @OnError("page")
              public void failed(
                  Response response) {}
            }
            """);
    assertOnlyError(
        src,
        Message.ON_ERROR_PARAMETER_UNSUPPORTED,
        "parameter response of @OnError method failed() has type io.streamspider.runtime.Response",
        "Response response");
  }

  @Test
  void returnUnsupported() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public int page(Response page) {
                return 1;
              }
            }
            """);
    assertOnlyError(
        src,
        Message.RETURN_UNSUPPORTED,
        "page() returns int, a primitive value, which is not an item",
        "public int page");
  }

  @Test
  void returnOfStringsFutureOrIteratorIsUnsupported() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("a")
              public List<String> a(Response page) { return null; }

              @Parse("b")
              public java.util.concurrent.CompletableFuture<Object> b(Response page) { return null; }

              @Parse("c")
              public Iterator<Object> c(Response page) { return null; }

              @Parse("d")
              public Optional<Integer> d(Response page) { return null; }
            }
            """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(4);
    assertThat(c)
        .hadErrorContaining("a() returns java.util.List<java.lang.String>, a plain value")
        .inFile(src)
        .onLineContaining("List<String> a(");
    assertThat(c)
        .hadErrorContaining("which the runtime does not wait for")
        .inFile(src)
        .onLineContaining("CompletableFuture<Object> b(");
    assertThat(c)
        .hadErrorContaining("which the runtime does not read")
        .inFile(src)
        .onLineContaining("Iterator<Object> c(");
    assertThat(c)
        .hadErrorContaining("d() returns java.util.Optional<java.lang.Integer>, a plain")
        .inFile(src)
        .onLineContaining("Optional<Integer> d(");
  }

  @Test
  void everyReturnTypeTheRuntimeFlattensIsAccepted() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              public record Item(String name) {}

              @Parse("a")
              public Object a(Response page) { return null; }

              @Parse("b")
              public Request b(Response page) { return null; }

              @Parse("c")
              public Item c(Response page) { return null; }

              @Parse("d")
              public Map<String, Object> d(Response page) { return null; }

              @Parse("e")
              public Iterable<?> e(Response page) { return null; }

              @Parse("f")
              public Stream<Item> f(Response page) { return null; }

              @Parse("g")
              public Object[] g(Response page) { return null; }

              @Parse("h")
              public Optional<Request> h(Response page) { return null; }

              @Parse("i")
              public List<List<Object>> i(Response page) { return null; }

              @Parse("j")
              public Set<? extends Item> j(Response page) { return null; }
            }
            """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void itemComponentWithoutSelector() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              public record Book(
                  @Selector(css = "h1::text") String title,
                  String price) {}

              @Parse("book")
              public Book book(Book book) {
                return book;
              }
            }
            """);
    assertOnlyError(
        src,
        Message.ITEM_COMPONENT_WITHOUT_SELECTOR,
        "component price of item Book has no @Selector",
        "String price");
  }

  @Test
  void itemNotConstructible() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              public static class Book {
                @Selector(css = "h1::text") public String title;

                private Book() {}
              }

              @Parse("book")
              public Book book(
                  Book book) {
                return book;
              }
            }
            """);
    assertOnlyError(
        src,
        Message.ITEM_NOT_CONSTRUCTIBLE,
        "item test.S.Book cannot be created by the generated code: it has no accessible"
            + " no-argument constructor",
        "Book book)");
  }

  @Test
  void itemFieldNotWritable() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              public static class Book {
                @Selector(css = "h1::text")
                private String title;
              }

              @Parse("book")
              public Book book(Book book) {
                return book;
              }
            }
            """);
    assertOnlyError(
        src,
        Message.ITEM_FIELD_NOT_WRITABLE,
        "@Selector field title of item Book is private",
        "@Selector(css = \"h1::text\")");
  }

  @Test
  void noUsableConstructor() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              private S() {}

              public S(String name) {}
            }
            """);
    assertOnlyError(
        src,
        Message.NO_USABLE_CONSTRUCTOR,
        "S has no constructor the runtime can call: every constructor is private or takes"
            + " parameters other than SpiderArguments",
        "@Spider(name = \"s\")");
  }

  @Test
  void abstractSpiderHasNoUsableConstructor() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public abstract class S {}
            """);
    assertOnlyError(
        src,
        Message.NO_USABLE_CONSTRUCTOR,
        "S has no constructor the runtime can call: it is abstract",
        "@Spider(name = \"s\")");
  }

  @Test
  void spiderArgFieldInvalid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @SpiderArg
              private String category;
            }
            """);
    assertOnlyError(
        src,
        Message.SPIDER_ARG_FIELD_INVALID,
        "@SpiderArg field category is private",
        "@SpiderArg");
  }

  @Test
  void spiderArgTypeUnsupported() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @SpiderArg
              java.time.LocalDate day;
            }
            """);
    assertOnlyError(
        src,
        Message.SPIDER_ARG_TYPE_UNSUPPORTED,
        "@SpiderArg field day has type java.time.LocalDate",
        "@SpiderArg");
  }

  @Test
  void spiderArgDuplicate() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @SpiderArg("page") int first;

              @SpiderArg(value = "page") int second;
            }
            """);
    assertOnlyError(
        src,
        Message.SPIDER_ARG_DUPLICATE,
        "spider argument \"page\" already fills field first",
        "value = \"page\"");
  }

  @Test
  void typeUnresolved() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {
              @Parse("page")
              public void page(Missing missing) {}
            }
            """);
    Compilation c = compile(src);
    assertThat(c).failed();
    // javac says "cannot find symbol"; the processor says which spider it could not process
    assertThat(c)
        .hadErrorContaining(
            "[TypeUnresolved] test.S could not be processed because type Missing could not be"
                + " resolved")
        .inFile(src)
        .onLineContaining("public class S");
    assertThat(c).hadErrorContaining("cannot find symbol");
  }

  @Test
  void internalError() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s")
            public class S {}
            """);
    // a Filer that fails as no real one should: the processor reports, javac does not crash
    Compilation c =
        Sources.compile(
            FilerSwap.wrap(
                new StreamSpiderProcessor(),
                filer -> new FilerSwap.Failing(filer, new IllegalStateException("disk on fire"))),
            src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[InternalError] the StreamSpider processor failed on test.S:"
                + " java.lang.IllegalStateException: disk on fire")
        .inFile(src)
        .onLineContaining("public class S");
    assertThat(c).hadErrorContaining("please report it with this stack trace");
  }

  @Test
  void typeGeneratedByAnotherProcessorLaterIsWaitedFor() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "http://127.0.0.1/")
            public class S {
              @Parse
              public LaterItem parse(LaterItem item) {
                return item;
              }
            }
            """);
    Compilation c =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new StreamSpiderProcessor(), GeneratesSource.laterItem())
            .compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("test.S_StreamSpider")
        .contentsAsUtf8String()
        .contains("new LaterItem(");
  }

  @Test
  void everyErrorIsOnTheSpiderSourceAndNothingIsGeneratedForABrokenSpider() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "", startUrls = "nope")
            public class S {
              @Parse
              void parse(@Selector(css = "") String x) {}
            }
            """);
    FilerSwap.Recording[] filer = new FilerSwap.Recording[1];
    Compilation c =
        Sources.compile(
            FilerSwap.wrap(new StreamSpiderProcessor(), f -> filer[0] = new FilerSwap.Recording(f)),
            src);
    assertThat(c).failed();
    List<String> tags = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertTrue(d.getSource() != null && d.getSource().getName().endsWith("S.java"), d.toString());
      tags.add(d.getMessage(Locale.ROOT).substring(0, d.getMessage(Locale.ROOT).indexOf(']') + 1));
    }
    assertEquals(List.of("[SpiderNameEmpty]", "[StartUrlMalformed]", "[CallbackNotPublic]"), tags);
    assertEquals(List.of(), filer[0].created, "nothing generated for a broken spider");
  }

  @Test
  void contractWithoutParse() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              @Parse public void parse(Response r) {}
              @Contract(url = "https://example.com/a")
              public void helper(Response r) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_WITHOUT_PARSE,
        "@Contract on helper(), which is not a @Parse callback",
        "@Contract(url = \"https://example.com/a\")");
  }

  @Test
  void contractUrlMalformed() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              @Parse
              @Contract(
                  url = "/relative/page",
                  items = 1)
              public Map<String, Object> parse(Response r) { return Map.of(); }
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_URL_MALFORMED,
        "contract URL \"/relative/page\" is malformed",
        "url = \"/relative/page\"");
  }

  @Test
  void contractUrlMustBeFetchedOverHttp() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              @Parse
              @Contract(
                  url = "file:///tmp/page.html")
              public void parse(Response r) {}
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_URL_MALFORMED,
        "contract URL \"file:///tmp/page.html\" is malformed: a contract's page is fetched over"
            + " HTTP, so it must be an http(s) URL",
        "url = \"file:///tmp/page.html\"");
  }

  @Test
  void contractCountInvalid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              @Parse
              @Contract(
                  url = "https://example.com/",
                  requests = {5, 2})
              public List<Object> parse(Response r) { return List.of(); }
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_COUNT_INVALID,
        "@Contract requests = {5, 2} is not a count: the maximum is below the minimum",
        "requests = {5, 2}");
  }

  @Test
  void contractCountWithThreeValuesOrNegativeIsInvalid() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              @Parse
              @Contract(url = "https://example.com/",
                  items = {1, 2, 3},
                  requests = -1)
              public List<Object> parse(Response r) { return List.of(); }
            }
            """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining("items = {1, 2, 3} is not a count: it has 3 values")
        .inFile(src)
        .onLineContaining("items = {1, 2, 3}");
    assertThat(c)
        .hadErrorContaining("requests = {-1} is not a count: the minimum is negative")
        .inFile(src)
        .onLineContaining("requests = -1");
  }

  @Test
  void contractScrapesEmpty() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              @Parse
              @Contract(url = "https://example.com/",
                  scrapes = {"title", ""})
              public Map<String, Object> parse(Response r) { return Map.of(); }
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_SCRAPES_EMPTY,
        "@Contract scrapes an empty field name",
        "scrapes = {\"title\", \"\"}");
  }

  @Test
  void contractFieldUnknown() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              public record Book(@Selector(css = "h1::text") String title) {}
              @Parse
              @Contract(url = "https://example.com/1", items = {1, 1},
                  scrapes = {"title", "price"})
              public Book parse(Book book) { return book; }
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_FIELD_UNKNOWN,
        "@Contract scrapes \"price\", but Book has no such field (it has title)",
        "scrapes = {\"title\", \"price\"}");
  }

  @Test
  void contractFieldsOfAFinalClassAreItsPublicFieldsAndGetters() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              public static final class Item {
                public String title;
                public String getURL() { return ""; }
                public boolean isInStock() { return true; }
              }
              @Parse
              @Contract(url = "https://example.com/1", scrapes = {"title", "url", "inStock"})
              @Contract(url = "https://example.com/2",
                  scrapes = "price")
              public List<Item> parse(Response r) { return List.of(); }
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_FIELD_UNKNOWN,
        "@Contract scrapes \"price\", but Item has no such field (it has title, url, inStock)",
        // javac cannot place a diagnostic inside a repeated annotation's synthesized container:
        // it points at the method
        "public List<Item> parse(Response r)");
  }

  @Test
  void contractOnMapsOrOpenTypesChecksNoFieldNames() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              public static class Open { public String title; }
              @Parse
              @Contract(url = "https://example.com/", items = 1, scrapes = "anything")
              public Stream<Object> parse(Response r) { return Stream.empty(); }
              @Parse("open")
              @Contract(url = "https://example.com/o", scrapes = "whatever")
              public Optional<Open> open(Response r) { return Optional.empty(); }
              @Parse("map")
              @Contract(url = "https://example.com/m", items = {1, 1}, scrapes = "x")
              public Map<String, Object> map(Response r) { return Map.of(); }
            }
            """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void contractUnsatisfiable() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              @Parse
              @Contract(url = "https://example.com/",
                  items = 1)
              public Request parse(Response r) { return Request.to("parse", r.url()); }
            }
            """);
    assertOnlyError(
        src,
        Message.CONTRACT_UNSATISFIABLE,
        "@Contract expects at least 1 item(s), but parse() returns io.streamspider.runtime"
            + ".Request, which holds no items",
        "items = 1");
  }

  @Test
  void contractAskingRequestsOfAnItemOnlyCallbackIsUnsatisfiable() {
    JavaFileObject src =
        source(
            "S",
            """
            @Spider(name = "s", startUrls = "https://example.com/")
            public class S {
              public record Book(@Selector(css = "h1::text") String title) {}
              @Parse
              @Contract(url = "https://example.com/",
                  requests = {1, 3})
              public void parse(Book book) {}
            }
            """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[ContractUnsatisfiable] @Contract expects at least 1 request(s), but parse() returns"
                + " void, which holds no Request")
        .inFile(src)
        .onLineContaining("requests = {1, 3}");
  }
}
