package io.streamspider.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.ContractSpec;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named factories generated dispatch tables call: each name sets exactly what it says. */
class GeneratedFactoriesTest {

  @Test
  void plainCallbackDefaultsAndEachNamedOption() {
    Callback plain = Callback.plain("parse");
    assertEquals(Callback.Kind.PLAIN, plain.kind());
    assertFalse(plain.base64());
    assertFalse(plain.hasErrorHandler());
    assertNull(plain.form());
    assertTrue(plain.selectors().isEmpty());

    Callback base64 = plain.withBase64Body();
    assertTrue(base64.base64());
    assertFalse(base64.hasErrorHandler());
    Callback both = base64.withErrorHandler();
    assertTrue(both.base64());
    assertTrue(both.hasErrorHandler());
    assertFalse(plain.base64(), "callbacks are immutable");
  }

  @Test
  void optionsSurviveContractsAndContractsSurviveOptions() {
    ContractSpec contract = ContractSpec.url("http://127.0.0.1/").items(1, 1);
    Callback c = Callback.form("f", FormSpec.DEFAULT).withContracts(contract).withBase64Body();
    assertEquals(List.of(contract), c.contracts());
    assertTrue(c.base64());
    Callback d = Callback.plain("p").withErrorHandler().withContracts(contract);
    assertTrue(d.hasErrorHandler());
    assertEquals(List.of(contract), d.contracts());
  }

  @Test
  void selectorCallbackTakesNoBase64Body() {
    Callback s = Callback.selector("s", Map.of("t", SelectorSpec.css("title::text")));
    assertEquals(Callback.Kind.SELECTOR, s.kind());
    assertTrue(s.withErrorHandler().hasErrorHandler());
    IllegalStateException e = assertThrows(IllegalStateException.class, s::withBase64Body);
    assertTrue(e.getMessage().contains("selector callback s"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Callback.selector("s", Map.of()));
  }

  @Test
  void formBuilderSetsOnlyWhatItNames() {
    assertEquals(FormSpec.DEFAULT, FormSpec.builder().build());
    FormSpec spec =
        FormSpec.builder()
            .formname("n")
            .formxpath("//form")
            .formcss("form")
            .formnumber(2)
            .formdata(Map.of("q", "java"))
            .clickdata(Map.of("name", "go"))
            .dontClick(true)
            .build();
    assertEquals(
        new FormSpec("n", "//form", "form", 2, Map.of("q", "java"), Map.of("name", "go"), true),
        spec);
    FormSpec number = FormSpec.builder().formnumber(0).build();
    assertEquals(0, number.formnumber());
    assertNull(number.formname());
    assertNull(number.dontClick());
    assertSame(Boolean.FALSE, FormSpec.builder().dontClick(false).build().dontClick());
  }
}
