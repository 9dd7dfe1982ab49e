package org.offerdesk.app.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's banner while the demo is seeded, as its template wrote it (the bytes a running seeding's
 * dashboard showed before the page was written in Java), the step's text escaped as {@code th:text} escapes it.
 */
class DemoBannerTest {

  private static DemoSeeding seeding(String step) {
    return new DemoSeeding(UUID.randomUUID(), "FIRST_START", "RUNNING", 0, 15, step, null, null, Instant.now(), null);
  }

  @Test
  void the_banner_names_the_step_as_the_template_did() {
    assertThat(DemoBanner.html(seeding("month 1 of 12"))).isEqualTo("""
        <div class="alert alert-info py-2" role="status" data-testid="demo-seeding">
            Seeding the demo's year of business<span>: month 1 of 12 (step 1 of 15)</span>.
            The figures below fill in as it goes: reload to see them.
          </div>""");
  }

  @Test
  void a_step_is_escaped_and_no_step_writes_no_span() {
    assertThat(DemoBanner.html(seeding("<b>&'\""))).contains("<span>: &lt;b&gt;&amp;&#39;&quot; (step 1 of 15)</span>.");
    assertThat(DemoBanner.html(seeding(null))).contains("Seeding the demo's year of business.\n").doesNotContain("<span>");
  }
}
