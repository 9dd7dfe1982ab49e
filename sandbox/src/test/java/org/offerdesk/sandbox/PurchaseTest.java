package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.Marketplace.forAgreement;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_KEY;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_SECRET;
import static org.offerdesk.sandbox.SandboxFixture.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplaceagreement.model.DescribeAgreementResponse;
import software.amazon.awssdk.services.marketplaceentitlement.MarketplaceEntitlementClient;
import software.amazon.awssdk.services.marketplaceentitlement.model.Entitlement;
import software.amazon.awssdk.services.marketplaceentitlement.model.GetEntitlementFilterName;
import software.amazon.awssdk.services.marketplacemetering.MarketplaceMeteringClient;
import software.amazon.awssdk.services.marketplacemetering.model.ResolveCustomerResponse;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * A buyer accepts a private offer the seller published through the SDK; the seller then finds the
 * agreement, its terms, its events, the buyer's registration and entitlements through the AWS SDK.
 */
class PurchaseTest {

  private final MarketplaceCatalogClient seller = SandboxFixture.seller();
  private final MarketplaceAgreementClient agreements =
      Marketplace.agreements(SandboxFixture.server().endpoint(), SELLER_KEY, SELLER_SECRET);
  private final MarketplaceMeteringClient metering = Marketplace.metering(SandboxFixture.server().endpoint(), SELLER_KEY, SELLER_SECRET);
  private final MarketplaceEntitlementClient entitlements =
      Marketplace.entitlements(SandboxFixture.server().endpoint(), SELLER_KEY, SELLER_SECRET);
  private final Marketplace.Inbox inbox =
      new Marketplace.Inbox(Marketplace.sqs(SandboxFixture.server().endpoint(), SELLER_KEY, SELLER_SECRET));

  /** A new buyer and a new product of the demo seller, so that this test's agreements are its own. */
  record Deal(String buyer, String productId, String offerId) {}

  static Deal publishedPrivateOffer(MarketplaceCatalogClient seller) {
    String buyer = SandboxFixture.openAccount("Buyer " + System.nanoTime(), "BUYER").accountId();
    String productId = SandboxFixture.addProduct("111122223333", "Product " + System.nanoTime());
    DescribeChangeSetResponse done = run(seller, PrivateOfferTest.fullPrivateOffer(productId, buyer).toArray(Change[]::new));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    return new Deal(buyer, productId, done.changeSet().get(0).entity().identifier());
  }

  @Test
  void anAcceptedPrivateOfferBecomesAnAgreementTheSellerCanSeeEverywhere() {
    Deal deal = publishedPrivateOffer(seller);
    Marketplace.Purchase purchase = Marketplace.accept(deal.offerId(), deal.buyer());

    assertThat(purchase.agreementId()).matches("agmt-[a-z0-9]{25}");
    assertThat(purchase.fulfillmentUrl()).isEqualTo("http://localhost:8080/marketplace/register");
    assertThat(purchase.token()).isNotBlank();

    List<AgreementViewSummary> found = Marketplace.search(agreements, "OfferId", deal.offerId());
    assertThat(found).singleElement().satisfies(a -> {
      assertThat(a.agreementId()).isEqualTo(purchase.agreementId());
      assertThat(a.statusAsString()).isEqualTo("ACTIVE");
      assertThat(a.acceptor().accountId()).isEqualTo(deal.buyer());
      assertThat(a.proposer().accountId()).isEqualTo("111122223333");
      assertThat(a.proposalSummary().offerId()).isEqualTo(deal.offerId());
      assertThat(a.proposalSummary().resources()).singleElement()
          .satisfies(res -> assertThat(res.id()).isEqualTo(deal.productId()));
      assertThat(a.endTime()).isAfter(a.startTime().plus(java.time.Duration.ofDays(364)));
    });

    DescribeAgreementResponse described = agreements.describeAgreement(r -> r.agreementId(purchase.agreementId()));
    assertThat(described.agreementType()).isEqualTo("PurchaseAgreement");
    assertThat(described.estimatedCharges().currencyCode()).isEqualTo("USD");
    assertThat(described.estimatedCharges().agreementValue()).isEqualTo("370.00");

    List<AcceptedTerm> terms = agreements.getAgreementTerms(r -> r.agreementId(purchase.agreementId())).acceptedTerms();
    var fixed = Marketplace.term(terms, AcceptedTerm::fixedUpfrontPricingTerm);
    assertThat(fixed.price()).isEqualTo("0.0");
    assertThat(fixed.duration()).isEqualTo("P12M");
    assertThat(fixed.grants()).singleElement().satisfies(g -> {
      assertThat(g.dimensionKey()).isEqualTo("Seats");
      assertThat(g.maxQuantity()).isEqualTo(25);
    });
    assertThat(Marketplace.term(terms, AcceptedTerm::paymentScheduleTerm).schedule()).extracting(s -> s.chargeAmount())
        .containsExactly("200.00", "170.00");
    assertThat(Marketplace.term(terms, AcceptedTerm::validityTerm).agreementDuration()).isEqualTo("P12M");
    assertThat(Marketplace.term(terms, AcceptedTerm::legalTerm).documents()).singleElement()
        .satisfies(d -> assertThat(d.version()).isEqualTo("2022-07-14"));
    assertThat(Marketplace.term(terms, AcceptedTerm::supportTerm).refundPolicy()).isEqualTo("No refunds");
    assertThat(Marketplace.term(terms, AcceptedTerm::renewalTerm).configuration().enableAutoRenew()).isFalse();

    JsonNode created = inbox.awaitEvent("Purchase Agreement Created - Proposer", forAgreement(purchase.agreementId()));
    assertThat(created.path("source").asText()).isEqualTo("aws.agreement-marketplace");
    assertThat(created.path("account").asText()).isEqualTo("111122223333");
    assertThat(created.path("resources").get(0).asText()).isEqualTo("arn:aws:aws-marketplace::aws:agreement:" + purchase.agreementId());
    JsonNode detail = created.path("detail");
    assertThat(detail.path("agreement").path("intent").asText()).isEqualTo("NEW");
    assertThat(detail.path("agreement").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(detail.path("acceptor").path("accountId").asText()).isEqualTo(deal.buyer());
    assertThat(detail.path("offer").path("id").asText()).isEqualTo(deal.offerId());
    assertThat(detail.path("resaleAuthorization").isNull()).isTrue();
    inbox.awaitEvent("License Updated - Manufacturer", e -> e.path("detail").path("agreement").path("id").asText().equals(purchase.agreementId()));
    assertThat(inbox.about(purchase.agreementId())).extracting(e -> e.path("detail-type").asText())
        .doesNotContain("Purchase Agreement Created - Manufacturer");
    inbox.awaitEvent("Offer Released", e -> e.path("detail").path("offer").path("id").asText().equals(deal.offerId()));

    ResolveCustomerResponse customer = metering.resolveCustomer(r -> r.registrationToken(purchase.token()));
    assertThat(customer.customerAWSAccountId()).isEqualTo(deal.buyer());
    assertThat(customer.customerIdentifier()).isNotBlank();
    ResolveCustomerResponse again = metering.resolveCustomer(r -> r.registrationToken(purchase.token()));
    assertThat(again.toString()).isEqualTo(customer.toString());

    List<Entitlement> granted = entitlements.getEntitlements(r -> r.productCode(customer.productCode())
        .filter(Map.of(GetEntitlementFilterName.CUSTOMER_AWS_ACCOUNT_ID, List.of(deal.buyer())))).entitlements();
    assertThat(granted).singleElement().satisfies(e -> {
      assertThat(e.dimension()).isEqualTo("Seats");
      assertThat(e.value().integerValue()).isEqualTo(25);
      assertThat(e.customerIdentifier()).isEqualTo(customer.customerIdentifier());
      assertThat(e.expirationDate()).isEqualTo(found.get(0).endTime());
    });
    assertThat(entitlements.getEntitlements(r -> r.productCode(customer.productCode())
        .filter(Map.of(GetEntitlementFilterName.CUSTOMER_IDENTIFIER, List.of(customer.customerIdentifier())))).entitlements())
        .isEqualTo(granted);
  }
}
