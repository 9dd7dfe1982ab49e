package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

/** Text escaped for markup written in Java: what Thymeleaf's {@code th:text} writes, with or without markup. */
class HtmlTest {

  @Test
  void escapesEveryCharacterAsThymeleafDoes() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x300; c++) {
      all.append(c);
      String one = String.valueOf(c);
      assertThat(Html.escape(one)).as("U+%04X", (int) c).isEqualTo(HtmlEscape.escapeHtml4Xml(one));
      String plain = "Demo · " + c + " ✓ ○ 😀";
      assertThat(Html.escape(plain)).as("in text, U+%04X", (int) c).isEqualTo(HtmlEscape.escapeHtml4Xml(plain));
    }
    assertThat(Html.escape(all.toString())).isEqualTo(HtmlEscape.escapeHtml4Xml(all.toString()));
    assertThat(Html.escape("Set each listing's URL <b>&</b> \"now\"")).isEqualTo(
        "Set each listing&#39;s URL &lt;b&gt;&amp;&lt;/b&gt; &quot;now&quot;");
  }

  @Test
  void textWithoutMarkupIsTheSameString() {
    String plain = "OfferDesk Demo Analytics · 24 orders ✓";
    assertThat(Html.escape(plain)).isSameAs(plain);
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.text(null)).isEmpty();
    assertThat(Html.text(12)).isEqualTo("12");
  }
}
