package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.inDays;
import static org.offerdesk.sandbox.SandboxFixture.run;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.AccessDeniedException;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/** Each Offer@1.0 change type, succeeding and failing with AWS's error codes. */
class OfferChangeTypesTest {

  static final String OFFER = "Offer@1.0";
  static final String PRODUCT = "prod-sbxlimited001";
  private final MarketplaceCatalogClient seller = SandboxFixture.seller();

  private String draft() {
    return ChangeSetBehaviourTest.draftOffer(seller, PRODUCT);
  }

  private String released() {
    DescribeChangeSetResponse done = run(seller, PrivateOfferTest.fullPrivateOffer(PRODUCT, "210987654321").toArray(Change[]::new));
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done.changeSet().get(0).entity().identifier();
  }

  private Map<String, Document> details(String entityId) {
    return seller.describeEntity(r -> r.catalog(CATALOG).entityId(entityId)).detailsDocument().asMap();
  }

  private void succeeds(Change... changes) {
    DescribeChangeSetResponse done = run(seller, changes);
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
  }

  private void failsWith(String code, Change... changes) {
    DescribeChangeSetResponse done = run(seller, changes);
    assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(done.failureCode().toString()).isEqualTo("CLIENT_ERROR");
    assertThat(done.failureDescription()).contains("ErrorDetailList");
    assertThat(done.changeSet()).flatExtracting(c -> c.errorDetailList()).extracting(e -> e.errorCode()).contains(code);
  }

  private void refused(Change change) {
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(change)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void createOffer() {
    String id = draft();
    assertThat(details(id).get("State").asString()).isEqualTo("Draft");
    assertThat(details(id).get("ProductId").asString()).isEqualTo(PRODUCT);

    var other = SandboxFixture.openAccount("Other ISV", "SELLER");
    String othersProduct = SandboxFixture.addProduct(other.accountId(), "Other product");
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG)
        .changeSet(change("CreateOffer", OFFER, null, "{\"ProductId\":\"" + othersProduct + "\"}"))))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG)
        .changeSet(change("CreateOffer", OFFER, null, "{\"ProductId\":\"prod-nosuchproduct\"}"))))
        .isInstanceOf(ResourceNotFoundException.class);
    String draftProduct = SandboxFixture.post("/sandbox/accounts/" + other.accountId() + "/products",
        Map.of("title", "Unpublished", "visibility", "Draft")).get("productId").asText();
    DescribeChangeSetResponse done = run(other.client(), change("CreateOffer", OFFER, null, "{\"ProductId\":\"" + draftProduct + "\"}"));
    assertThat(done.changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INCOMPATIBLE_PRODUCT");
  }

  @Test
  void updateInformation() {
    String id = draft();
    succeeds(change("UpdateInformation", OFFER, id, "{\"Name\":\"Renamed\",\"Description\":\"d\","
        + "\"PreExistingAgreement\":{\"AcquisitionChannel\":\"External\",\"PricingModel\":\"Contract\"}}"));
    assertThat(details(id).get("Name").asString()).isEqualTo("Renamed");
    refused(change("UpdateInformation", OFFER, id, "{\"Name\":\"<script>\"}"));
    refused(change("UpdateInformation", OFFER, id, "{}"));
    String released = released();
    succeeds(change("UpdateInformation", OFFER, released, "{\"Name\":\"Renamed after release\"}"));
    failsWith("INVALID_UPDATE_REQUEST", change("UpdateInformation", OFFER, released,
        "{\"PreExistingAgreement\":{\"AcquisitionChannel\":\"External\",\"PricingModel\":\"Contract\"}}"));
  }

  @Test
  void updateTargeting() {
    String id = draft();
    succeeds(change("UpdateTargeting", OFFER, id, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"777788889999\",\"210987654321\"],"
        + "\"CountryCodes\":[\"US\"]}}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details()).contains("\"777788889999\",\"210987654321\"");
    refused(change("UpdateTargeting", OFFER, id, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"12345\"]}}"));
    failsWith("INVALID_UPDATE_REQUEST", change("UpdateTargeting", OFFER, released(),
        "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"777788889999\"]}}"));
  }

  @Test
  void updatePricingTerms() {
    String id = draft();
    succeeds(change("UpdatePricingTerms", OFFER, id, "{\"PricingModel\":\"Usage\",\"Terms\":[{\"Type\":\"UsageBasedPricingTerm\","
        + "\"CurrencyCode\":\"USD\",\"RateCards\":[{\"RateCard\":[{\"DimensionKey\":\"Seats\",\"Price\":\"0.12345678\"}]}]}]}"));
    succeeds(change("UpdatePricingTerms", OFFER, id, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"ConfigurableUpfrontPricingTerm\","
        + "\"CurrencyCode\":\"EUR\",\"RateCards\":[{\"Selector\":{\"Type\":\"Duration\",\"Value\":\"P12M\"},\"RateCard\":"
        + "[{\"DimensionKey\":\"BasicTier\",\"Price\":\"150\"}],\"Constraints\":{\"MultipleDimensionSelection\":\"Allowed\","
        + "\"QuantityConfiguration\":\"Allowed\"}}]},{\"Type\":\"FreeTrialPricingTerm\",\"Duration\":\"P30D\",\"Grants\":"
        + "[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":5}]}]}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details()).contains("ConfigurableUpfrontPricingTerm");
    failsWith("INCOMPATIBLE_DIMENSIONS", change("UpdatePricingTerms", OFFER, id, "{\"PricingModel\":\"Contract\",\"Terms\":"
        + "[{\"Type\":\"FixedUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"Price\":\"10\",\"Duration\":\"P12M\",\"Grants\":"
        + "[{\"DimensionKey\":\"Bananas\",\"MaxQuantity\":1}]}]}"));
    failsWith("INCOMPATIBLE_RATES", change("UpdatePricingTerms", OFFER, id, "{\"PricingModel\":\"Free\",\"Terms\":"
        + "[{\"Type\":\"FixedUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"Price\":\"10\",\"Duration\":\"P12M\",\"Grants\":"
        + "[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":1}]}]}"));
    failsWith("INCOMPATIBLE_PRICING_MODEL", change("UpdatePricingTerms", OFFER, id, "{\"PricingModel\":\"Byol\",\"Terms\":"
        + "[{\"Type\":\"RecurringPaymentTerm\",\"CurrencyCode\":\"USD\",\"BillingPeriod\":\"Monthly\",\"Price\":\"100.0\"}]}"));
    refused(change("UpdatePricingTerms", OFFER, id, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\","
        + "\"CurrencyCode\":\"USD\",\"Price\":\"10.1234\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":1}]}]}"));
    refused(change("UpdatePricingTerms", OFFER, id, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\","
        + "\"CurrencyCode\":\"CHF\",\"Price\":\"10\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":1}]}]}"));
    failsWith("INVALID_UPDATE_REQUEST", change("UpdatePricingTerms", OFFER, released(), "{\"PricingModel\":\"Byol\",\"Terms\":"
        + "[{\"Type\":\"ByolPricingTerm\"}]}"));
  }

  @Test
  void updateLegalTerms() {
    String id = draft();
    succeeds(change("UpdateLegalTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":\"CustomEula\","
        + "\"Url\":\"https://example.com/eula.pdf\"}]}]}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details()).contains("https://example.com/eula.pdf");
    refused(change("UpdateLegalTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":\"CustomEula\"}]}]}"));
    failsWith("INVALID_UPDATE_REQUEST", change("UpdateLegalTerms", OFFER, released(), "{\"Terms\":[{\"Type\":\"LegalTerm\","
        + "\"Documents\":[{\"Type\":\"StandardEula\",\"Version\":\"2022-07-14\"}]}]}"));
  }

  @Test
  void updateSupportTerms() {
    String id = draft();
    succeeds(change("UpdateSupportTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"SupportTerm\",\"RefundPolicy\":\"30 days\"}]}"));
    refused(change("UpdateSupportTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"SupportTerm\",\"RefundPolicy\":\"\"}]}"));
    failsWith("INVALID_UPDATE_REQUEST", change("UpdateSupportTerms", OFFER, released(),
        "{\"Terms\":[{\"Type\":\"SupportTerm\",\"RefundPolicy\":\"none\"}]}"));
  }

  @Test
  void updateValidityTerms() {
    String id = draft();
    succeeds(change("UpdateValidityTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementStartDate\":\""
        + inDays(5) + "\",\"AgreementEndDate\":\"" + inDays(400) + "\"}]}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details())
        .contains("\"AgreementEndDate\":\"" + inDays(400) + "T23:59:59.999Z\"");
    refused(change("UpdateValidityTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\","
        + "\"AgreementEndDate\":\"" + inDays(400) + "\"}]}"));
    String released = released();
    succeeds(change("UpdateValidityTerms", OFFER, released, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P24M\"}]}"));
    failsWith("INVALID_UPDATE_REQUEST", change("UpdateValidityTerms", OFFER, released,
        "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementEndDate\":\"" + inDays(400) + "\"}]}"));
  }

  @Test
  void updatePaymentScheduleTerms() {
    String id = draft();
    failsWith("INCOMPATIBLE_PAYMENT_SCHEDULE", change("UpdatePaymentScheduleTerms", OFFER, id, "{\"Terms\":[{\"Type\":"
        + "\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\"" + inDays(3) + "\",\"ChargeAmount\":\"100\"}]}]}"));
    refused(change("UpdatePaymentScheduleTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\","
        + "\"Schedule\":[{\"ChargeDate\":\"" + inDays(3) + "\",\"ChargeAmount\":\"100.001\"}]}]}"));
    failsWith("INVALID_UPDATE_REQUEST", change("UpdatePaymentScheduleTerms", OFFER, released(), "{\"Terms\":[{\"Type\":"
        + "\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\"" + inDays(3) + "\",\"ChargeAmount\":\"1\"}]}]}"));
  }

  @Test
  void updateRenewalTerms() {
    String id = draft();
    succeeds(change("UpdateRenewalTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"RenewalTerm\"}]}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details()).contains("RenewalTerm");
    succeeds(change("UpdateRenewalTerms", OFFER, id, "{\"Terms\":[]}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(id)).details()).doesNotContain("RenewalTerm");
    refused(change("UpdateRenewalTerms", OFFER, id, "{\"Terms\":[{\"Type\":\"AutoRenew\"}]}"));
  }

  @Test
  void updateAvailabilityExpiresAReleasedOfferWithAPastDate() {
    String released = released();
    succeeds(change("UpdateAvailability", OFFER, released, "{\"AvailabilityEndDate\":\"" + inDays(-1) + "\"}"));
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(released)).details())
        .contains("\"AvailabilityEndDate\":\"" + inDays(-1) + "T23:59:59.999Z\"");
    var expired = seller.listEntities(r -> r.catalog(CATALOG).entityType("Offer").entityTypeFilters(f -> f.offerFilters(o -> o
        .entityId(e -> e.valueList(released))
        .availabilityEndDate(a -> a.dateRange(d -> d.beforeValue(java.time.Instant.now().toString().substring(0, 19) + "Z"))))));
    assertThat(expired.entitySummaryList()).hasSize(1);
    refused(change("UpdateAvailability", OFFER, released, "{\"AvailabilityEndDate\":\"31/12/2030\"}"));
    String draft = draft();
    List<Change> all = new java.util.ArrayList<>(PrivateOfferTest.fullPrivateOffer(PRODUCT, "777788889999"));
    all.set(9, change("UpdateAvailability", OFFER, PrivateOfferTest.REF, "{\"AvailabilityEndDate\":\"" + inDays(-2) + "\"}"));
    failsWith("INVALID_AVAILABILITY_END_DATE", all.toArray(Change[]::new));
    assertThat(details(draft).get("State").asString()).isEqualTo("Draft");
  }

  @Test
  void releaseOffer() {
    String released = released();
    failsWith("INVALID_UPDATE_REQUEST", change("ReleaseOffer", OFFER, released, "{}"));
    refused(change("ReleaseOffer", OFFER, released, "{\"Now\":true}"));
  }
}
