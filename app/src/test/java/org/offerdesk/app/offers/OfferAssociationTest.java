package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MarketplacePortal;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Associating a marketplace offer id that belongs to another seller answers exactly as an id that exists
 * nowhere: the answer must not tell whether an offer id exists, nor repeat the marketplace's text.
 */
@SandboxTest
class OfferAssociationTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired JdbcClient jdbc;

  @Test
  void another_sellers_offer_answers_like_an_unknown_id() {
    ConnectedSeller owner = new ConnectedSeller(context, port, sandbox.endpoint(), "Owner Co");
    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Curious Co");
    String buyer = owner.sandbox.buyer("Association Buyer");
    String theirs = MarketplacePortal.releasePrivateOffer(owner, "Not yours", buyer, LocalDate.now(ZoneOffset.UTC));

    Http.Response notOurs = other.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", theirs));
    Http.Response unknown = other.api.postJson("/api/v1/offers/associate",
        Map.of("marketplaceOfferId", "offer-doesnotexist0000"));

    assertThat(notOurs.status()).as(notOurs.body()).isEqualTo(404);
    assertThat(notOurs.header("Content-Type")).startsWith("application/problem+json");
    assertThat(withoutInstance(notOurs.json())).isEqualTo(withoutInstance(unknown.json()));
    assertThat(notOurs.body()).doesNotContainIgnoringCase("authorized").doesNotContain(theirs)
        .doesNotContain(owner.account.accountId());
    assertThat(jdbc.sql("SELECT count(*) FROM offer WHERE organization_id = ?").param(other.tenant.organizationId())
        .query(Long.class).single()).isZero();

    // The owner still associates its own offer.
    assertThat(owner.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", theirs)).status())
        .isEqualTo(201);
  }

  private static JsonNode withoutInstance(JsonNode problem) {
    ObjectNode copy = problem.deepCopy();
    copy.remove("instance");
    return copy;
  }
}
