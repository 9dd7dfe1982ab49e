package org.offerdesk.sandbox.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When payouts run, and which settings and payment terms are refused. */
class DisbursementSettingsTest {

  @Test
  void dailyPayoutsRunAtTheNextMidnightAndMonthlyOnTheChosenDay() {
    Instant collected = Instant.parse("2026-12-03T16:20:00Z");
    assertThat(DisbursementSettings.DEFAULT.nextPayoutAfter(collected)).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    var monthly = new DisbursementSettings(DisbursementSettings.Frequency.MONTHLY, 15, true);
    assertThat(monthly.nextPayoutAfter(collected)).isEqualTo(Instant.parse("2026-12-15T00:00:00Z"));
    assertThat(monthly.nextPayoutAfter(Instant.parse("2026-12-15T00:00:00Z"))).isEqualTo(Instant.parse("2027-01-15T00:00:00Z"));
    var third = new DisbursementSettings(DisbursementSettings.Frequency.MONTHLY, 3, true);
    assertThat(third.nextPayoutAfter(collected)).isEqualTo(Instant.parse("2027-01-03T00:00:00Z"));
    assertThat(third.paysAt(Instant.parse("2027-01-03T00:00:00Z"))).isTrue();
    assertThat(third.paysAt(Instant.parse("2027-01-04T00:00:00Z"))).isFalse();
    assertThat(DisbursementSettings.DEFAULT.paysAt(Instant.parse("2027-01-04T00:00:01Z"))).isFalse();
  }

  @Test
  void refusesDaysOutsideOneToTwentyEightAndLatePayersWithoutDays() {
    assertThatThrownBy(() -> new DisbursementSettings(DisbursementSettings.Frequency.MONTHLY, 29, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DisbursementSettings(DisbursementSettings.Frequency.MONTHLY, null, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PaymentTerms(PaymentTerms.Method.INVOICE, 30, PaymentTerms.Payment.LATE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    var card = new PaymentTerms(PaymentTerms.Method.CARD, 30, PaymentTerms.Payment.NEVER, 0);
    assertThat(card.netDays()).isZero();
    assertThat(card.payment()).isEqualTo(PaymentTerms.Payment.IMMEDIATELY);
  }
}
