package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.inDays;
import static org.offerdesk.sandbox.SandboxFixture.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplaceagreement.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplaceagreement.model.ValidationException;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacemetering.model.InvalidTokenException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** What the marketplace refuses, and that a refusal changes nothing. */
class PurchaseRefusalTest {

  private static final URI SANDBOX = SandboxFixture.server().endpoint();
  private final MarketplaceCatalogClient seller = SandboxFixture.seller();
  private final MarketplaceAgreementClient agreements =
      Marketplace.agreements(SANDBOX, SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET);

  private static JsonNode refusedAcceptance(String offerId, String buyer, int status) {
    return SandboxFixture.send("POST", "/sandbox/offers/" + offerId + "/accept", Map.of("buyerAccountId", buyer), status);
  }

  private int agreementsOf(String offerId) {
    return Marketplace.search(agreements, "OfferId", offerId).size();
  }

  @Test
  void onlyATargetedBuyerMayAcceptAndOnlyOnce() {
    PurchaseTest.Deal deal = PurchaseTest.publishedPrivateOffer(seller);
    String stranger = SandboxFixture.openAccount("Stranger " + System.nanoTime(), "BUYER").accountId();

    assertThat(refusedAcceptance(deal.offerId(), stranger, 403).path("code").asText()).isEqualTo("BUYER_NOT_TARGETED");
    assertThat(agreementsOf(deal.offerId())).isZero();
    assertThat(refusedAcceptance(deal.offerId(), "000000000000", 404).path("code").asText()).isEqualTo("UNKNOWN_BUYER");

    Marketplace.accept(deal.offerId(), deal.buyer());
    JsonNode second = refusedAcceptance(deal.offerId(), deal.buyer(), 409);
    assertThat(second.path("code").asText()).isEqualTo("OFFER_ALREADY_ACCEPTED");
    assertThat(second.path("error").asText()).contains(deal.offerId());
    assertThat(agreementsOf(deal.offerId())).isEqualTo(1);
  }

  @Test
  void anExpiredOrUnreleasedOfferCannotBeAccepted() {
    PurchaseTest.Deal deal = PurchaseTest.publishedPrivateOffer(seller);
    assertThat(run(seller, change("UpdateAvailability", "Offer@1.0", deal.offerId(), "{\"AvailabilityEndDate\":\"" + inDays(-1) + "\"}"))
        .status().toString()).isEqualTo("SUCCEEDED");
    assertThat(refusedAcceptance(deal.offerId(), deal.buyer(), 410).path("code").asText()).isEqualTo("OFFER_EXPIRED");

    String draft = run(seller, change("CreateOffer", "Offer@1.0", null, "{\"ProductId\":\"" + deal.productId() + "\"}"))
        .changeSet().get(0).entity().identifier();
    assertThat(refusedAcceptance(draft, deal.buyer(), 409).path("code").asText()).isEqualTo("OFFER_NOT_RELEASED");
    assertThat(refusedAcceptance("offer-doesnotexist1", deal.buyer(), 404).path("code").asText()).isEqualTo("OFFER_NOT_FOUND");
    assertThat(agreementsOf(deal.offerId()) + agreementsOf(draft)).isZero();
  }

  @Test
  void badSignaturesAndUnknownThingsAreRefusedAsAwsRefusesThem() {
    try (var forged = Marketplace.agreements(SANDBOX, SandboxFixture.SELLER_KEY, "not-the-secret")) {
      assertThatThrownBy(() -> forged.describeAgreement(r -> r.agreementId("agmt-whatever")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
          });
    }
    try (var forged = Marketplace.sqs(SANDBOX, SandboxFixture.SELLER_KEY, "not-the-secret")) {
      assertThatThrownBy(() -> forged.getQueueUrl(r -> r.queueName("aws-marketplace-events")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
    assertThatThrownBy(() -> agreements.describeAgreement(r -> r.agreementId("agmt-unknown00000000000000000")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> agreements.searchAgreements(r -> r.catalog("AWSMarketplace")
        .filters(f -> f.name("Colour").values("blue"))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.reasonAsString()).isEqualTo("INVALID_FILTER_NAME"));
    assertThatThrownBy(() -> agreements.searchAgreements(r -> r.catalog("AWSMarketplace")
        .filters(f -> f.name("OfferId").values("offer-x"))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.reasonAsString()).isEqualTo("UNSUPPORTED_FILTERS"));
    assertThatThrownBy(() -> agreements.searchAgreements(r -> r.catalog("AWSMarketplace").filters(
        f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"))
        .sort(o -> o.sortBy("StartTime"))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.reasonAsString()).isEqualTo("INVALID_SORT_BY"));
    try (var metering = Marketplace.metering(SANDBOX, SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET)) {
      assertThatThrownBy(() -> metering.resolveCustomer(r -> r.registrationToken("not-a-token")))
          .isInstanceOf(InvalidTokenException.class);
    }
    try (var sqs = Marketplace.sqs(SANDBOX, SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET)) {
      assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("some-other-queue"))).isInstanceOf(QueueDoesNotExistException.class);
    }
  }
}
