package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.element;
import static io.streamspider.processor.internal.Diagnostics.mirror;
import static io.streamspider.processor.internal.Diagnostics.value;

import io.streamspider.annotations.Setting;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.SpiderArguments;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks the {@code @Spider} class itself: where the annotation is, its name, start URLs and
 * settings, and how the generated code can create the spider.
 */
final class SpiderValidator {
  private final TypeSupport typeSupport;
  private final Diagnostics diagnostics;

  SpiderValidator(TypeSupport typeSupport, Diagnostics diagnostics) {
    this.typeSupport = typeSupport;
    this.diagnostics = diagnostics;
  }

  /** Whether {@code @Spider} may be on {@code type}; reports why not. */
  boolean checkKind(TypeElement type) {
    if (type.getKind() == ElementKind.CLASS && type.getNestingKind() == NestingKind.TOP_LEVEL) {
      return true;
    }
    String what;
    if (type.getNestingKind() != NestingKind.TOP_LEVEL) {
      what = "nested in " + type.getEnclosingElement().getSimpleName();
    } else {
      what =
          switch (type.getKind()) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case RECORD -> "a record";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + type.getKind().toString().toLowerCase(Locale.ROOT);
          };
    }
    diagnostics.report(
        Message.SPIDER_NOT_TOP_LEVEL_CLASS,
        type,
        mirror(type, Spider.class),
        type.getSimpleName(),
        what);
    return false;
  }

  /** Reports a generic spider, an empty name, bad start URLs and settings named twice. */
  void checkDeclaration(TypeElement type, Spider spider, AnnotationMirror spiderMirror) {
    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.report(Message.SPIDER_GENERIC, type, spiderMirror, type.getSimpleName());
    }
    if (spider.name().isBlank()) {
      diagnostics.report(
          Message.SPIDER_NAME_EMPTY, type, spiderMirror, value(spiderMirror, "name"));
    }
    String[] startUrls = spider.startUrls();
    for (int i = 0; i < startUrls.length; i++) {
      String problem = urlProblem(startUrls[i]);
      if (problem != null) {
        diagnostics.report(
            Message.START_URL_MALFORMED,
            type,
            spiderMirror,
            element(value(spiderMirror, "startUrls"), i),
            startUrls[i],
            problem);
      }
    }
    Set<String> settingNames = new HashSet<>();
    Setting[] customSettings = spider.customSettings();
    for (int i = 0; i < customSettings.length; i++) {
      Setting s = customSettings[i];
      if (!settingNames.add(s.name())) {
        diagnostics.report(
            Message.DUPLICATE_NAME,
            type,
            spiderMirror,
            element(value(spiderMirror, "customSettings"), i),
            "setting",
            s.name());
      }
    }
  }

  /** Reports a spider the generated code cannot create. */
  void checkConstructor(TypeElement type, AnnotationMirror spiderMirror) {
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.report(
          Message.NO_USABLE_CONSTRUCTOR,
          type,
          spiderMirror,
          type.getSimpleName(),
          "it is abstract");
      return;
    }
    if (!hasConstructor(type, false) && !hasConstructor(type, true)) {
      diagnostics.report(
          Message.NO_USABLE_CONSTRUCTOR,
          type,
          spiderMirror,
          type.getSimpleName(),
          "every constructor is private or takes parameters other than SpiderArguments");
    }
  }

  /**
   * Whether the spider has a non-private constructor taking its {@code SpiderArguments} (or, with
   * {@code withArguments} false, taking nothing).
   */
  boolean hasConstructor(TypeElement type, boolean withArguments) {
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      List<? extends VariableElement> params = c.getParameters();
      if (!withArguments && params.isEmpty()) {
        return true;
      }
      if (withArguments
          && params.size() == 1
          && typeSupport.is(params.get(0).asType(), SpiderArguments.class)) {
        return true;
      }
    }
    return false;
  }

  /** Reports start URLs without a {@code parse} callback to answer them. */
  void checkStartCallback(
      TypeElement type, AnnotationMirror spiderMirror, Spider spider, Set<String> callbackIds) {
    if (spider.startUrls().length > 0 && !callbackIds.contains("parse")) {
      diagnostics.report(
          Message.NO_START_CALLBACK,
          type,
          spiderMirror,
          value(spiderMirror, "startUrls"),
          type.getSimpleName());
    }
  }

  /** Why Scrapy could not fetch {@code url} as a start URL, or null. */
  static String urlProblem(String url) {
    if (url.isBlank()) {
      return "it is empty";
    }
    if (!url.equals(url.strip())) {
      return "it has leading or trailing whitespace";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return e.getReason() + " at index " + e.getIndex();
    }
    if (!uri.isAbsolute()) {
      return "it is relative (it has no scheme)";
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https", "ftp" -> {
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
          return "it has no host";
        }
        return null;
      }
      case "file", "s3", "data" -> {
        return null;
      }
      default -> {
        return "Scrapy does not download the scheme " + scheme + ":";
      }
    }
  }
}
