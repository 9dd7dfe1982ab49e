package org.offerdesk.app.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every email subject, rendered: none reads its prefix twice ("New order: New order: …"), neither with the
 * template's sample nor when a team notice's title begins with the prefix its template puts before it.
 */
class MailSubjectsTest {

  private static final Pattern REPEATED = Pattern.compile("^([^:]{2,80}):\\s+\\1\\b.*", Pattern.CASE_INSENSITIVE);

  private final MailTemplates templates = new MailTemplates(new ObjectMapper());

  MailSubjectsTest() throws Exception {}

  @Test
  void no_template_repeats_its_subject_prefix() {
    assertThat(templates.names()).isNotEmpty();
    for (MailTemplates.Preview preview : templates.previews()) {
      assertThat(preview.error()).as(preview.name()).isNull();
      assertThat(preview.rendered().subject()).as(preview.name()).doesNotMatch(REPEATED);
    }
  }

  @Test
  void a_team_notice_whose_title_begins_with_the_prefix_reads_it_once() {
    int teamTemplates = 0;
    for (String name : templates.names()) {
      if (!name.startsWith("team-")) {
        continue;
      }
      teamTemplates++;
      Map<String, Object> model = new LinkedHashMap<>(templates.previews().stream()
          .filter(p -> p.name().equals(name)).findFirst().orElseThrow().sample());
      String sampleSubject = templates.render(name, model).subject();
      String prefix = sampleSubject.substring(0, sampleSubject.indexOf(':'));
      model.put("title", prefix + ": Flow Co Platform for 777788889999");
      String subject = templates.render(name, model).subject();
      assertThat(subject).as(name).isEqualTo(prefix + ": Flow Co Platform for 777788889999").doesNotMatch(REPEATED);
    }
    assertThat(teamTemplates).isGreaterThan(5);
    assertThat(MailTemplates.withoutRepeatedPrefix("New order: New order: X for 1")).isEqualTo("New order: X for 1");
    assertThat(MailTemplates.withoutRepeatedPrefix("New order: Newer orders")).isEqualTo("New order: Newer orders");
    assertThat(MailTemplates.withoutRepeatedPrefix("Offer expiring: Offer expiring 2027-01-31: Acme"))
        .isEqualTo("Offer expiring 2027-01-31: Acme");
  }
}
