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
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/** Each ResaleAuthorization@1.0 change type, succeeding and failing, and what the reseller sees. */
class ResaleAuthorizationTest {

  static final String RA = "ResaleAuthorization@1.0";
  static final String REF = "$RA.Entity.Identifier";
  private final MarketplaceCatalogClient seller = SandboxFixture.seller();
  private final MarketplaceCatalogClient reseller = SandboxFixture.reseller();

  static Change create(String name) {
    return change("CreateResaleAuthorization", RA, null, "RA", "{\"ProductId\":\"prod-sbxpublic0001\",\"Name\":\"" + name
        + "\",\"Description\":\"Wholesale for the demo reseller\",\"ResellerAccountId\":\"444455556666\"}");
  }

  static Change contractPricing(String id) {
    return change("UpdatePricingTerms", RA, id, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":"
        + "\"ResaleConfigurableUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":[{\"Selector\":{\"Type\":\"Duration\","
        + "\"Value\":\"P12M\"},\"RateCard\":[{\"DimensionKey\":\"BasicTier\",\"Price\":\"150\"}],\"Constraints\":"
        + "{\"MultipleDimensionSelection\":\"Allowed\",\"QuantityConfiguration\":\"Allowed\"}}]}]}");
  }

  static Change buyerLegal(String id) {
    return change("UpdateLegalTerms", RA, id, "{\"Terms\":[{\"Type\":\"BuyerLegalTerm\",\"Documents\":[{\"Type\":\"CustomEula\","
        + "\"Url\":\"https://example.com/eula.pdf\"}]},{\"Type\":\"ResaleLegalTerm\",\"Documents\":[{\"Type\":"
        + "\"StandardResellerContract\",\"Version\":\"2021-11-01\"}]}]}");
  }

  /** A released authorization for the demo reseller; {@code maxOffers} null means multi-use. */
  static String releasedAuthorization(MarketplaceCatalogClient seller, Integer maxOffers, String buyer) {
    String availability = "{\"AvailabilityEndDate\":\"" + inDays(60) + "\"" + (maxOffers == null ? "" : ",\"OffersMaxQuantity\":" + maxOffers) + "}";
    DescribeChangeSetResponse done = run(seller,
        create("One-time for Acme"),
        change("ReleaseResaleAuthorization", RA, REF, "{}"),
        contractPricing(REF),
        buyerLegal(REF),
        change("UpdateBuyerTargetingTerms", RA, REF, "{\"Terms\":[{\"Type\":\"BuyerTargetingTerm\",\"PositiveTargeting\":"
            + "{\"BuyerAccounts\":[\"" + buyer + "\"]}}]}"),
        change("UpdateAvailability", RA, REF, availability));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done.changeSet().get(0).entity().identifier();
  }

  private String draft() {
    DescribeChangeSetResponse done = run(seller, create("Draft authorization"));
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done.changeSet().get(0).entity().identifier();
  }

  private DescribeChangeSetResponse expectFailure(String code, Change... changes) {
    DescribeChangeSetResponse done = run(seller, changes);
    assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(done.changeSet()).flatExtracting(c -> c.errorDetailList()).extracting(e -> e.errorCode()).contains(code);
    return done;
  }

  private void refused(Change change) {
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(change))).isInstanceOf(ValidationException.class);
  }

  @Test
  void aReleasedAuthorizationIsActiveAndSharedWithItsReseller() {
    String id = releasedAuthorization(seller, 1, "777788889999");
    var described = seller.describeEntity(r -> r.catalog(CATALOG).entityId(id));
    assertThat(described.entityType()).isEqualTo("ResaleAuthorization@1.0");
    var details = described.detailsDocument().asMap();
    assertThat(details.get("Status").asString()).isEqualTo("Active");
    assertThat(details.get("ManufacturerLegalName").asString()).isEqualTo("Demo ISV");
    assertThat(details.get("OfferDetails").asMap().get("OfferExtendedStatus").asString()).isEqualTo("Not Started");
    assertThat(described.details()).contains("\"AwsAccountId\":\"777788889999\"", "\"OffersMaxQuantity\":1", "\"Usage\":\"Limited\"",
        "\"ResellerLegalName\":\"Demo Reseller\"");

    assertThat(reseller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).entityIdentifier()).isEqualTo(id + "@1");
    var shared = reseller.listEntities(r -> r.catalog(CATALOG).entityType("ResaleAuthorization").ownershipType(OwnershipType.SHARED)
        .entityTypeFilters(f -> f.resaleAuthorizationFilters(a -> a.entityId(e -> e.valueList(id)).status(s -> s.valueListWithStrings("Active")))));
    assertThat(shared.entitySummaryList()).extracting(EntitySummary::entityId).containsExactly(id);
    assertThat(shared.entitySummaryList().get(0).resaleAuthorizationSummary().resellerAccountID()).isEqualTo("444455556666");
  }

  @Test
  void aDraftIsNotVisibleToTheReseller() {
    String id = draft();
    assertThatThrownBy(() -> reseller.describeEntity(r -> r.catalog(CATALOG).entityId(id))).isInstanceOf(AccessDeniedException.class);
    var shared = reseller.listEntities(r -> r.catalog(CATALOG).entityType("ResaleAuthorization").ownershipType(OwnershipType.SHARED)
        .entityTypeFilters(f -> f.resaleAuthorizationFilters(a -> a.entityId(e -> e.valueList(id)))));
    assertThat(shared.entitySummaryList()).isEmpty();
  }

  @Test
  void createResaleAuthorization() {
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(draft())).detailsDocument().asMap().get("Status").asString())
        .isEqualTo("Draft");
    expectFailure("INVALID_RESELLER_ACCOUNT", change("CreateResaleAuthorization", RA, null, "{\"ProductId\":\"prod-sbxpublic0001\","
        + "\"Name\":\"To a buyer\",\"ResellerAccountId\":\"777788889999\"}"));
    refused(change("CreateResaleAuthorization", RA, null, "{\"ProductId\":\"prod-sbxpublic0001\",\"ResellerAccountId\":\"444455556666\"}"));
  }

  @Test
  void updateInformationAndTargetingOnlyWhileDraft() {
    String id = draft();
    run(seller, change("UpdateInformation", RA, id, "{\"Name\":\"Renamed\"}"),
        change("UpdateBuyerTargetingTerms", RA, id, "{\"Terms\":[{\"Type\":\"BuyerTargetingTerm\",\"PositiveTargeting\":"
            + "{\"BuyerAccounts\":[\"210987654321\"]}}]}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details()).contains("\"Name\":\"Renamed\"", "210987654321");
    refused(change("UpdateBuyerTargetingTerms", RA, id, "{\"Terms\":[{\"Type\":\"BuyerTargetingTerm\",\"PositiveTargeting\":"
        + "{\"BuyerAccounts\":[\"not-an-id\"]}}]}"));
    String released = releasedAuthorization(seller, null, "777788889999");
    expectFailure("INVALID_UPDATE_REQUEST", change("UpdateInformation", RA, released, "{\"Name\":\"Too late\"}"));
    expectFailure("INVALID_UPDATE_REQUEST", change("UpdateBuyerTargetingTerms", RA, released, "{\"Terms\":[{\"Type\":"
        + "\"BuyerTargetingTerm\",\"PositiveTargeting\":{\"BuyerAccounts\":[\"210987654321\"]}}]}"));
  }

  @Test
  void updateAvailability() {
    String id = draft();
    run(seller, change("UpdateAvailability", RA, id, "{\"OffersMaxQuantity\":3,\"AvailabilityEndDate\":\"" + inDays(90) + "\"}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details()).contains("\"OffersMaxQuantity\":3");
    expectFailure("INVALID_AVAILABILITY_END_DATE", change("UpdateAvailability", RA, id, "{\"AvailabilityEndDate\":\"" + inDays(-1) + "\"}"));
    refused(change("UpdateAvailability", RA, id, "{\"OffersMaxQuantity\":0}"));
  }

  @Test
  void updateLegalAndPricingTerms() {
    String id = draft();
    DescribeChangeSetResponse done = run(seller, buyerLegal(id), contractPricing(id));
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details())
        .contains("ResaleConfigurableUpfrontPricingTerm", "BuyerLegalTerm", "\"Id\":\"term-");
    refused(change("UpdateLegalTerms", RA, id, "{\"Terms\":[{\"Type\":\"BuyerLegalTerm\",\"Documents\":[{\"Type\":\"StandardResellerContract\"}]}]}"));
    refused(change("UpdatePricingTerms", RA, id, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\","
        + "\"CurrencyCode\":\"USD\",\"Price\":\"1\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":1}]}]}"));
    expectFailure("INCOMPATIBLE_DIMENSIONS", change("UpdatePricingTerms", RA, id, "{\"PricingModel\":\"Usage\",\"Terms\":[{\"Type\":"
        + "\"ResaleUsageBasedPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":[{\"RateCard\":[{\"DimensionKey\":\"Cpu\",\"Price\":\"0.1\"}]}]}]}"));
  }

  @Test
  void updatePaymentScheduleTerms() {
    String schedule = "{\"Terms\":[{\"Type\":\"ResalePaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\""
        + inDays(5) + "\",\"ChargeAmount\":\"1000.00\"}]}]}";
    DescribeChangeSetResponse done = run(seller, create("Scheduled"),
        change("UpdatePricingTerms", RA, REF, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"ResaleFixedUpfrontPricingTerm\","
            + "\"CurrencyCode\":\"USD\",\"Price\":\"0\",\"Duration\":\"P12M\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":10}]}]}"),
        change("UpdatePaymentScheduleTerms", RA, REF, schedule), buyerLegal(REF),
        change("UpdateAvailability", RA, REF, "{\"OffersMaxQuantity\":1,\"AvailabilityEndDate\":\"" + inDays(30) + "\"}"),
        change("ReleaseResaleAuthorization", RA, REF, "{}"));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    expectFailure("INCOMPATIBLE_PAYMENT_SCHEDULE", create("Unfunded schedule"), contractPricing(REF),
        change("UpdatePaymentScheduleTerms", RA, REF, schedule), buyerLegal(REF), change("ReleaseResaleAuthorization", RA, REF, "{}"));
    refused(change("UpdatePaymentScheduleTerms", RA, draft(), "{\"Terms\":[{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\","
        + "\"Schedule\":[{\"ChargeDate\":\"" + inDays(5) + "\",\"ChargeAmount\":\"1\"}]}]}"));
  }

  @Test
  void releaseAndRestrict() {
    String id = draft();
    expectFailure("MISSING_MANDATORY_TERMS", change("ReleaseResaleAuthorization", RA, id, "{}"));
    expectFailure("INVALID_UPDATE_REQUEST", change("RestrictResaleAuthorization", RA, id, "{}"));
    String released = releasedAuthorization(seller, null, "777788889999");
    expectFailure("INVALID_UPDATE_REQUEST", change("ReleaseResaleAuthorization", RA, released, "{}"));
    DescribeChangeSetResponse restricted = run(seller, change("RestrictResaleAuthorization", RA, released, "{}"));
    assertThat(restricted.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(released)).detailsDocument().asMap().get("Status").asString())
        .isEqualTo("Restricted");
    expectFailure("INVALID_UPDATE_REQUEST", change("RestrictResaleAuthorization", RA, released, "{}"));
  }
}
