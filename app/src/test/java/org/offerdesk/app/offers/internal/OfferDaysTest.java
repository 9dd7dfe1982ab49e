package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The offers table's date filters count UTC days wherever the server runs. */
class OfferDaysTest {

  /** Switches the JVM's default zone for a moment: no other test that reads it may run meanwhile. */
  @Test
  @ResourceLock(Resources.TIME_ZONE)
  void a_day_begins_at_utc_midnight_whatever_the_servers_zone() {
    TimeZone before = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertThat(OfferStore.startOf(LocalDate.of(2027, 3, 1)).toInstant())
          .isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      assertThat(OfferStore.startOf(LocalDate.of(2027, 3, 1)).toInstant())
          .isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
