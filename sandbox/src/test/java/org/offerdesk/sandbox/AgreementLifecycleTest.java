package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.Marketplace.forAgreement;
import static org.offerdesk.sandbox.SandboxFixture.RESELLER_KEY;
import static org.offerdesk.sandbox.SandboxFixture.RESELLER_SECRET;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_KEY;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_SECRET;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.inDays;
import static org.offerdesk.sandbox.SandboxFixture.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplaceentitlement.MarketplaceEntitlementClient;
import software.amazon.awssdk.services.marketplaceentitlement.model.Entitlement;
import software.amazon.awssdk.services.marketplaceentitlement.model.GetEntitlementFilterName;
import software.amazon.awssdk.services.marketplacemetering.MarketplaceMeteringClient;

/** Public subscriptions, replacement offers and channel partner offers, as buyers accept them. */
class AgreementLifecycleTest {

  private static final URI SANDBOX = SandboxFixture.server().endpoint();
  private final MarketplaceCatalogClient seller = SandboxFixture.seller();
  private final MarketplaceCatalogClient reseller = SandboxFixture.reseller();
  private final MarketplaceAgreementClient sellerAgreements = Marketplace.agreements(SANDBOX, SELLER_KEY, SELLER_SECRET);
  private final MarketplaceAgreementClient resellerAgreements = Marketplace.agreements(SANDBOX, RESELLER_KEY, RESELLER_SECRET);
  private final MarketplaceMeteringClient metering = Marketplace.metering(SANDBOX, SELLER_KEY, SELLER_SECRET);
  private final MarketplaceEntitlementClient entitlements = Marketplace.entitlements(SANDBOX, SELLER_KEY, SELLER_SECRET);
  private final Marketplace.Inbox sellerInbox = new Marketplace.Inbox(Marketplace.sqs(SANDBOX, SELLER_KEY, SELLER_SECRET));
  private final Marketplace.Inbox resellerInbox = new Marketplace.Inbox(Marketplace.sqs(SANDBOX, RESELLER_KEY, RESELLER_SECRET));

  private static String newBuyer() {
    return SandboxFixture.openAccount("Buyer " + System.nanoTime(), "BUYER").accountId();
  }

  private List<Entitlement> entitlementsOf(String token, String buyer) {
    String code = metering.resolveCustomer(r -> r.registrationToken(token)).productCode();
    return entitlements.getEntitlements(r -> r.productCode(code)
        .filter(Map.of(GetEntitlementFilterName.CUSTOMER_AWS_ACCOUNT_ID, List.of(buyer)))).entitlements();
  }

  @Test
  void aPublicSubscriptionIsAnAgreementAtListPriceUnderTheStandardEula() {
    String buyer = newBuyer();
    Marketplace.Purchase purchase = Marketplace.subscribe("prod-sbxpublic0001", buyer, Map.of("Seats", 10, "PremiumTier", 1));

    var described = sellerAgreements.describeAgreement(r -> r.agreementId(purchase.agreementId()));
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(described.proposalSummary().offerId()).isEqualTo("offer-sbxpublic0001");
    assertThat(described.estimatedCharges().agreementValue()).isEqualTo("6000.00");
    List<AcceptedTerm> terms = sellerAgreements.getAgreementTerms(r -> r.agreementId(purchase.agreementId())).acceptedTerms();
    var upfront = Marketplace.term(terms, AcceptedTerm::configurableUpfrontPricingTerm);
    assertThat(upfront.configuration().selectorValue()).isEqualTo("P12M");
    assertThat(upfront.configuration().dimensions()).extracting(d -> d.dimensionKey() + "=" + d.dimensionValue())
        .containsExactlyInAnyOrder("Seats=10", "PremiumTier=1");
    assertThat(Marketplace.term(terms, AcceptedTerm::usageBasedPricingTerm).rateCards().get(0).rateCard())
        .extracting(r -> r.dimensionKey() + "@" + r.price()).containsExactly("ApiCalls@0.01");
    assertThat(Marketplace.term(terms, AcceptedTerm::legalTerm).documents().get(0).type()).isEqualTo("StandardEula");

    assertThat(entitlementsOf(purchase.token(), buyer)).extracting(e -> e.dimension() + "=" + e.value().integerValue())
        .containsExactlyInAnyOrder("Seats=10", "PremiumTier=1");
    sellerInbox.awaitEvent("Purchase Agreement Created - Proposer", forAgreement(purchase.agreementId()));

    JsonNode again = SandboxFixture.send("POST", "/sandbox/products/prod-sbxpublic0001/subscribe",
        Map.of("buyerAccountId", buyer, "dimensions", List.of(Map.of("key", "Seats", "quantity", 1))), 409);
    assertThat(again.path("code").asText()).isEqualTo("ALREADY_SUBSCRIBED");
    JsonNode limited = SandboxFixture.send("POST", "/sandbox/products/prod-sbxlimited001/subscribe",
        Map.of("buyerAccountId", buyer, "dimensions", List.of()), 409);
    assertThat(limited.path("code").asText()).isEqualTo("PRODUCT_NOT_PUBLIC");

    JsonNode cancelled = SandboxFixture.post("/sandbox/agreements/" + purchase.agreementId() + "/cancel", null);
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(sellerAgreements.describeAgreement(r -> r.agreementId(purchase.agreementId())).statusAsString()).isEqualTo("CANCELLED");
    JsonNode ended = sellerInbox.awaitEvent("Purchase Agreement Ended - Proposer", forAgreement(purchase.agreementId()));
    assertThat(ended.path("detail").path("agreement").path("status").asText()).isEqualTo("CANCELLED");
    assertThat(entitlementsOf(purchase.token(), buyer)).isEmpty();
    assertThat(SandboxFixture.send("POST", "/sandbox/agreements/" + purchase.agreementId() + "/terminate", null, 409)
        .path("code").asText()).isEqualTo("AGREEMENT_NOT_ACTIVE");
  }

  @Test
  void acceptingAReplacementOfferReplacesTheAgreementAndAmendsIt() {
    PurchaseTest.Deal deal = PurchaseTest.publishedPrivateOffer(seller);
    Marketplace.Purchase first = Marketplace.accept(deal.offerId(), deal.buyer());

    String ref = "$Replacement.Entity.Identifier";
    DescribeChangeSetResponse replacement = run(seller,
        change("CreateReplacementOffer", "Offer@1.0", null, "Replacement", "{\"AgreementId\":\"" + first.agreementId()
            + "\",\"Name\":\"Acme expansion\"}"),
        change("UpdatePricingTerms", "Offer@1.0", ref, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\","
            + "\"CurrencyCode\":\"USD\",\"Price\":\"900.00\",\"Duration\":\"P12M\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":50}]}]}"),
        change("UpdateValidityTerms", "Offer@1.0", ref, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementEndDate\":\"" + inDays(400) + "\"}]}"),
        change("UpdateLegalTerms", "Offer@1.0", ref, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":\"StandardEula\","
            + "\"Version\":\"2022-07-14\"}]}]}"),
        change("UpdateAvailability", "Offer@1.0", ref, "{\"AvailabilityEndDate\":\"" + inDays(20) + "\"}"),
        change("ReleaseOffer", "Offer@1.0", ref, "{}"));
    assertThat(replacement.status()).as("%s", replacement.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    String replacementOfferId = replacement.changeSet().get(0).entity().identifier();

    Marketplace.Purchase second = Marketplace.accept(replacementOfferId, deal.buyer());

    assertThat(sellerAgreements.describeAgreement(r -> r.agreementId(first.agreementId())).statusAsString()).isEqualTo("REPLACED");
    List<AgreementViewSummary> active = sellerAgreements.searchAgreements(r -> r.catalog("AWSMarketplace").filters(
        f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"),
        f -> f.name("AcceptorAccountId").values(deal.buyer()), f -> f.name("Status").values("ACTIVE"))).agreementViewSummaries();
    assertThat(active).extracting(AgreementViewSummary::agreementId).containsExactly(second.agreementId());
    assertThat(active.get(0).endTime().toString()).startsWith(inDays(400) + "T23:59:59.999");
    var firstPage = sellerAgreements.searchAgreements(r -> r.catalog("AWSMarketplace").maxResults(1)
        .sort(o -> o.sortBy("EndTime").sortOrder("ASCENDING")).filters(
        f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"),
        f -> f.name("AcceptorAccountId").values(deal.buyer())));
    assertThat(firstPage.agreementViewSummaries()).extracting(AgreementViewSummary::agreementId).containsExactly(first.agreementId());
    var secondPage = sellerAgreements.searchAgreements(r -> r.catalog("AWSMarketplace").maxResults(1)
        .nextToken(firstPage.nextToken()).sort(o -> o.sortBy("EndTime").sortOrder("ASCENDING")).filters(
        f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"),
        f -> f.name("AcceptorAccountId").values(deal.buyer())));
    assertThat(secondPage.agreementViewSummaries()).extracting(AgreementViewSummary::agreementId).containsExactly(second.agreementId());
    assertThat(secondPage.nextToken()).isNull();

    JsonNode amended = sellerInbox.awaitEvent("Purchase Agreement Amended - Proposer", forAgreement(second.agreementId()));
    assertThat(amended.path("detail").path("agreement").path("intent").asText()).isEqualTo("REPLACE");
    assertThat(amended.path("detail").path("agreement").path("previousAgreementId").asText()).isEqualTo(first.agreementId());
    assertThat(entitlementsOf(second.token(), deal.buyer())).singleElement()
        .satisfies(e -> assertThat(e.value().integerValue()).isEqualTo(50));
  }

  @Test
  void aChannelPartnerOfferIsProposedByTheResellerAndReportedToBoth() {
    String buyer = newBuyer();
    String raId = ResaleAuthorizationTest.releasedAuthorization(seller, 1, buyer);
    String ref = "$CreateCPPOoffer.Entity.Identifier";
    DescribeChangeSetResponse done = run(reseller,
        change("CreateOfferUsingResaleAuthorization", "Offer@1.0", null, "CreateCPPOoffer", "{\"ResaleAuthorizationId\":\"" + raId
            + "\",\"Name\":\"Via Demo Reseller\",\"Description\":\"Channel deal\"}"),
        change("UpdateMarkup", "Offer@1.0", ref, "{\"Percentage\":\"5.0\"}"),
        change("UpdateTargeting", "Offer@1.0", ref, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + buyer + "\"]}}"),
        change("UpdateAvailability", "Offer@1.0", ref, "{\"AvailabilityEndDate\":\"" + inDays(30) + "\"}"),
        change("UpdateValidityTerms", "Offer@1.0", ref, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        change("ReleaseOffer", "Offer@1.0", ref, "{}"));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    String offerId = done.changeSet().get(0).entity().identifier();
    String bareOfferId = offerId.contains("@") ? offerId.substring(0, offerId.indexOf('@')) : offerId;
    // The ISV hears that a reseller released an offer on its product.
    JsonNode released = sellerInbox.awaitEvent("Offer Released",
        e -> e.path("detail").path("offer").path("id").asText().equals(bareOfferId));
    assertThat(released.path("detail").path("sellerOfRecord").path("accountId").asText()).isEqualTo("444455556666");
    assertThat(released.path("detail").path("manufacturer").path("accountId").asText()).isEqualTo("111122223333");

    Marketplace.Purchase purchase = Marketplace.accept(offerId, buyer);

    JsonNode proposer = resellerInbox.awaitEvent("Purchase Agreement Created - Proposer", forAgreement(purchase.agreementId()));
    assertThat(proposer.path("account").asText()).isEqualTo("444455556666");
    assertThat(proposer.path("detail").path("resaleAuthorization").path("id").asText()).isEqualTo(raId);
    assertThat(proposer.path("detail").path("proposer").path("accountId").asText()).isEqualTo("444455556666");
    JsonNode manufacturer = sellerInbox.awaitEvent("Purchase Agreement Created - Manufacturer", forAgreement(purchase.agreementId()));
    assertThat(manufacturer.path("account").asText()).isEqualTo("111122223333");
    assertThat(manufacturer.path("detail").path("resaleAuthorization").path("id").asText()).isEqualTo(raId);
    sellerInbox.awaitEvent("License Updated - Manufacturer",
        e -> e.path("detail").path("agreement").path("id").asText().equals(purchase.agreementId()));
    assertThat(sellerInbox.about(purchase.agreementId())).extracting(e -> e.path("detail-type").asText())
        .doesNotContain("Purchase Agreement Created - Proposer");

    var described = resellerAgreements.describeAgreement(r -> r.agreementId(purchase.agreementId()));
    assertThat(described.proposer().accountId()).isEqualTo("444455556666");
    assertThat(Marketplace.search(resellerAgreements, "OfferId", offerId))
        .extracting(AgreementViewSummary::agreementId).containsExactly(purchase.agreementId());
    assertThat(entitlementsOf(purchase.token(), buyer)).isNotEmpty();
  }
}
