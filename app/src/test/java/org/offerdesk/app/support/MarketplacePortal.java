package org.offerdesk.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Entity;

/**
 * Offers made outside OfferDesk, as a seller would in the marketplace's own portal or with its own
 * scripts: straight through the AWS SDK on the seller's account.
 */
public final class MarketplacePortal {

  private MarketplacePortal() {}

  /** Releases a 12-month private offer of 10 Seats for 12000.00 USD; returns its marketplace ID. */
  public static String releasePrivateOffer(ConnectedSeller seller, String name, String buyer, LocalDate today) {
    MarketplaceCatalogClient catalog = seller.catalog();
    String ref = "$Create.Entity.Identifier";
    List<Change> changes = List.of(
        change("CreateOffer", null, "Create", "{\"ProductId\":\"" + seller.productId + "\"}"),
        change("UpdateInformation", ref, null, "{\"Name\":\"" + name + "\",\"Description\":\"Made in the portal\"}"),
        change("UpdateTargeting", ref, null, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + buyer + "\"]}}"),
        change("UpdatePricingTerms", ref, null, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":"
            + "\"FixedUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"Price\":\"0.00\",\"Duration\":\"P12M\","
            + "\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":10}]}]}"),
        change("UpdateValidityTerms", ref, null, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        change("UpdatePaymentScheduleTerms", ref, null, "{\"Terms\":[{\"Type\":\"PaymentScheduleTerm\","
            + "\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\"" + today.plusDays(3)
            + "\",\"ChargeAmount\":\"12000.00\"}]}]}"),
        change("UpdateLegalTerms", ref, null, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":"
            + "\"StandardEula\",\"Version\":\"2022-07-14\"}]}]}"),
        change("UpdateAvailability", ref, null, "{\"AvailabilityEndDate\":\"" + today.plusDays(30) + "\"}"),
        change("ReleaseOffer", ref, null, "{}"));
    return run(catalog, changes);
  }

  /**
   * Saves a draft offer with a name, a buyer and an end date but no pricing, currency or duration, as a
   * seller who started one in the portal and stopped; returns its marketplace ID.
   */
  public static String draftOfferWithoutTerms(ConnectedSeller seller, String name, String buyer, LocalDate today) {
    String ref = "$Create.Entity.Identifier";
    return run(seller.catalog(), List.of(
        change("CreateOffer", null, "Create", "{\"ProductId\":\"" + seller.productId + "\"}"),
        change("UpdateInformation", ref, null, "{\"Name\":\"" + name + "\",\"Description\":\"Started in the portal\"}"),
        change("UpdateTargeting", ref, null, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + buyer + "\"]}}"),
        change("UpdateAvailability", ref, null, "{\"AvailabilityEndDate\":\"" + today.plusDays(30) + "\"}")));
  }

  private static String run(MarketplaceCatalogClient catalog, List<Change> changes) {
    String id = catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)).changeSetId();
    DescribeChangeSetResponse[] done = new DescribeChangeSetResponse[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      done[0] = catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id));
      return done[0].status() == ChangeStatus.SUCCEEDED || done[0].status() == ChangeStatus.FAILED;
    });
    assertThat(done[0].status()).as("%s", done[0].changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done[0].changeSet().get(0).entity().identifier().split("@")[0];
  }

  private static Change change(String type, String identifier, String name, String details) {
    Entity.Builder entity = Entity.builder().type("Offer@1.0");
    if (identifier != null) {
      entity.identifier(identifier);
    }
    Change.Builder c = Change.builder().changeType(type).entity(entity.build()).details(details);
    if (name != null) {
      c.changeName(name);
    }
    return c.build();
  }
}
