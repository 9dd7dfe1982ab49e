package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.OwnContext;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** With no events read at all (a lost queue), the agreement sweep still accepts the offer. */
@SandboxTest
// Properties of its own make a context of its own: it runs in the OwnContextLane, beside the shared one.
@OwnContext
@TestPropertySource(properties = {"offerdesk.events.enabled=false", "offerdesk.offers.sweep-interval=PT1S"})
class AcceptanceBySweepTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void the_agreement_sweep_accepts_the_offer() {
    JsonNode accepted = AcceptanceByEventTest.acceptOne(context, port, sandbox, "Sweep Co");
    assertThat(accepted.at("/timeline").findValuesAsText("detail"))
        .anyMatch(d -> d != null && d.contains("agreement sweep"));
  }
}
