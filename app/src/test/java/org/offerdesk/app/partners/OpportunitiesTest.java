package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedReseller;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.IsvAuthorizations;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** A reseller's opportunities: what ISVs shared with its account, synced through the SDK, and nothing else. */
@SandboxTest
class OpportunitiesTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;

  @Test
  void a_reseller_sees_the_authorizations_shared_with_it_and_is_told_once() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Authorizing ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Opportunity Reseller");
    ConnectedReseller other = new ConnectedReseller(context, port, sandbox.endpoint(), "Other Reseller");
    String buyer = isv.sandbox.buyer("Allowed Buyer");
    String raId = IsvAuthorizations.grant(isv, reseller.account.accountId(), new IsvAuthorizations.Grant(
        "Wholesale for Allowed Buyer", Map.of("Seats", "900.00"), List.of(buyer), today.plusDays(60), 1));
    String othersRa = IsvAuthorizations.grant(isv, other.account.accountId(), new IsvAuthorizations.Grant(
        "Someone else's", Map.of("Seats", "800.00"), List.of(), null, null));

    Http.Response sync = reseller.api.postJson("/api/v1/opportunities/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
    assertThat(sync.json().at("/opportunities").asInt()).isEqualTo(1);
    // The recurring sync may have found it a moment earlier: then this one finds nothing new.
    assertThat(sync.json().at("/received").asInt()).isBetween(0, 1);

    JsonNode items = reseller.api.get("/api/v1/opportunities").json().at("/items");
    assertThat(items.size()).isEqualTo(1);
    JsonNode o = items.get(0);
    assertThat(o.at("/resaleAuthorizationId").asText()).isEqualTo(raId);
    assertThat(o.at("/name").asText()).isEqualTo("Wholesale for Allowed Buyer");
    assertThat(o.at("/isv/accountId").asText()).isEqualTo(isv.account.accountId());
    assertThat(o.at("/isv/name").asText()).isEqualTo("Authorizing ISV");
    assertThat(o.at("/product/id").asText()).isEqualTo(isv.productId);
    assertThat(o.at("/product/name").asText()).isEqualTo("Authorizing ISV Platform");
    assertThat(o.at("/currency").asText()).isEqualTo("USD");
    assertThat(o.at("/duration").asText()).isEqualTo("P12M");
    assertThat(o.at("/wholesalePrices/0/dimensionKey").asText()).isEqualTo("Seats");
    assertThat(o.at("/wholesalePrices/0/wholesalePrice").asText()).isEqualTo("900.00");
    assertThat(o.at("/buyerAccountIds/0").asText()).isEqualTo(buyer);
    assertThat(o.at("/expiresOn").asText()).isEqualTo(today.plusDays(60).toString());
    assertThat(o.at("/offersAllowed").asInt()).isEqualTo(1);
    assertThat(o.at("/usesLeft").asInt()).isEqualTo(1);
    assertThat(o.at("/state").asText()).isEqualTo("AVAILABLE");
    assertThat(reseller.api.get("/api/v1/opportunities/" + raId).json().at("/name").asText())
        .isEqualTo("Wholesale for Allowed Buyer");

    // The team hears of it once, however often the sync runs.
    assertThat(reseller.api.postJson("/api/v1/opportunities/sync", Map.of()).json().at("/received").asInt()).isZero();
    String outbox = reseller.api.get("/api/v1/outbox?limit=200").body();
    assertThat(outbox.split("authorized you to resell", -1)).hasSize(2);
    assertThat(outbox).contains("Authorizing ISV authorized you to resell Authorizing ISV Platform");

    // Another reseller neither lists it nor reaches it by its ID; the ISV's own organization has none.
    other.syncOpportunities();
    assertThat(other.api.get("/api/v1/opportunities").json().at("/items").findValuesAsText("resaleAuthorizationId"))
        .containsExactly(othersRa);
    assertThat(other.api.get("/api/v1/opportunities/" + raId).status()).isEqualTo(404);
    assertThat(reseller.api.get("/api/v1/opportunities/" + othersRa).status()).isEqualTo(404);
    assertThat(other.api.get("/api/v1/outbox?limit=200").body()).doesNotContain("Wholesale for Allowed Buyer");

    // Deactivated by the ISV: still listed, no longer available.
    IsvAuthorizations.restrict(isv, raId);
    reseller.syncOpportunities();
    assertThat(reseller.api.get("/api/v1/opportunities/" + raId).json().at("/state").asText())
        .isEqualTo("DEACTIVATED");
    assertThat(reseller.api.get("/api/v1/opportunities/export").body()).contains(raId, "Seats=900.00");
  }
}
