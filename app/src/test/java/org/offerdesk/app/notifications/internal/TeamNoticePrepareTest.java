package org.offerdesk.app.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.notifications.NotificationType;

/**
 * {@code prepare} renders each type's email template once with its sample model (a sync calls it from an idle thread
 * so that its news does not render them cold), writes nothing, and does nothing for a type it already readied.
 */
class TeamNoticePrepareTest {

  @Test
  void renders_each_types_template_once_and_writes_nothing() throws Exception {
    List<String> rendered = new ArrayList<>();
    MailTemplates templates = new MailTemplates(new ObjectMapper()) {
      @Override
      RenderedEmail render(String name, Map<String, Object> model) {
        RenderedEmail email = super.render(name, model);
        rendered.add(name);
        return email;
      }
    };
    // no store, no members, no outbox: prepare must not touch them
    TeamNotifier notifier = new TeamNotifier(null, null, null, Clock.systemUTC(), "http://localhost", templates);

    notifier.prepare(List.of(NotificationType.PAYOUT_RECEIVED, NotificationType.FEE_MISMATCH));
    notifier.prepare(List.of(NotificationType.PAYOUT_RECEIVED, NotificationType.INVOICE_OVERDUE));

    assertThat(rendered).containsExactly("team-payout-received", "team-fee-mismatch", "team-invoice-overdue");
  }
}
