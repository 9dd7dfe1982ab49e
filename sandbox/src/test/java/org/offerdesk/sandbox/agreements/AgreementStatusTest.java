package org.offerdesk.sandbox.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The agreement lifecycle: an active agreement ends one way or another; an ended one stays ended. */
class AgreementStatusTest {

  @Test
  void onlyAnActiveAgreementEnds() {
    assertThat(EnumSet.allOf(AgreementStatus.class)).filteredOn(AgreementStatus.ACTIVE::canMoveTo)
        .containsExactlyInAnyOrder(AgreementStatus.EXPIRED, AgreementStatus.REPLACED, AgreementStatus.CANCELLED,
            AgreementStatus.TERMINATED);
    for (AgreementStatus ended : EnumSet.complementOf(EnumSet.of(AgreementStatus.ACTIVE))) {
      assertThat(EnumSet.allOf(AgreementStatus.class)).noneMatch(ended::canMoveTo);
    }
  }
}
