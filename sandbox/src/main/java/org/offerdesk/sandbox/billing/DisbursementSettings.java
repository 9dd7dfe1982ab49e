package org.offerdesk.sandbox.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When a seller or reseller is paid: {@code DAILY} (each day at 00:00 UTC, when its balance is positive) or
 * {@code MONTHLY} on {@code dayOfMonth} (1–28); an invalid bank account pauses payouts until it is fixed.
 */
public record DisbursementSettings(Frequency frequency, Integer dayOfMonth, boolean bankAccountValid) {

  /** The sandbox's choice for accounts that never set theirs: daily, to a valid account. */
  public static final DisbursementSettings DEFAULT = new DisbursementSettings(Frequency.DAILY, null, true);

  public enum Frequency { DAILY, MONTHLY }

  public DisbursementSettings {
    if (frequency == null) {
      throw new IllegalArgumentException("frequency is DAILY or MONTHLY");
    }
    if (frequency == Frequency.MONTHLY && (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 28)) {
      throw new IllegalArgumentException("A MONTHLY disbursement needs a dayOfMonth from 1 to 28");
    }
    if (frequency == Frequency.DAILY) {
      dayOfMonth = null;
    }
  }

  /** The first payout time strictly after {@code after}: a 00:00 UTC that these settings pay on. */
  public Instant nextPayoutAfter(Instant after) {
    LocalDate day = LocalDate.ofInstant(after, ZoneOffset.UTC).plusDays(1);
    if (frequency == Frequency.MONTHLY) {
      day = day.getDayOfMonth() <= dayOfMonth ? day.withDayOfMonth(dayOfMonth) : day.plusMonths(1).withDayOfMonth(dayOfMonth);
    }
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** Whether a payout at this time is one these settings make. */
  public boolean paysAt(Instant at) {
    var t = at.atOffset(ZoneOffset.UTC);
    boolean midnight = t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    return midnight && (frequency == Frequency.DAILY || t.getDayOfMonth() == dayOfMonth);
  }
}
