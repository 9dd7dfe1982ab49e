package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.runtime.RunMode;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.OwnContext;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.offerdesk.sandbox.SandboxServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, point 5: with {@code offerdesk.sandbox.clock-url} pointing at a standalone sandbox (started
 * here on loopback, in this JVM but reached only over HTTP), moving that sandbox's clock moves OfferDesk's
 * business clock, so what falls due runs (here an offer's expiry); security time stays on the wall clock,
 * and in production the setting is ignored.
 */
@OfferDeskTest
@org.springframework.test.context.TestPropertySource(properties = {"offerdesk.test.mutable-clock=false",
    "offerdesk.sandbox.clock-refresh=PT0.2S"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@OwnContext
class StandaloneSandboxClockTest {

  private static SandboxServer standalone;

  @DynamicPropertySource
  static void standaloneSandbox(DynamicPropertyRegistry registry) {
    DatabaseUrl db = TestPostgres.newDatabase("standalone_sandbox");
    standalone = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.delay=200ms")));
    registry.add("offerdesk.sandbox.clock-url", () -> standalone.endpoint().toString());
  }

  @AfterAll
  static void stopStandalone() {
    if (standalone != null) {
      standalone.close();
    }
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired Clock businessClock;
  @Autowired SecurityClock securityClock;
  @Autowired StandaloneSandboxClock feed;

  @Test
  void offerdesk_business_clock_follows_the_standalone_sandbox_and_security_time_does_not() {
    URI endpoint = standalone.endpoint();
    ConnectedSeller seller = new ConnectedSeller(context, port, endpoint, "Standalone Clock Co");
    LocalDate today = LocalDate.ofInstant(businessClock.instant(), ZoneOffset.UTC);
    String id = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Gone with the standalone clock", "buyerAccountIds", List.of("777788889999"), "currency", "USD",
        "durationMonths", 12, "expiresOn", today.plusDays(5).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 1, "unitPrice", "10.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    seller.awaitStage(id, "SENT");

    Clock paris = businessClock.withZone(ZoneId.of("Europe/Paris"));
    Instant before = businessClock.instant();
    Http.Response moved = new Http(endpoint.toString()).postJson("/sandbox/clock/advance", Map.of("duration", "P6D"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10))
        .until(() -> Duration.between(before, businessClock.instant()).compareTo(Duration.ofDays(6)) >= 0);
    // A zoned view taken before the move follows it too.
    assertThat(Duration.between(before, paris.instant())).isGreaterThanOrEqualTo(Duration.ofDays(6));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(Duration.between(Instant.now(), securityClock.now()).abs()).isLessThan(Duration.ofMinutes(1));
    // A 1-day token issued after the move works: it expires a day of wall time from now.
    String oneDay = seller.api.postJson("/api/v1/tokens", Map.of("name", "one day", "expiresInDays", 1))
        .json().at("/secret").asText();
    assertThat(new Http(port).bearer(oneDay).get("/api/v1/me").status()).isEqualTo(200);

    JsonNode expired = seller.awaitStage(id, "EXPIRED");
    assertThat(expired.at("/timeline").findValuesAsText("cause")).contains("expired");
  }

  @Test
  void production_ignores_the_standalone_sandbox_clock() {
    Http.Response moved = new Http(standalone.endpoint().toString()).postJson("/sandbox/clock/advance",
        Map.of("duration", "P1D"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> feed.offset().compareTo(Duration.ofDays(1)) >= 0);
    PlatformClock production = new PlatformClock(RunMode.PRODUCTION, context.getBeanProvider(EmbeddedSandbox.class),
        context.getBeanProvider(StandaloneSandboxClock.class), true);
    PlatformClock demo = new PlatformClock(RunMode.DEMO, context.getBeanProvider(EmbeddedSandbox.class),
        context.getBeanProvider(StandaloneSandboxClock.class), true);
    assertThat(Duration.between(Instant.now(), production.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    assertThat(Duration.between(Instant.now(), demo.instant())).isGreaterThanOrEqualTo(Duration.ofHours(23));
  }

  @Test
  void the_setting_takes_the_sandbox_address_or_its_clock_address() {
    assertThat(StandaloneSandboxClock.clockUri("http://127.0.0.1:8090"))
        .isEqualTo(URI.create("http://127.0.0.1:8090/sandbox/clock"));
    assertThat(StandaloneSandboxClock.clockUri("http://127.0.0.1:8090/"))
        .isEqualTo(URI.create("http://127.0.0.1:8090/sandbox/clock"));
    assertThat(StandaloneSandboxClock.clockUri("http://127.0.0.1:8090/sandbox/clock"))
        .isEqualTo(URI.create("http://127.0.0.1:8090/sandbox/clock"));
    assertThatThrownBy(() -> StandaloneSandboxClock.clockUri("ftp://127.0.0.1/")).isInstanceOf(IllegalArgumentException.class);
  }
}
