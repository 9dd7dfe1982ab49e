package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.offerdesk.app.orders.PartnerAndAmendmentOrdersTest.change;
import static org.offerdesk.app.orders.PartnerAndAmendmentOrdersTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedReseller;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/**
 * The ISV's view of the partner offers a reseller makes on an authorization OfferDesk granted, filled from
 * the marketplace's events in whichever order they come: released then accepted, or (the offer announced
 * late) accepted first and filled in when the release arrives. The reseller works through its own SDK.
 */
@SandboxClockTest
class PartnerOffersOfIsvTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Autowired java.time.Clock clock;
  /** Today on the sandbox's clock, which earlier classes of this shared context may have moved. */
  LocalDate today;

  @org.junit.jupiter.api.BeforeEach
  void today() {
    today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** An ISV with a granted single-use authorization for one buyer, and the reseller it was granted to. */
  record Granted(ConnectedSeller isv, SandboxAccounts.Account reseller, String buyer, String id, String marketplaceId) {}

  Granted grant(String name) {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), name);
    String buyer = isv.sandbox.buyer(name + " Buyer");
    SandboxAccounts.Account reseller = isv.sandbox.reseller(name + " Reseller");
    String id = isv.api.postJson("/api/v1/resale-authorizations", ResaleAuthorizationPublishingTest.draft(
        isv.productId, reseller.accountId(), buyer, today.plusDays(60))).json().at("/id").asText();
    isv.api.postJson("/api/v1/resale-authorizations/" + id + "/publish", Map.of());
    String marketplaceId = ResaleAuthorizationPublishingTest.awaitStatus(isv.api, id, "AUTHORIZED")
        .at("/marketplaceResaleAuthorizationId").asText();
    return new Granted(isv, reseller, buyer, id, marketplaceId);
  }

  /** The reseller builds its offer, with a 5% markup, on the authorization and releases it. */
  String resellerReleases(Granted g, String offerName) {
    MarketplaceCatalogClient catalog = MarketplaceCatalogClient.builder().endpointOverride(sandbox.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(g.reseller().accessKeyId(), g.reseller().secretAccessKey()))).build();
    String cppo = "$CPPO.Entity.Identifier";
    return run(catalog,
        change("CreateOfferUsingResaleAuthorization", "Offer@1.0", null, "CPPO", "{\"ResaleAuthorizationId\":\""
            + g.marketplaceId() + "\",\"Name\":\"" + offerName + "\",\"Description\":\"Channel deal\"}"),
        change("UpdateMarkup", "Offer@1.0", cppo, null, "{\"Percentage\":\"5.0\"}"),
        change("UpdateTargeting", "Offer@1.0", cppo, null, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\""
            + g.buyer() + "\"]}}"),
        change("UpdateAvailability", "Offer@1.0", cppo, null, "{\"AvailabilityEndDate\":\"" + today.plusDays(30)
            + "\"}"),
        change("UpdateValidityTerms", "Offer@1.0", cppo, null,
            "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        change("ReleaseOffer", "Offer@1.0", cppo, null, "{}"))
        .changeSet().get(0).entity().identifier().split("@")[0];
  }

  String accept(String marketplaceOfferId, String buyer) {
    Http.Response r = new Http(sandbox.endpoint().toString()).postJson("/sandbox/offers/" + marketplaceOfferId
        + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/agreementId").asText();
  }

  static JsonNode awaitPartnerOffer(ConnectedSeller isv, String resaleAuthorizationId, String stage) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode items = isv.api.get("/api/v1/offers?type=PARTNER&resaleAuthorizationId=" + resaleAuthorizationId)
          .json().at("/items");
      found[0] = items.size() == 1 ? items.get(0) : null;
      return found[0] != null && stage.equals(found[0].at("/stage").asText());
    });
    return found[0];
  }

  @Test
  void the_isv_follows_its_partners_offer_from_release_to_acceptance_and_no_one_else_sees_it() {
    Granted g = grant("Following ISV");
    String offerId = resellerReleases(g, "Via the channel");

    JsonNode sent = awaitPartnerOffer(g.isv(), g.marketplaceId(), "SENT");
    assertThat(sent.at("/marketplaceOfferId").asText()).isEqualTo(offerId);
    assertThat(sent.at("/name").asText()).isEqualTo("Via the channel");
    assertThat(sent.at("/resellerAccountId").asText()).isEqualTo(g.reseller().accountId());
    assertThat(sent.at("/resaleAuthorizationId").asText()).isEqualTo(g.marketplaceId());
    assertThat(sent.at("/buyerAccountIds/0").asText()).isEqualTo(g.buyer());
    assertThat(sent.at("/expiresOn").asText()).isEqualTo(today.plusDays(30).toString());
    // The wholesale value the ISV granted, never the reseller's markup.
    assertThat(sent.at("/contractTotal").asText()).isEqualTo("90.00");
    assertThat(sent.toString()).doesNotContain("arkup").doesNotContain("94.5");
    assertThat(sent.at("/actions").size()).isZero();
    assertThat(g.isv().api.get("/api/v1/offers?type=PARTNER&resellerAccountId=" + g.reseller().accountId())
        .json().at("/items").findValuesAsText("id")).containsExactly(sent.at("/id").asText());
    await().atMost(Duration.ofSeconds(30)).until(() -> g.isv().api.get("/api/v1/outbox?limit=200").body()
        .contains("Partner offer extended"));

    // Its single use is taken; the authorization lists the offer.
    JsonNode consumed = ResaleAuthorizationPublishingTest.awaitStatus(g.isv().api, g.id(), "CONSUMED");
    assertThat(consumed.at("/offers/0/marketplaceOfferId").asText()).isEqualTo(offerId);
    assertThat(consumed.at("/offers/0/wholesaleValue").asText()).isEqualTo("90.00");

    String agreementId = accept(offerId, g.buyer());
    JsonNode accepted = awaitPartnerOffer(g.isv(), g.marketplaceId(), "ACCEPTED");
    assertThat(accepted.at("/agreementId").asText()).isEqualTo(agreementId);
    assertThat(accepted.at("/id").asText()).isEqualTo(sent.at("/id").asText());
    // The team hears of the acceptance as a new partner order.
    await().atMost(Duration.ofSeconds(30)).until(() -> g.isv().api.get("/api/v1/outbox?limit=200").body()
        .contains("New order"));

    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Other ISV");
    assertThat(other.api.get("/api/v1/offers/" + accepted.at("/id").asText()).status()).isEqualTo(404);
    assertThat(other.api.get("/api/v1/offers?type=PARTNER").json().at("/items").size()).isZero();
    assertThat(other.api.get("/api/v1/resale-authorizations/" + g.id()).status()).isEqualTo(404);
  }

  @Test
  void an_agreement_before_the_offers_release_makes_the_offer_and_the_late_release_fills_it_in() {
    Granted g = grant("Late ISV");
    Http control = new Http(sandbox.endpoint().toString());
    // The release is announced a day late (by the sandbox's clock); the acceptance at once.
    control.postJson("/sandbox/faults", Map.of("throttlingRate", 0.0, "failNextChangeSets", 0,
        "extraChangeSetDelayMillis", 0, "eventDuplicateRate", 0.0, "eventDelayMillis", Duration.ofDays(1).toMillis(),
        "reorderEvents", false));
    String offerId;
    try {
      offerId = resellerReleases(g, "Announced late");
    } finally {
      control.delete("/sandbox/faults");
    }
    String agreementId = accept(offerId, g.buyer());

    JsonNode early = awaitPartnerOffer(g.isv(), g.marketplaceId(), "ACCEPTED");
    assertThat(early.at("/agreementId").asText()).isEqualTo(agreementId);
    assertThat(early.at("/buyerAccountIds/0").asText()).isEqualTo(g.buyer());
    assertThat(early.at("/name").asText()).startsWith("Partner offer on");
    assertThat(early.hasNonNull("expiresOn")).isFalse();

    assertThat(control.postJson("/sandbox/clock/advance", Map.of("duration", "PT24H1S")).status()).isEqualTo(200);
    JsonNode[] filled = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      filled[0] = g.isv().api.get("/api/v1/offers/" + early.at("/id").asText()).json();
      return "Announced late".equals(filled[0].at("/name").asText());
    });
    assertThat(filled[0].at("/stage").asText()).isEqualTo("ACCEPTED");
    assertThat(filled[0].at("/marketplaceOfferId").asText()).isEqualTo(offerId);
    assertThat(filled[0].at("/expiresOn").asText()).isEqualTo(today.plusDays(30).toString());
    assertThat(g.isv().api.get("/api/v1/offers?type=PARTNER&resaleAuthorizationId=" + g.marketplaceId()).json()
        .at("/items").size()).isEqualTo(1);
  }

  @Test
  void an_expired_authorization_refuses_new_partner_offers_the_sweep_marks_it_and_no_one_probes_across() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Expiring ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Late Reseller");
    String buyer = isv.sandbox.buyer("Late Buyer");
    Map<String, Object> draft = ResaleAuthorizationPublishingTest.draft(isv.productId, reseller.account.accountId(),
        buyer, today.plusDays(2));
    draft.put("availability", Map.of("type", "UNTIL_DATE", "endsOn", today.plusDays(2).toString()));
    String id = isv.api.postJson("/api/v1/resale-authorizations", draft).json().at("/id").asText();
    isv.api.postJson("/api/v1/resale-authorizations/" + id + "/publish", Map.of());
    String raId = ResaleAuthorizationPublishingTest.awaitStatus(isv.api, id, "AUTHORIZED")
        .at("/marketplaceResaleAuthorizationId").asText();
    Map<String, Object> offer = new java.util.HashMap<>(Map.of("type", "PARTNER", "resaleAuthorizationId", raId,
        "name", "Before the end", "buyerAccountIds", List.of(buyer), "markupPercent", "10"));
    offer.put("expiresOn", today.plusDays(1).toString());
    Http.Response draftOffer = reseller.api.postJson("/api/v1/offers", offer);
    assertThat(draftOffer.status()).as(draftOffer.body()).isEqualTo(201);
    String draftId = draftOffer.json().at("/id").asText();

    // Each side reaches only its own rows: 404 across, and nothing of the other in its lists.
    assertThat(reseller.api.get("/api/v1/resale-authorizations/" + id).status()).isEqualTo(404);
    // A reseller's roles do not grant authorizations at all: refused before any lookup, so nothing leaks.
    assertThat(reseller.api.postJson("/api/v1/resale-authorizations/" + id + "/deactivate", Map.of()).status())
        .isEqualTo(403);
    assertThat(reseller.api.get("/api/v1/resale-authorizations").json().at("/items").size()).isZero();
    assertThat(isv.api.get("/api/v1/offers/" + draftId).status()).isEqualTo(404);
    assertThat(isv.api.get("/api/v1/opportunities/" + raId).status()).isEqualTo(404);

    Http.Response moved = new Http(sandbox.endpoint().toString()).postJson("/sandbox/clock/advance",
        Map.of("duration", "P3D"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    LocalDate later = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    offer.put("name", "After the end");
    offer.put("expiresOn", later.plusDays(1).toString());
    Http.Response refused = reseller.api.postJson("/api/v1/offers", offer);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().at("/errors").findValuesAsText("field")).contains("resaleAuthorizationId");
    assertThat(refused.body()).contains("expired on " + today.plusDays(2));
    assertThat(reseller.api.get("/api/v1/offers").json().at("/items").findValuesAsText("id"))
        .containsExactly(draftId);
    Http.Response publish = reseller.api.postJson("/api/v1/offers/" + draftId + "/publish", Map.of());
    assertThat(publish.status()).as(publish.body()).isEqualTo(400);
    assertThat(publish.body()).contains("expired on");

    // The ISV's sweep (recurring work on the platform clock, due again after the move) sees it expired.
    JsonNode expired = ResaleAuthorizationPublishingTest.awaitStatus(isv.api, id, "EXPIRED");
    assertThat(expired.at("/timeline").findValuesAsText("cause")).contains("seen expired on the marketplace");
  }
}
