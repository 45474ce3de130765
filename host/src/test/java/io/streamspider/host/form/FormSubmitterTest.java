package io.streamspider.host.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.runtime.generated.FormSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * FormSubmitter's API; the requests themselves are checked against Scrapy by FormConformanceTest.
 */
class FormSubmitterTest {
  private static final String PAGE =
      "<form action=/go method=post><input name=a value=1><input type=submit name=s"
          + " value=x></form>";

  @Test
  void nullSpecMeansScrapysDefaults() {
    assertEquals(
        FormSubmitter.fromResponse(PAGE, "http://h/", FormSpec.DEFAULT),
        FormSubmitter.fromResponse(PAGE, "http://h/", null));
  }

  @Test
  void threeArgumentFormIsUtf8() {
    FormSpec spec = FormSpec.DEFAULT.withFormdata(java.util.Map.of("q", "é"));
    assertEquals(
        FormSubmitter.fromResponse(PAGE, "http://h/", spec, StandardCharsets.UTF_8),
        FormSubmitter.fromResponse(PAGE, "http://h/", spec));
  }

  @Test
  void failuresAreFormExceptionsWithScrapysTextAndAreIllegalArguments() {
    FormException e =
        assertThrows(
            FormException.class,
            () -> FormSubmitter.fromResponse("<p>no form</p>", "http://h/p", null));
    assertInstanceOf(IllegalArgumentException.class, e);
    assertTrue(
        e.getMessage().startsWith("No <form> element found in ")
            && e.getMessage().contains("http://h/p"),
        e.getMessage());
  }

  @Test
  void requiresHtmlAndUrl() {
    assertEquals(
        "html == null",
        assertThrows(
                NullPointerException.class,
                () -> FormSubmitter.fromResponse(null, "http://h/", null))
            .getMessage());
    assertEquals(
        "pageUrl == null",
        assertThrows(NullPointerException.class, () -> FormSubmitter.fromResponse(PAGE, null, null))
            .getMessage());
  }
}
