package org.offerdesk.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Entity;

/**
 * Resale authorizations granted the way an ISV does it without OfferDesk: straight through the AWS SDK on
 * its own account, in one change set (CreateResaleAuthorization … ReleaseResaleAuthorization).
 */
public final class IsvAuthorizations {

  private IsvAuthorizations() {}

  /**
   * What the ISV grants: wholesale prices per dimension (contract, 12 months), the buyers it allows (none:
   * any), the last day offers may be made (null: no end), and how many offers (null: any number).
   */
  public record Grant(String name, Map<String, String> wholesalePrices, List<String> buyers, LocalDate endsOn,
      Integer maxOffers) {}

  /** Grants and releases an authorization to the reseller's account; returns its ID. */
  public static String grant(ConnectedSeller isv, String resellerAccountId, Grant g) {
    String ra = "$RA.Entity.Identifier";
    List<Change> changes = new ArrayList<>();
    changes.add(change("CreateResaleAuthorization", null, "RA", "{\"ProductId\":\"" + isv.productId
        + "\",\"Name\":\"" + g.name() + "\",\"Description\":\"Wholesale terms\",\"ResellerAccountId\":\""
        + resellerAccountId + "\"}"));
    String rates = g.wholesalePrices().entrySet().stream().map(e -> "{\"DimensionKey\":\"" + e.getKey()
        + "\",\"Price\":\"" + e.getValue() + "\"}").collect(Collectors.joining(","));
    changes.add(change("UpdatePricingTerms", ra, null, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":"
        + "\"ResaleConfigurableUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":[{\"Selector\":{\"Type\":"
        + "\"Duration\",\"Value\":\"P12M\"},\"RateCard\":[" + rates + "],\"Constraints\":{\"MultipleDimensionSelection\":"
        + "\"Allowed\",\"QuantityConfiguration\":\"Allowed\"}}]}]}"));
    changes.add(change("UpdateLegalTerms", ra, null, "{\"Terms\":[{\"Type\":\"BuyerLegalTerm\",\"Documents\":"
        + "[{\"Type\":\"StandardEula\",\"Version\":\"2022-07-14\"}]}]}"));
    if (!g.buyers().isEmpty()) {
      changes.add(change("UpdateBuyerTargetingTerms", ra, null, "{\"Terms\":[{\"Type\":\"BuyerTargetingTerm\","
          + "\"PositiveTargeting\":{\"BuyerAccounts\":[" + g.buyers().stream().map(b -> "\"" + b + "\"")
          .collect(Collectors.joining(",")) + "]}}]}"));
    }
    if (g.endsOn() != null || g.maxOffers() != null) {
      List<String> fields = new ArrayList<>();
      if (g.endsOn() != null) {
        fields.add("\"AvailabilityEndDate\":\"" + g.endsOn() + "\"");
      }
      if (g.maxOffers() != null) {
        fields.add("\"OffersMaxQuantity\":" + g.maxOffers());
      }
      changes.add(change("UpdateAvailability", ra, null, "{" + String.join(",", fields) + "}"));
    }
    changes.add(change("ReleaseResaleAuthorization", ra, null, "{}"));
    return run(isv.catalog(), changes).changeSet().get(0).entity().identifier().split("@")[0];
  }

  /** Deactivates an authorization (RestrictResaleAuthorization), as the ISV may at any time. */
  public static void restrict(ConnectedSeller isv, String resaleAuthorizationId) {
    run(isv.catalog(), List.of(change("RestrictResaleAuthorization", resaleAuthorizationId, null, "{}")));
  }

  private static Change change(String type, String identifier, String name, String details) {
    Entity.Builder entity = Entity.builder().type("ResaleAuthorization@1.0");
    if (identifier != null) {
      entity.identifier(identifier);
    }
    Change.Builder c = Change.builder().changeType(type).entity(entity.build()).details(details);
    if (name != null) {
      c.changeName(name);
    }
    return c.build();
  }

  private static DescribeChangeSetResponse run(MarketplaceCatalogClient catalog, List<Change> changes) {
    String id = catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)).changeSetId();
    DescribeChangeSetResponse[] done = new DescribeChangeSetResponse[1];
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
      done[0] = catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id));
      return done[0].status() == ChangeStatus.SUCCEEDED || done[0].status() == ChangeStatus.FAILED;
    });
    assertThat(done[0].status()).as("%s", done[0].changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done[0];
  }
}
