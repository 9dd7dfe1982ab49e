package org.offerdesk.sandbox.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.offerdesk.sandbox.SandboxServer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sandbox that has never run starts {@code offerdesk.sandbox.clock.fresh-start-back} in the past (the demo's
 * year of history is then told up to the present); one that has run keeps its time across a restart.
 */
class FreshStartBackTest {

  @Test
  void aFreshSandboxStartsInThePastAndARestartKeepsItsTime() {
    DatabaseUrl db = TestPostgres.newDatabase("sandbox_fresh_start");
    List<String> args = List.of("--offerdesk.sandbox.clock.fresh-start-back=P365D");
    try (SandboxServer fresh = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(),
        db.password(), args))) {
      assertThat(fresh.context().getBean(SandboxClock.class).offset()).isEqualTo(Duration.ofDays(-365));
      assertThat(fresh.clock().instant()).isBefore(Instant.now().minus(Duration.ofDays(364)));
      // Its data feeds start on its first day, a year back, so that year's money is delivered.
      assertThat(fresh.context().getBean(JdbcTemplate.class).queryForObject(
          "SELECT value FROM sandbox_info WHERE key = 'feeds_from'", String.class))
          .isEqualTo(LocalDate.ofInstant(fresh.clock().instant(), ZoneOffset.UTC).toString());
      fresh.context().getBean(TimeKeeper.class).advance("P30D");
    }
    try (SandboxServer again = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(),
        db.password(), args))) {
      assertThat(again.context().getBean(SandboxClock.class).offset()).isEqualTo(Duration.ofDays(-335));
    }
  }
}
