package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.inDays;
import static org.offerdesk.sandbox.SandboxFixture.run;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.FailureCode;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;

/** A full private offer in one change set of 11 changes, and a replacement offer on an unknown agreement. */
class PrivateOfferTest {

  static final String OFFER = "Offer@1.0";
  static final String REF = "$CreateOfferChange.Entity.Identifier";

  private final MarketplaceCatalogClient seller = SandboxFixture.seller();

  static List<Change> fullPrivateOffer(String productId, String buyer) {
    return fullPrivateOffer(productId, buyer, SandboxFixture::inDays);
  }

  /** The same offer, its dates counted from another today (a sandbox whose clock was moved). */
  static List<Change> fullPrivateOffer(String productId, String buyer, IntFunction<String> inDays) {
    return List.of(
        change("CreateOffer", OFFER, null, "CreateOfferChange", "{\"ProductId\":\"" + productId + "\"}"),
        change("UpdateInformation", OFFER, REF, "{\"Name\":\"Acme private offer\",\"Description\":\"Three-year deal\"}"),
        change("UpdateTargeting", OFFER, REF, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + buyer + "\"]}}"),
        change("UpdatePricingTerms", OFFER, REF, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\","
            + "\"CurrencyCode\":\"USD\",\"Price\":\"0.0\",\"Duration\":\"P12M\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":25}]}]}"),
        change("UpdateValidityTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        change("UpdatePaymentScheduleTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\","
            + "\"Schedule\":[{\"ChargeDate\":\"" + inDays.apply(10) + "\",\"ChargeAmount\":\"200.00\"},{\"ChargeDate\":\"" + inDays.apply(190)
            + "\",\"ChargeAmount\":\"170.00\"}]}]}"),
        change("UpdateLegalTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":\"StandardEula\","
            + "\"Version\":\"2022-07-14\"}]}]}"),
        change("UpdateSupportTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"SupportTerm\",\"RefundPolicy\":\"No refunds\"}]}"),
        change("UpdateRenewalTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"RenewalTerm\"}]}"),
        change("UpdateAvailability", OFFER, REF, "{\"AvailabilityEndDate\":\"" + inDays.apply(30) + "\"}"),
        change("ReleaseOffer", OFFER, REF, "{}"));
  }

  @Test
  void releasesAFullPrivateOfferFromElevenChanges() {
    DescribeChangeSetResponse done = run(seller, fullPrivateOffer("prod-sbxlimited001", "777788889999").toArray(Change[]::new));

    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    assertThat(done.changeSet()).hasSize(11).allSatisfy(c -> assertThat(c.errorDetailList()).isEmpty());
    assertThat(done.endTime()).hasSize(20);
    String offerId = done.changeSet().get(0).entity().identifier();
    assertThat(offerId).matches("offer-[a-z0-9]{13}");
    assertThat(done.changeSet().get(1).entity().identifier()).isEqualTo(offerId);

    DescribeEntityResponse offer = seller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId));
    assertThat(offer.entityType()).isEqualTo("Offer@1.0");
    assertThat(offer.entityIdentifier()).isEqualTo(offerId + "@1");
    assertThat(offer.entityArn()).isEqualTo("arn:aws:aws-marketplace:us-east-1:111122223333:AWSMarketplace/Offer/" + offerId);
    var details = offer.detailsDocument().asMap();
    assertThat(details.get("State").asString()).isEqualTo("Released");
    assertThat(details.get("Name").asString()).isEqualTo("Acme private offer");
    assertThat(details.get("Terms").asList()).extracting(t -> t.asMap().get("Type").asString())
        .containsExactlyInAnyOrder("FixedUpfrontPricingTerm", "LegalTerm", "SupportTerm", "ValidityTerm", "PaymentScheduleTerm", "RenewalTerm");
    assertThat(offer.details()).contains("\"BuyerAccounts\":[\"777788889999\"]");
    assertThat(offer.details()).contains("\"ChargeDate\":\"" + SandboxFixture.inDays(10) + "T00:00:00.000Z\"");
  }

  @Test
  void refusesReleaseWithoutMandatoryFieldsAndChangesNothing() {
    DescribeChangeSetResponse done = run(seller,
        change("CreateOffer", OFFER, null, "CreateOfferChange", "{\"ProductId\":\"prod-sbxpublic0001\"}"),
        change("UpdateInformation", OFFER, REF, "{\"Name\":\"Incomplete\"}"),
        change("ReleaseOffer", OFFER, REF, "{}"));

    assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(done.failureCode()).isEqualTo(FailureCode.CLIENT_ERROR);
    ChangeSummary release = done.changeSet().get(2);
    assertThat(release.errorDetailList()).extracting(e -> e.errorCode())
        .contains("MISSING_DESCRIPTION", "MISSING_BUYER_ACCOUNTS", "MISSING_AVAILABILITY_END_DATE", "MISSING_MANDATORY_TERMS");
    assertThat(done.changeSet().get(0).entity().identifier()).isNull();
  }

  @Test
  void refusesAReplacementOfferOnAnUnknownAgreement() {
    DescribeChangeSetResponse done = run(seller,
        change("CreateReplacementOffer", OFFER, null, "Replacement", "{\"AgreementId\":\"agmt-1111111111111111111111111\"}"),
        change("UpdateInformation", OFFER, "$Replacement.Entity.Identifier", "{\"Name\":\"Replacement\"}"));

    assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(done.changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_AGREEMENT_ID");
    assertThat(done.changeSet().get(1).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_ENTITY_REFERENCE");
  }

  @Test
  void describingAnUnknownEntityIsNotFound() {
    assertThatThrownBy(() -> seller.describeEntity(r -> r.catalog(CATALOG).entityId("offer-doesnotexist1")))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
  }
}
