package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * With no events read at all (a lost queue: the sandbox holds every event back for a year while the offer is
 * accepted), the agreement sweep still accepts the offer. On the shared sandbox context, whose sweep runs every
 * 2 s ({@code OfferDeskTest}), instead of a context of its own with the event reader off.
 */
@SandboxTest
class AcceptanceBySweepTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void the_agreement_sweep_accepts_the_offer() {
    Http control = new Http(sandbox.endpoint().toString());
    assertThat(control.postJson("/sandbox/faults", Map.of("eventDelayMillis", Duration.ofDays(365).toMillis()))
        .status()).isEqualTo(200);
    JsonNode accepted;
    try {
      accepted = AcceptanceByEventTest.acceptOne(context, port, sandbox, "Sweep Co");
    } finally {
      control.delete("/sandbox/faults");
    }
    assertThat(accepted.at("/timeline").findValuesAsText("detail"))
        .anyMatch(d -> d != null && d.contains("agreement sweep"))
        .noneMatch(d -> d != null && d.contains("event Purchase Agreement Created"));
  }
}
