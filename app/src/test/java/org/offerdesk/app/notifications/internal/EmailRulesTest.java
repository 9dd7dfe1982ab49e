package org.offerdesk.app.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.app.notifications.internal.EmailStatus.*;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;



/** The email lifecycle, recipient validation and retry schedule, without a database. */
class EmailRulesTest {

  @Test
  void an_email_moves_only_along_its_lifecycle() {
    assertThat(Arrays.stream(EmailStatus.values()).filter(QUEUED::canMoveTo))
        .containsExactlyInAnyOrder(SENT, RETRYING, PARKED, OUTBOX_ONLY);
    assertThat(Arrays.stream(EmailStatus.values()).filter(RETRYING::canMoveTo))
        .containsExactlyInAnyOrder(SENT, RETRYING, PARKED, OUTBOX_ONLY);
    assertThat(Arrays.stream(EmailStatus.values()).filter(PARKED::canMoveTo))
        .containsExactlyInAnyOrder(QUEUED, SENT, RETRYING, PARKED);
    assertThat(Arrays.stream(EmailStatus.values()).filter(SENT::canMoveTo)).isEmpty();
    assertThat(Arrays.stream(EmailStatus.values()).filter(OUTBOX_ONLY::canMoveTo)).isEmpty();
    assertThat(EmailStatus.movingTo(QUEUED)).containsExactly(PARKED);
    assertThat(EmailStatus.movingTo(SENT)).containsExactlyInAnyOrder(QUEUED, RETRYING, PARKED);
  }

  @Test
  void recipients_must_be_bare_email_addresses() {
    assertThat(OutboxEmails.validRecipients(List.of(" ada@example.com ", "b.c+d@sub.example.org")))
        .containsExactly("ada@example.com", "b.c+d@sub.example.org");
    for (String bad : List.of("", "ada", "ada@", "@example.com", "Ada <ada@example.com>", "a b@example.com",
        "ada@example.com, eve@example.com", "ada@.com", "ada@example.")) {
      assertThat(OutboxEmails.isAddress(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> OutboxEmails.validRecipients(List.of("ok@example.com", "not an address")))
        .isInstanceOfSatisfying(InvalidInput.class, p -> assertThat(p.errors())
            .containsExactly(new FieldError("to[1]", "is not an email address")));
    assertThatThrownBy(() -> OutboxEmails.validRecipients(List.of()))
        .isInstanceOfSatisfying(InvalidInput.class, p -> assertThat(p.errors().get(0).field()).isEqualTo("to"));
  }

  @Test
  void delivery_is_retried_for_about_a_day_before_parking() {
    EmailDelivery delivery = new EmailDelivery(null, null, null, new org.springframework.jdbc.support
        .JdbcTransactionManager());
    Duration total = Duration.ZERO;
    for (int attempt = 1; attempt < delivery.maxAttempts(); attempt++) {
      total = total.plus(delivery.retryDelay(attempt));
    }
    assertThat(delivery.retryDelay(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(delivery.retryDelay(30)).isEqualTo(Duration.ofHours(6));
    assertThat(total).isBetween(Duration.ofHours(18), Duration.ofHours(26));
  }
}
