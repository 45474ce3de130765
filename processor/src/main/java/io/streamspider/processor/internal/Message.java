package io.streamspider.processor.internal;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports: what is wrong and how to fix it. Each is printed as
 * {@code [Tag] text. Hint: hint}, on the element or annotation value that caused it.
 */
public enum Message {
  SPIDER_NOT_TOP_LEVEL_CLASS(
      "@Spider must be on a top-level class, but %s is %s",
      "move @Spider to a top-level class; its dispatch table is generated next to it, in the same"
          + " package"),
  SPIDER_GENERIC(
      "@Spider class %s has type parameters",
      "remove them: the runtime creates the spider, so nothing could choose the type arguments"),
  SPIDER_NAME_EMPTY(
      "@Spider name is empty",
      "give the name the crawl is started with, e.g. @Spider(name = \"books\")"),
  SPIDER_NAME_DUPLICATE(
      "spider name \"%s\" is already used by %s",
      "give each spider its own name: the runtime picks the spider to run by name"),
  START_URL_MALFORMED(
      "start URL \"%s\" is malformed: %s",
      "start URLs are absolute http(s), file, ftp, s3 or data URLs, e.g."
          + " \"https://example.com/page\"; percent-encode spaces and other special characters"),
  NO_START_CALLBACK(
      "%s has start URLs but no callback with id \"parse\"",
      "responses to start URLs arrive with id \"parse\": annotate the method that handles them"
          + " with @Parse"),
  DUPLICATE_NAME(
      "%s \"%s\" is given twice",
      "give each name once; for a form field with several values repeat it in formData, which"
          + " sends a list"),
  CALLBACK_ID_EMPTY(
      "@Parse id is empty",
      "leave it out for the start callback (\"parse\") or give a name, e.g. @Parse(\"book\")"),
  CALLBACK_ID_DUPLICATE(
      "callback id \"%s\" is already used by %s()",
      "give each @Parse method its own id; requests name their callback by id"),
  CALLBACK_NOT_PUBLIC(
      "%s() must be public to be a %s method",
      "make it public: the generated dispatch table calls it directly, without reflection"),
  CALLBACK_STATIC(
      "%s() must not be static to be a %s method",
      "remove static: callbacks run on the spider instance the runtime created"),
  OUTSIDE_SPIDER(
      "@%s on %s, which is in %s, a class without @Spider",
      "annotate the class with @Spider, or move it into the spider class (only the spider"
          + " class's own methods and fields are read, not inherited ones)"),
  PARSE_AND_ON_ERROR(
      "%s() has both @Parse and @OnError",
      "use two methods: a @Parse method for responses and an @OnError method for failures"),
  FORM_WITHOUT_PARSE(
      "@FormRequest on %s(), which is not a @Parse callback",
      "add @Parse: @FormRequest says how requests to a callback are sent"),
  ON_ERROR_UNKNOWN_ID(
      "@OnError(\"%s\") names no callback of this spider",
      "use the id of a @Parse method of this spider (%s)"),
  ON_ERROR_DUPLICATE(
      "callback \"%s\" already has the error handler %s()",
      "keep one @OnError method per callback id"),
  SELECTOR_BOTH(
      "@Selector sets both css and xpath",
      "set exactly one of them: each field is extracted by one selector"),
  SELECTOR_NEITHER(
      "@Selector sets neither css nor xpath",
      "set one, e.g. @Selector(css = \"h1::text\") or @Selector(xpath = \"//h1/text()\")"),
  CSS_INVALID(
      "CSS selector \"%s\" is not valid for parsel: %s",
      "the host evaluates CSS with parsel (cssselect): CSS 3 selectors plus ::text and"
          + " ::attr(name) at the end, e.g. \"h1::text\" or \"a.next::attr(href)\""),
  XPATH_INVALID(
      "XPath \"%s\" is not valid for parsel: %s",
      "the host evaluates XPath 1.0 with lxml: the XPath 1.0 functions, has-class() and the"
          + " EXSLT re: and set: functions, e.g. \"//a[re:test(@href, '\\.pdf$')]/@href\""),
  FORM_AND_SELECTOR(
      "%s() has both @FormRequest and @Selector parameters",
      "a request is one protocol message, from_response_request or selector_request: submit"
          + " the form in this callback and extract fields in a second one it requests"),
  FORM_SEVERAL_LOCATORS(
      "@FormRequest sets %s",
      "set at most one of formName, formXpath, formCss and formNumber (none: the first form)"),
  FORM_NUMBER_NEGATIVE(
      "formNumber %s is negative",
      "forms are numbered from 0; leave formNumber out (-1) to use the first form"),
  PARAMETER_UNSUPPORTED(
      "parameter %s of %s() has type %s, which a callback cannot be given",
      "a callback takes Response, byte[] (the body), @Selector parameters, or an item record or"
          + " class whose components carry @Selector"),
  SELECTOR_TYPE_UNSUPPORTED(
      "@Selector %s has type %s",
      "use List<String> (every value), String (the first or null), Optional<String>, int, long,"
          + " double, boolean, their boxes, or BigDecimal (converted from the first value)"),
  BODY_ON_SELECTOR_CALLBACK(
      "byte[] parameter %s of %s() needs the body in base64, which selector_request cannot ask"
          + " for",
      "take Response and use its text, or fetch the bytes in a callback without @Selector"),
  FAILURE_OUTSIDE_ON_ERROR(
      "parameter %s of %s() is a Failure, which only @OnError methods receive",
      "move it to a method annotated @OnError(\"%s\")"),
  ON_ERROR_PARAMETER_UNSUPPORTED(
      "parameter %s of @OnError method %s() has type %s",
      "an @OnError method takes one io.streamspider.runtime.Failure parameter, or none"),
  RETURN_UNSUPPORTED(
      "%s() returns %s, %s",
      "return void, an item (record, class or Map), a Request, or an Iterable, Stream, array"
          + " or Optional of items and Requests"),
  ITEM_COMPONENT_WITHOUT_SELECTOR(
      "component %s of item %s has no @Selector",
      "every component of a record used as a callback parameter is extracted by a selector:"
          + " annotate it with @Selector"),
  ITEM_NOT_CONSTRUCTIBLE(
      "item %s cannot be created by the generated code: %s",
      "give it a public no-argument constructor (for a record: make it accessible), and make"
          + " it public or put it in the spider's package"),
  ITEM_FIELD_NOT_WRITABLE(
      "@Selector field %s of item %s is %s",
      "make it non-final and public (or package-private in the spider's package): the"
          + " generated code assigns it"),
  NO_USABLE_CONSTRUCTOR(
      "%s has no constructor the runtime can call: %s",
      "add a public no-argument constructor, or one taking io.streamspider.runtime"
          + ".SpiderArguments"),
  SPIDER_ARG_FIELD_INVALID(
      "@SpiderArg field %s is %s",
      "make it a non-private, non-final instance field: the generated code assigns it"),
  SPIDER_ARG_TYPE_UNSUPPORTED(
      "@SpiderArg field %s has type %s",
      "use String, int, long, double, boolean or their boxes; convert other types in the"
          + " spider"),
  SPIDER_ARG_DUPLICATE(
      "spider argument \"%s\" already fills field %s",
      "give each @SpiderArg its own argument name"),
  CONTRACT_WITHOUT_PARSE(
      "@Contract on %s(), which is not a @Parse callback",
      "add @Parse, or remove the contract: a contract states what a callback produces on a page"),
  CONTRACT_URL_MALFORMED(
      "contract URL \"%s\" is malformed: %s",
      "give the absolute http(s) URL of a page the callback handles, e.g."
          + " \"https://example.com/item/1\""),
  CONTRACT_COUNT_INVALID(
      "@Contract %s = %s is not a count: %s",
      "give {} (not checked), {min} (at least min) or {min, max} with 0 <= min <= max, as"
          + " Scrapy's @returns items 1 10"),
  CONTRACT_SCRAPES_EMPTY(
      "@Contract scrapes an empty field name",
      "name the fields every item must have, e.g. scrapes = {\"title\", \"price\"}"),
  CONTRACT_FIELD_UNKNOWN(
      "@Contract scrapes \"%s\", but %s has no such field (it has %s)",
      "name a field of the item the callback returns; item fields are a record's components,"
          + " or a class's public fields and getters"),
  CONTRACT_UNSATISFIABLE(
      "@Contract expects %s, but %s() returns %s, which %s",
      "lower the count or change what the callback returns"),
  TYPE_UNRESOLVED(
      "%s could not be processed because type %s could not be resolved",
      "check the imports; if another annotation processor generates the type, make sure it"
          + " runs in the same compilation"),
  INTERNAL_ERROR(
      "the StreamSpider processor failed on %s: %s",
      "this is a bug in the processor; please report it with this stack trace: %s");

  private final String format;
  private final String hint;

  Message(String format, String hint) {
    this.format = format;
    this.hint = hint;
  }

  public Diagnostic.Kind kind() {
    return Diagnostic.Kind.ERROR;
  }

  /** The tag printed before the text, e.g. {@code [CssInvalid]}. */
  public String tag() {
    StringBuilder b = new StringBuilder();
    for (String word : name().split("_")) {
      b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  /** The full text. Arguments fill the message's placeholders first, then the hint's. */
  public String format(Object... args) {
    int inText = count(format);
    Object[] textArgs = java.util.Arrays.copyOfRange(args, 0, Math.min(inText, args.length));
    Object[] hintArgs =
        args.length > inText
            ? java.util.Arrays.copyOfRange(args, inText, args.length)
            : new Object[0];
    return "["
        + tag()
        + "] "
        + String.format(Locale.ROOT, format, textArgs)
        + ". Hint: "
        + String.format(Locale.ROOT, hint, hintArgs)
        + ".";
  }

  private static int count(String format) {
    int n = 0;
    for (int i = format.indexOf("%s"); i >= 0; i = format.indexOf("%s", i + 2)) {
      n++;
    }
    return n;
  }
}
