package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.element;
import static io.streamspider.processor.internal.Diagnostics.mirror;
import static io.streamspider.processor.internal.Diagnostics.value;

import io.streamspider.annotations.Contract;
import io.streamspider.annotations.Contracts;
import io.streamspider.runtime.generated.ContractSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads and checks a callback's {@code @Contract}s: URLs, counts, and, where the callback's return
 * type says which items it produces, that every {@code scrapes} field exists and every count can be
 * met.
 */
final class ContractReader {
  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;

  ContractReader(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
  }

  /** Reports every {@code @Contract} of {@code method}, which is not a {@code @Parse} method. */
  static void reportOutsideParse(Diagnostics diagnostics, ExecutableElement method) {
    for (AnnotationMirror m : contractMirrors(method)) {
      diagnostics.report(Message.CONTRACT_WITHOUT_PARSE, method, m, method.getSimpleName());
    }
  }

  /** The contracts of callback {@code method}, or an empty list after reporting its errors. */
  List<ContractSpec> read(ExecutableElement method) {
    Contract[] contracts = method.getAnnotationsByType(Contract.class);
    List<AnnotationMirror> mirrors = contractMirrors(method);
    if (contracts.length == 0 || contracts.length != mirrors.size()) {
      return List.of();
    }
    Produced produced = produced(method.getReturnType());
    List<ContractSpec> out = new ArrayList<>();
    for (int i = 0; i < contracts.length; i++) {
      ContractSpec spec = read(method, contracts[i], mirrors.get(i), produced);
      if (spec != null) {
        out.add(spec);
      }
    }
    return out;
  }

  private ContractSpec read(
      ExecutableElement method, Contract c, AnnotationMirror m, Produced produced) {
    int errorsBefore = diagnostics.errors();
    String problem = SpiderValidator.urlProblem(c.url());
    if (problem == null && !c.url().startsWith("http://") && !c.url().startsWith("https://")) {
      problem = "a contract's page is fetched over HTTP, so it must be an http(s) URL";
    }
    if (problem != null) {
      diagnostics.report(
          Message.CONTRACT_URL_MALFORMED, method, m, value(m, "url"), c.url(), problem);
    }
    int[] items = bounds(method, m, "items", c.items());
    int[] requests = bounds(method, m, "requests", c.requests());
    String[] scrapes = c.scrapes();
    for (int i = 0; i < scrapes.length; i++) {
      AnnotationValue at = element(value(m, "scrapes"), i);
      if (scrapes[i].isBlank()) {
        diagnostics.report(Message.CONTRACT_SCRAPES_EMPTY, method, m, at);
      } else if (produced.fields != null && !produced.fields.contains(scrapes[i])) {
        diagnostics.report(
            Message.CONTRACT_FIELD_UNKNOWN,
            method,
            m,
            at,
            scrapes[i],
            produced.itemNames,
            produced.fields.isEmpty() ? "none" : String.join(", ", produced.fields));
      }
    }
    TypeMirror returns = method.getReturnType();
    if (items != null && items[0] > 0 && !produced.items) {
      diagnostics.report(
          Message.CONTRACT_UNSATISFIABLE,
          method,
          m,
          value(m, "items"),
          "at least " + items[0] + " item(s)",
          method.getSimpleName(),
          returns,
          "holds no items");
    }
    if (scrapes.length > 0 && !produced.items) {
      diagnostics.report(
          Message.CONTRACT_UNSATISFIABLE,
          method,
          m,
          value(m, "scrapes"),
          "items with fields " + String.join(", ", scrapes),
          method.getSimpleName(),
          returns,
          "holds no items");
    }
    if (requests != null && requests[0] > 0 && !produced.requests) {
      diagnostics.report(
          Message.CONTRACT_UNSATISFIABLE,
          method,
          m,
          value(m, "requests"),
          "at least " + requests[0] + " request(s)",
          method.getSimpleName(),
          returns,
          "holds no Request");
    }
    if (diagnostics.errors() != errorsBefore) {
      return null;
    }
    ContractSpec spec = ContractSpec.url(c.url()).scrapes(scrapes);
    if (items != null) {
      spec = spec.items(items[0], items[1]);
    }
    if (requests != null) {
      spec = spec.requests(requests[0], requests[1]);
    }
    return spec;
  }

  /** {@code {min, max}} of a count, null when unchecked or invalid (reported). */
  private int[] bounds(ExecutableElement method, AnnotationMirror m, String name, int[] v) {
    String problem =
        v.length > 2
            ? "it has " + v.length + " values"
            : v.length > 0 && v[0] < 0
                ? "the minimum is negative"
                : v.length == 2 && v[1] < v[0] ? "the maximum is below the minimum" : null;
    if (problem != null) {
      diagnostics.report(
          Message.CONTRACT_COUNT_INVALID,
          method,
          m,
          value(m, name),
          name,
          java.util.Arrays.toString(v).replace('[', '{').replace(']', '}'),
          problem);
      return null;
    }
    return switch (v.length) {
      case 0 -> null;
      case 1 -> new int[] {v[0], ContractSpec.UNBOUNDED};
      default -> v;
    };
  }

  /** The {@code @Contract} mirrors of {@code e}, written alone or through {@code @Contracts}. */
  private static List<AnnotationMirror> contractMirrors(Element e) {
    List<AnnotationMirror> out = new ArrayList<>();
    AnnotationMirror single = mirror(e, Contract.class);
    if (single != null) {
      out.add(single);
    }
    AnnotationMirror container = mirror(e, Contracts.class);
    AnnotationValue list = value(container, "value");
    if (list != null && list.getValue() instanceof List<?> values) {
      for (Object v : values) {
        out.add((AnnotationMirror) ((AnnotationValue) v).getValue());
      }
    }
    return out;
  }

  /**
   * What a callback returning some type can produce.
   *
   * @param fields the fields every item it can return has in common, or null when unknown (a Map,
   *     Object, an interface, a class open to subclasses, Jackson-annotated types)
   */
  private record Produced(boolean items, boolean requests, Set<String> fields, String itemNames) {}

  private Produced produced(TypeMirror type) {
    List<TypeMirror> leaves = new ArrayList<>();
    leaves(type, leaves, 0);
    boolean items = false;
    boolean requests = false;
    boolean unknown = false;
    Set<String> fields = null;
    List<String> names = new ArrayList<>();
    TypeElement request = elements.getTypeElement("io.streamspider.runtime.Request");
    for (TypeMirror leaf : leaves) {
      if (leaf == null) {
        items = requests = unknown = true;
        continue;
      }
      TypeElement e = (TypeElement) types.asElement(leaf);
      if (request != null && types.isSameType(types.erasure(leaf), request.asType())) {
        requests = true;
        continue;
      }
      items = true;
      Set<String> known = fieldsOf(e);
      if (known == null) {
        unknown = true;
        requests |= request == null || types.isAssignable(request.asType(), types.erasure(leaf));
        continue;
      }
      names.add(e.getSimpleName().toString());
      if (fields == null) {
        fields = known;
      } else {
        fields.retainAll(known);
      }
    }
    return new Produced(items, requests, unknown ? null : fields, String.join(" and ", names));
  }

  /** The types a callback's return type can hold (null: anything), walking containers. */
  private void leaves(TypeMirror type, List<TypeMirror> out, int depth) {
    if (depth > 8) {
      out.add(null);
      return;
    }
    switch (type.getKind()) {
      case VOID -> {}
      case ARRAY -> leaves(((ArrayType) type).getComponentType(), out, depth + 1);
      case TYPEVAR -> leaves(((TypeVariable) type).getUpperBound(), out, depth + 1);
      case WILDCARD -> {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        if (bound == null) {
          out.add(null);
        } else {
          leaves(bound, out, depth + 1);
        }
      }
      case DECLARED -> {
        if (isContainer(type)) {
          List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
          if (args.size() == 1) {
            leaves(args.get(0), out, depth + 1);
          } else {
            out.add(null);
          }
        } else {
          out.add(type);
        }
      }
      default -> out.add(null);
    }
  }

  private boolean isContainer(TypeMirror type) {
    for (String name :
        List.of("java.lang.Iterable", "java.util.stream.BaseStream", "java.util.Optional")) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null && types.isSubtype(types.erasure(type), types.erasure(t.asType()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The JSON field names of an item type as Jackson writes them by default, or null when they
   * cannot be known from the type alone.
   */
  private Set<String> fieldsOf(TypeElement e) {
    boolean closed =
        e.getKind() == ElementKind.RECORD
            || (e.getKind() == ElementKind.CLASS && e.getModifiers().contains(Modifier.FINAL));
    if (!closed || hasJacksonAnnotation(e)) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    if (e.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement c : e.getRecordComponents()) {
        out.add(c.getSimpleName().toString());
      }
      return out;
    }
    for (TypeElement t = e; t != null; t = superclass(t)) {
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (f.getModifiers().contains(Modifier.PUBLIC)
            && !f.getModifiers().contains(Modifier.STATIC)) {
          out.add(f.getSimpleName().toString());
        }
      }
      for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
        String property = getterProperty(m);
        if (property != null) {
          out.add(property);
        }
      }
    }
    return out;
  }

  private TypeElement superclass(TypeElement t) {
    TypeMirror s = t.getSuperclass();
    if (s.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement e = (TypeElement) types.asElement(s);
    return e.getQualifiedName().contentEquals("java.lang.Object") ? null : e;
  }

  private static String getterProperty(ExecutableElement m) {
    if (!m.getModifiers().contains(Modifier.PUBLIC)
        || m.getModifiers().contains(Modifier.STATIC)
        || !m.getParameters().isEmpty()
        || m.getReturnType().getKind() == TypeKind.VOID) {
      return null;
    }
    String name = m.getSimpleName().toString();
    if (name.startsWith("get") && name.length() > 3 && !name.equals("getClass")) {
      return jacksonName(name.substring(3));
    }
    if (name.startsWith("is")
        && name.length() > 2
        && m.getReturnType().getKind() == TypeKind.BOOLEAN) {
      return jacksonName(name.substring(2));
    }
    return null;
  }

  /** Jackson's default property name: the leading upper-case letters lower-cased (getURL: url). */
  private static String jacksonName(String rest) {
    StringBuilder b = new StringBuilder(rest);
    for (int i = 0; i < b.length() && Character.isUpperCase(b.charAt(i)); i++) {
      b.setCharAt(i, Character.toLowerCase(b.charAt(i)));
    }
    return b.toString();
  }

  private static boolean hasJacksonAnnotation(TypeElement e) {
    if (jackson(e)) {
      return true;
    }
    for (Element member : e.getEnclosedElements()) {
      if (jackson(member)) {
        return true;
      }
    }
    return false;
  }

  private static boolean jackson(Element e) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      String name = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.startsWith("com.fasterxml.jackson.")) {
        return true;
      }
    }
    return false;
  }
}
