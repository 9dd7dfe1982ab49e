package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.AccessDeniedException;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;

/** The signing key decides the caller: one seller never sees or changes another's entities or change sets. */
class SellerIsolationTest {

  @Test
  void oneSellerCannotSeeOrChangeAnothersOffer() {
    MarketplaceCatalogClient demo = SandboxFixture.seller();
    String offerId = ChangeSetBehaviourTest.draftOffer(demo, "prod-sbxlimited001");
    String changeSetId = demo.listChangeSets(r -> r.catalog(CATALOG).filterList(f -> f.name("EntityId").valueList(offerId)))
        .changeSetSummaryList().get(0).changeSetId();

    MarketplaceCatalogClient other = SandboxFixture.openAccount("Rival ISV", "SELLER").client();
    assertThatThrownBy(() -> other.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)))
        .isInstanceOf(AccessDeniedException.class)
        .satisfies(e -> assertThat(((AccessDeniedException) e).statusCode()).isEqualTo(403));
    assertThat(other.listEntities(r -> r.catalog(CATALOG).entityType("Offer")).entitySummaryList())
        .extracting(EntitySummary::entityId).doesNotContain(offerId);
    assertThatThrownBy(() -> other.startChangeSet(r -> r.catalog(CATALOG)
        .changeSet(change("UpdateInformation", "Offer@1.0", offerId, "{\"Name\":\"Hijacked\"}"))))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> other.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(changeSetId)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(other.listChangeSets(r -> r.catalog(CATALOG)).changeSetSummaryList()).isEmpty();
  }
}
