package io.streamspider.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Spider shapes beyond the goldens that must compile cleanly. */
class GeneratedCodeTest {
  @Test
  void spiderInTheUnnamedPackage() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "Loose",
            """
            import io.streamspider.annotations.*;
            import io.streamspider.runtime.*;

            @Spider(name = "loose", startUrls = "http://127.0.0.1/")
            public class Loose {
              @Parse
              public Request parse(Response page) {
                return Loose_Requests.parse(page.url()).dontFilter(true);
              }
            }
            """);
    Compilation c = Sources.compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT,
            "META-INF/services/io.streamspider.runtime.generated.SpiderDefinition")
        .contentsAsUtf8String()
        .isEqualTo("Loose_StreamSpider\n");
  }

  @Test
  void packagePrivateSpiderWithPackagePrivateItemAndBothConstructors() {
    JavaFileObject src =
        Sources.source(
            "Quiet",
            """
            @Spider(name = "quiet")
            class Quiet {
              final SpiderArguments arguments;

              Quiet() {
                this(null);
              }

              Quiet(SpiderArguments arguments) {
                this.arguments = arguments;
              }

              static class Row {
                @Selector(css = "td::text") List<String> cells;
                @Selector(xpath = "//td[1]/text()") Long first;
              }

              @Parse("row")
              public Row row(Row row) {
                return row;
              }
            }
            """);
    Compilation c = Sources.compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("test.Quiet_StreamSpider")
        .contentsAsUtf8String()
        .contains("return new Quiet(arguments);");
    assertThat(c)
        .generatedSourceFile("test.Quiet_StreamSpider")
        .contentsAsUtf8String()
        .contains("item.first = Bindings.longOrNull(response, \"quiet\", \"row.first\");");
  }
}
