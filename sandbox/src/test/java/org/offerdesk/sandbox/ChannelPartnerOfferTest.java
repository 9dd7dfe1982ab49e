package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.inDays;
import static org.offerdesk.sandbox.SandboxFixture.run;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.AccessDeniedException;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;

/** Channel partner private offers (CPPO): built by the reseller, with its keys, on a resale authorization. */
class ChannelPartnerOfferTest {

  static final String OFFER = "Offer@1.0";
  static final String REF = "$CreateCPPOoffer.Entity.Identifier";
  private final MarketplaceCatalogClient seller = SandboxFixture.seller();
  private final MarketplaceCatalogClient reseller = SandboxFixture.reseller();

  private static Change createFrom(String raId) {
    return change("CreateOfferUsingResaleAuthorization", OFFER, null, "CreateCPPOoffer", "{\"ResaleAuthorizationId\":\"" + raId
        + "\",\"Name\":\"Acme via Demo Reseller\",\"Description\":\"Channel deal\"}");
  }

  @Test
  void aOneTimeAuthorizationMakesOneOfferAndRefusesTheSecond() {
    String raId = ResaleAuthorizationTest.releasedAuthorization(seller, 1, "777788889999");
    DescribeChangeSetResponse done = run(reseller, createFrom(raId),
        change("UpdateMarkup", OFFER, REF, "{\"Percentage\":\"5.0\"}"),
        change("UpdateTargeting", OFFER, REF, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"777788889999\"]}}"),
        change("UpdateAvailability", OFFER, REF, "{\"AvailabilityEndDate\":\"" + inDays(30) + "\"}"),
        change("UpdateValidityTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        change("ReleaseOffer", OFFER, REF, "{}"));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    String offerId = done.changeSet().get(0).entity().identifier();

    var offer = reseller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId));
    assertThat(offer.entityArn()).contains(":444455556666:AWSMarketplace/Offer/");
    var details = offer.detailsDocument().asMap();
    assertThat(details.get("State").asString()).isEqualTo("Released");
    assertThat(details.get("ResaleAuthorizationId").asString()).isEqualTo(raId);
    assertThat(details.get("MarkupPercentage").asString()).isEqualTo("5.0");
    assertThat(offer.details()).contains("\"Type\":\"ConfigurableUpfrontPricingTerm\"", "\"Type\":\"LegalTerm\"", "https://example.com/eula.pdf");

    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(raId)).detailsDocument().asMap().get("OfferDetails").asMap()
        .get("OfferExtendedStatus").asString()).isEqualTo("Completed-Used");
    var sharedWithIsv = seller.listEntities(r -> r.catalog(CATALOG).entityType("Offer").ownershipType(OwnershipType.SHARED)
        .entityTypeFilters(f -> f.offerFilters(o -> o.resaleAuthorizationId(a -> a.valueList(raId)))));
    assertThat(sharedWithIsv.entitySummaryList()).extracting(EntitySummary::entityId).containsExactly(offerId);

    DescribeChangeSetResponse second = run(reseller, createFrom(raId));
    assertThat(second.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(second.changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_RESALE_AUTHORIZATION");
    assertThat(second.changeSet().get(0).errorDetailList().get(0).errorMessage()).contains("allows 1 offer");

    DescribeChangeSetResponse lateMarkup = run(reseller, change("UpdateMarkup", OFFER, offerId, "{\"Percentage\":\"7\"}"));
    assertThat(lateMarkup.changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_UPDATE_REQUEST");
  }

  @Test
  void theResellerMayOnlyNarrowTheAuthorization() {
    String raId = ResaleAuthorizationTest.releasedAuthorization(seller, null, "777788889999");
    DescribeChangeSetResponse created = run(reseller, createFrom(raId));
    String offerId = created.changeSet().get(0).entity().identifier();

    assertThat(run(reseller, change("UpdateTargeting", OFFER, offerId, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"210987654321\"]}}"))
        .changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_BUYER_ACCOUNTS");
    assertThat(run(reseller, change("UpdateAvailability", OFFER, offerId, "{\"AvailabilityEndDate\":\"" + inDays(365) + "\"}"))
        .changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_AVAILABILITY_END_DATE");
    assertThat(run(reseller, change("UpdatePricingTerms", OFFER, offerId, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":"
        + "\"ConfigurableUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":[{\"Selector\":{\"Type\":\"Duration\",\"Value\":"
        + "\"P12M\"},\"RateCard\":[{\"DimensionKey\":\"PremiumTier\",\"Price\":\"500\"}],\"Constraints\":{\"MultipleDimensionSelection\":"
        + "\"Allowed\",\"QuantityConfiguration\":\"Allowed\"}}]}]}")).changeSet().get(0).errorDetailList())
        .extracting(e -> e.errorCode()).containsExactly("INCOMPATIBLE_DIMENSIONS");
    assertThat(run(reseller, change("UpdateMarkup", OFFER, offerId, "{\"Percentage\":\"12.5\"}")).status()).isEqualTo(ChangeStatus.SUCCEEDED);
    assertThat(reseller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)).detailsDocument().asMap().get("MarkupPercentage")
        .asString()).isEqualTo("12.5");
  }

  @Test
  void onlyTheAuthorizedResellerCanUseTheAuthorization() {
    String raId = ResaleAuthorizationTest.releasedAuthorization(seller, null, "777788889999");
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(createFrom(raId))))
        .isInstanceOf(AccessDeniedException.class);
    String offerId = run(reseller, createFrom(raId)).changeSet().get(0).entity().identifier();
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG)
        .changeSet(change("UpdateMarkup", OFFER, offerId, "{\"Percentage\":\"1\"}")))).isInstanceOf(AccessDeniedException.class);
  }
}
