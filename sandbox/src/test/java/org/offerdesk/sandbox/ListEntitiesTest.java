package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.run;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.BatchDescribeEntitiesResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.EntityRequest;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.OfferStateString;
import software.amazon.awssdk.services.marketplacecatalog.model.OfferTargetingString;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplacecatalog.model.Tag;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/** ListEntities with pagination, filters and sort; BatchDescribeEntities; tags. One fresh seller with 120 offers. */
class ListEntitiesTest {

  static final String OFFER = "Offer@1.0";
  static SandboxFixture.NewAccount isv;
  static MarketplaceCatalogClient client;
  static String productId;
  static List<String> offerIds = new ArrayList<>();

  @BeforeAll
  static void createOneHundredTwentyOffers() {
    isv = SandboxFixture.openAccount("Paging ISV", "SELLER");
    client = isv.client();
    productId = SandboxFixture.addProduct(isv.accountId(), "Paged product");
    for (int set = 0; set < 6; set++) {
      Change[] changes = new Change[20];
      for (int i = 0; i < 20; i++) {
        int n = set * 20 + i;
        changes[i] = change("CreateOffer", OFFER, null, "{\"ProductId\":\"" + productId + "\",\"Name\":\"Offer " + String.format("%03d", n) + "\"}");
      }
      var done = run(client, changes);
      assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
      done.changeSet().forEach(c -> offerIds.add(c.entity().identifier()));
    }
    var released = run(client, PrivateOfferTest.fullPrivateOffer(productId, "777788889999").toArray(Change[]::new));
    assertThat(released.status()).isEqualTo(ChangeStatus.SUCCEEDED);
  }

  @Test
  void pagesThroughAllOffersWithNextToken() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListEntitiesResponse page = client.listEntities(r -> r.catalog(CATALOG).entityType("Offer").maxResults(50).nextToken(next));
      page.entitySummaryList().forEach(s -> seen.add(s.entityId()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(121).doesNotHaveDuplicates().containsAll(offerIds);

    List<String> viaPaginator = new ArrayList<>();
    client.listEntitiesPaginator(r -> r.catalog(CATALOG).entityType("Offer").maxResults(20))
        .entitySummaryList().forEach(s -> viaPaginator.add(s.entityId()));
    assertThat(viaPaginator).hasSize(121).doesNotHaveDuplicates();
  }

  @Test
  void filtersByStateTargetingNameAndBuyer() {
    ListEntitiesResponse released = client.listEntities(r -> r.catalog(CATALOG).entityType("Offer").entityTypeFilters(f -> f
        .offerFilters(o -> o.state(s -> s.valueList(OfferStateString.RELEASED))
            .targeting(t -> t.valueList(OfferTargetingString.BUYER_ACCOUNTS)).buyerAccounts(b -> b.wildCardValue("777788889999")))));
    assertThat(released.entitySummaryList()).hasSize(1);
    EntitySummary summary = released.entitySummaryList().get(0);
    assertThat(summary.offerSummary().state()).isEqualTo(OfferStateString.RELEASED);
    assertThat(summary.offerSummary().buyerAccounts()).containsExactly("777788889999");
    assertThat(summary.offerSummary().releaseDate()).hasSize(20);
    assertThat(summary.offerSummary().productId()).isEqualTo(productId);

    ListEntitiesResponse drafts = client.listEntities(r -> r.catalog(CATALOG).entityType("Offer").maxResults(50)
        .entityTypeFilters(f -> f.offerFilters(o -> o.state(s -> s.valueList(OfferStateString.DRAFT)).name(n -> n.wildCardValue("Offer 11")))));
    assertThat(drafts.entitySummaryList()).extracting(EntitySummary::name)
        .containsExactlyInAnyOrder("Offer 110", "Offer 111", "Offer 112", "Offer 113", "Offer 114", "Offer 115", "Offer 116",
            "Offer 117", "Offer 118", "Offer 119");
  }

  @Test
  void sortsByName() {
    ListEntitiesResponse first = client.listEntities(r -> r.catalog(CATALOG).entityType("Offer").maxResults(3)
        .entityTypeFilters(f -> f.offerFilters(o -> o.state(s -> s.valueList(OfferStateString.DRAFT))))
        .entityTypeSort(s -> s.offerSort(o -> o.sortBy("Name").sortOrder("ASCENDING"))));
    assertThat(first.entitySummaryList()).extracting(EntitySummary::name).containsExactly("Offer 000", "Offer 001", "Offer 002");
    ListEntitiesResponse last = client.listEntities(r -> r.catalog(CATALOG).entityType("Offer").maxResults(1)
        .entityTypeFilters(f -> f.offerFilters(o -> o.state(s -> s.valueList(OfferStateString.DRAFT))))
        .entityTypeSort(s -> s.offerSort(o -> o.sortBy("Name").sortOrder("DESCENDING"))));
    assertThat(last.entitySummaryList()).extracting(EntitySummary::name).containsExactly("Offer 119");
  }

  @Test
  void listsProducts() {
    ListEntitiesResponse products = SandboxFixture.seller().listEntities(r -> r.catalog(CATALOG).entityType("SaaSProduct")
        .entityTypeFilters(f -> f.saaSProductFilters(p -> p.visibility(v -> v.valueListWithStrings("Public")))));
    assertThat(products.entitySummaryList()).extracting(EntitySummary::entityId).containsExactly("prod-sbxpublic0001");
    var described = SandboxFixture.seller().describeEntity(r -> r.catalog(CATALOG).entityId("prod-sbxpublic0001"));
    assertThat(described.entityType()).isEqualTo("SaaSProduct@1.0");
    assertThat(described.details()).contains("\"FulfillmentUrl\":\"http://localhost:8080/marketplace/register\"", "\"Key\":\"Seats\"");
  }

  @Test
  void refusesBadListRequests() {
    assertThatThrownBy(() -> client.listEntities(r -> r.catalog(CATALOG).entityType("Offer").maxResults(51)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.listEntities(r -> r.catalog(CATALOG).entityType("Offer").nextToken("garbage!")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.listEntities(r -> r.catalog(CATALOG).entityType("Offer")
        .entityTypeFilters(f -> f.saaSProductFilters(p -> p.visibility(v -> v.valueListWithStrings("Public"))))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.listEntities(r -> r.catalog(CATALOG).entityType("AmiProduct")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void batchDescribesAndReportsEachError() {
    BatchDescribeEntitiesResponse batch = client.batchDescribeEntities(r -> r.entityRequestList(
        EntityRequest.builder().catalog(CATALOG).entityId(offerIds.get(0)).build(),
        EntityRequest.builder().catalog(CATALOG).entityId(offerIds.get(1)).build(),
        EntityRequest.builder().catalog(CATALOG).entityId("offer-nosuchoffer01").build(),
        EntityRequest.builder().catalog(CATALOG).entityId("prod-sbxpublic0001").build()));
    assertThat(batch.entityDetails()).containsOnlyKeys(offerIds.get(0), offerIds.get(1));
    assertThat(batch.entityDetails().get(offerIds.get(0)).detailsDocument().asMap().get("State").asString()).isEqualTo("Draft");
    assertThat(batch.errors().get("offer-nosuchoffer01").errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(batch.errors().get("prod-sbxpublic0001").errorCode()).isEqualTo("AccessDeniedException");
  }

  @Test
  void tagsEntities() {
    String arn = client.describeEntity(r -> r.catalog(CATALOG).entityId(offerIds.get(5))).entityArn();
    client.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("deal").value("Q4").build(),
        Tag.builder().key("owner").value("ana").build()));
    client.untagResource(r -> r.resourceArn(arn).tagKeys("owner"));
    assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("deal").value("Q4").build());
    assertThatThrownBy(() -> SandboxFixture.seller().listTagsForResource(r -> r.resourceArn(arn)))
        .isInstanceOf(ResourceNotFoundException.class);

    var created = run(client, Change.builder().changeType("CreateOffer")
        .entity(e -> e.type(OFFER)).entityTags(Tag.builder().key("source").value("api").build())
        .detailsDocument(SandboxFixture.document("{\"ProductId\":\"" + productId + "\",\"Name\":\"Offer 999\"}")).build());
    String taggedArn = client.describeEntity(r -> r.catalog(CATALOG).entityId(created.changeSet().get(0).entity().identifier())).entityArn();
    assertThat(client.listTagsForResource(r -> r.resourceArn(taggedArn)).tags()).extracting(Tag::key).containsExactly("source");
  }
}
