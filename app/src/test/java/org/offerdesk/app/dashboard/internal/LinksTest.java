package org.offerdesk.app.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboard's links are written as Spring's URI builder writes them (which they replaced for speed); braces
 * left out: the builder keeps a {@code {name}} as a URI template variable.
 */
class LinksTest {

  @Test
  void a_link_is_what_the_uri_builder_makes_of_the_same_filters() {
    String[] values = {"rep3@seller.example", "token Nightly export (0f8e-12)", "a&b=c d", "x+y/z?w#v%",
        "Zoë's ünïcode ✓", "semi;colon,comma:colon*star!bang$dollar~tilde", "\"quoted\" <tag> [b] |pipe\\",
        "tab\tnewline\n", "ends with é"};
    for (String value : values) {
      assertThat(Links.to("/orders").with("owner", value).with("from", LocalDate.of(2026, 10, 1))
          .with("open", true).with("blank", " ").with("none", null).build())
          .as(value)
          .isEqualTo(UriComponentsBuilder.fromPath("/orders").queryParam("owner", value)
              .queryParam("from", "2026-10-01").queryParam("open", "true").encode().build().toUriString());
    }
    assertThat(Links.to("/approval-requests").build()).isEqualTo("/approval-requests");
    assertThat(Links.to("/offers").with("st&ge", "SENT").build())
        .isEqualTo(UriComponentsBuilder.fromPath("/offers").queryParam("st&ge", "SENT").encode().build().toUriString());
  }
}
