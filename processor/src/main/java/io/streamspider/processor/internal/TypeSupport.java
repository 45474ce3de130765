package io.streamspider.processor.internal;

import io.streamspider.processor.internal.SpiderModel.ValueType;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Questions about types that the reader and its validators share. */
final class TypeSupport {
  private final Elements elements;
  private final Types types;

  TypeSupport(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  Elements elements() {
    return elements;
  }

  Types types() {
    return types;
  }

  /** The binding of a {@code @Selector} value of this type, or null if there is none. */
  ValueType valueType(TypeMirror type) {
    switch (type.getKind()) {
      case INT:
        return ValueType.INT;
      case LONG:
        return ValueType.LONG;
      case DOUBLE:
        return ValueType.DOUBLE;
      case BOOLEAN:
        return ValueType.BOOLEAN;
      case DECLARED:
        break;
      default:
        return null;
    }
    DeclaredType declared = (DeclaredType) type;
    String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    if (name.equals("java.util.List") || name.equals("java.util.Optional")) {
      if (arguments.size() != 1 || !is(arguments.get(0), String.class)) {
        return null;
      }
      return name.equals("java.util.List") ? ValueType.LIST : ValueType.OPTIONAL;
    }
    return switch (name) {
      case "java.lang.String" -> ValueType.STRING;
      case "java.lang.Integer" -> ValueType.INTEGER;
      case "java.lang.Long" -> ValueType.LONG_BOXED;
      case "java.lang.Double" -> ValueType.DOUBLE_BOXED;
      case "java.lang.Boolean" -> ValueType.BOOLEAN_BOXED;
      case "java.math.BigDecimal" -> ValueType.BIG_DECIMAL;
      default -> null;
    };
  }

  /** The conversion of a {@code @SpiderArg} field of this type, or null if there is none. */
  ValueType argumentType(TypeMirror type) {
    ValueType t = valueType(type);
    return t == null || t == ValueType.LIST || t == ValueType.OPTIONAL || t == ValueType.BIG_DECIMAL
        ? null
        : t;
  }

  boolean is(TypeMirror type, Class<?> c) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals(c.getName());
  }

  static boolean isBytes(TypeMirror type) {
    return type.getKind() == TypeKind.ARRAY
        && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
  }

  boolean isSubtypeOfErasure(TypeMirror type, String qualifiedName) {
    TypeElement target = elements.getTypeElement(qualifiedName);
    return target != null && types.isSubtype(types.erasure(type), types.erasure(target.asType()));
  }

  static boolean accessible(Set<Modifier> modifiers, boolean samePackage) {
    return modifiers.contains(Modifier.PUBLIC)
        || (samePackage && !modifiers.contains(Modifier.PRIVATE));
  }

  static String packageOf(Element e) {
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }
}
