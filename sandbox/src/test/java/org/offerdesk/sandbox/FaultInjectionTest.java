package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.run;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.FailureCode;
import software.amazon.awssdk.services.marketplacecatalog.model.ThrottlingException;

/** {@code /sandbox/faults}: throttling, forced change-set failures and extra delay. */
class FaultInjectionTest {

  @AfterEach
  void clear() {
    SandboxFixture.send("DELETE", "/sandbox/faults", null, 200);
  }

  @Test
  void throttlesApiCallsAt429() {
    SandboxFixture.post("/sandbox/faults", Map.of("throttlingRate", 1.0));
    assertThatThrownBy(() -> SandboxFixture.seller().listEntities(r -> r.catalog(CATALOG).entityType("Offer")))
        .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    SandboxFixture.send("DELETE", "/sandbox/faults", null, 200);
    assertThat(SandboxFixture.seller().listEntities(r -> r.catalog(CATALOG).entityType("SaaSProduct")).entitySummaryList()).isNotEmpty();
  }

  @Test
  void forcesTheNextChangeSetToFail() {
    var shown = SandboxFixture.post("/sandbox/faults", Map.of("failNextChangeSets", 1, "extraChangeSetDelayMillis", 10));
    assertThat(shown.get("failNextChangeSets").asInt()).isEqualTo(1);
    assertThat(shown.get("extraChangeSetDelayMillis").asLong()).isEqualTo(10);
    DescribeChangeSetResponse failed = run(SandboxFixture.seller(),
        change("CreateOffer", "Offer@1.0", null, "{\"ProductId\":\"prod-sbxlimited001\"}"));
    assertThat(failed.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(failed.failureCode()).isEqualTo(FailureCode.SERVER_FAULT);
    assertThat(SandboxFixture.send("GET", "/sandbox/faults", null, 200).get("failNextChangeSets").asInt()).isZero();
    assertThat(run(SandboxFixture.seller(), change("CreateOffer", "Offer@1.0", null, "{\"ProductId\":\"prod-sbxlimited001\"}"))
        .status()).isEqualTo(ChangeStatus.SUCCEEDED);
  }

  @Test
  void refusesImpossibleFaults() {
    SandboxFixture.send("POST", "/sandbox/faults", Map.of("throttlingRate", 2.0), 400);
    SandboxFixture.send("POST", "/sandbox/faults", Map.of("extraChangeSetDelayMillis", -5), 400);
  }
}
