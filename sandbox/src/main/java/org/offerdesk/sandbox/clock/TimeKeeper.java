package org.offerdesk.sandbox.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves the sandbox clock and keeps its offset in table {@code sandbox_info}, so a restarted sandbox is
 * still at the time it was moved to. After each move, listeners of {@link ClockAdvanced} run what fell due.
 */
@Component
public class TimeKeeper {

  private final SandboxClock clock;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Duration freshStartBack;

  TimeKeeper(SandboxClock clock, JdbcTemplate jdbc, ApplicationEventPublisher events,
      @Value("${offerdesk.sandbox.clock.fresh-start-back:PT0S}") Duration freshStartBack) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.events = events;
    this.freshStartBack = freshStartBack;
  }

  /**
   * Reads the stored offset; called once the schema is migrated. A sandbox that has never run (no account, its
   * clock never moved) starts {@code offerdesk.sandbox.clock.fresh-start-back} in the past when that is set: the
   * clock only moves forward, so a demo that tells a past year of business starts there and moves to the present.
   */
  public void restore() {
    if (!freshStartBack.isNegative() && !freshStartBack.isZero() && Boolean.TRUE.equals(jdbc.queryForObject("""
        SELECT NOT EXISTS (SELECT 1 FROM account)
          AND NOT EXISTS (SELECT 1 FROM sandbox_info WHERE key = 'clock_offset' AND value <> 'PT0S')""",
        Boolean.class))) {
      jdbc.update("INSERT INTO sandbox_info (key, value) VALUES ('clock_offset', ?) "
          + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", freshStartBack.negated().toString());
      // The data feeds start on the sandbox's first day, which is now that far back too.
      jdbc.update("UPDATE sandbox_info SET value = ? WHERE key = 'feeds_from'",
          LocalDate.ofInstant(Instant.now().minus(freshStartBack), ZoneOffset.UTC).toString());
    }
    jdbc.query("SELECT value FROM sandbox_info WHERE key = 'clock_offset'",
        rs -> {
          clock.restore(Duration.parse(rs.getString(1)));
        });
  }

  /**
   * Moves the clock by an ISO-8601 duration ({@code PT2H}, {@code P30D}) or period ({@code P1M}, taken
   * from the current date), then runs what fell due.
   */
  public Instant advance(String iso) {
    Duration by = parse(iso, clock.instant());
    synchronized (this) {
      Duration offset = clock.advance(by);
      jdbc.update("INSERT INTO sandbox_info (key, value) VALUES ('clock_offset', ?) "
          + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", offset.toString());
    }
    Instant now = clock.instant();
    events.publishEvent(new ClockMoved(now));
    events.publishEvent(new ClockAdvanced(now));
    return now;
  }

  /**
   * Lets real time pass the way a move does: every interval, one {@link ClockAdvanced} at the current sandbox
   * time, so what fell due runs in the listeners' one order (billing before the feed delivery that reads its
   * rows) whether the clock was moved or not.
   */
  @Scheduled(fixedDelayString = "${offerdesk.sandbox.due-work.interval:1s}")
  void timePasses() {
    events.publishEvent(new ClockAdvanced(clock.instant()));
  }

  static Duration parse(String iso, Instant now) {
    if (iso == null || iso.isBlank()) {
      throw new IllegalArgumentException("duration is required, as ISO-8601 (e.g. P30D or PT2H)");
    }
    try {
      return Duration.parse(iso);
    } catch (DateTimeParseException notDuration) {
      try {
        Period period = Period.parse(iso);
        LocalDateTime from = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        return Duration.between(from, from.plus(period));
      } catch (DateTimeParseException notPeriod) {
        throw new IllegalArgumentException("'" + iso + "' is not an ISO-8601 duration such as P30D or PT2H");
      }
    }
  }
}
