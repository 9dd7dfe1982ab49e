package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.awaitEnd;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.run;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSetSummaryListItem;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Entity;
import software.amazon.awssdk.services.marketplacecatalog.model.Filter;
import software.amazon.awssdk.services.marketplacecatalog.model.Intent;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceInUseException;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplacecatalog.model.StartChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Tag;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/** How change sets behave as a whole: asynchrony, idempotency, locks, cancellation, validation, listing. */
class ChangeSetBehaviourTest {

  static final String OFFER = "Offer@1.0";
  private final MarketplaceCatalogClient seller = SandboxFixture.seller();

  @AfterEach
  void clearFaults() {
    SandboxFixture.send("DELETE", "/sandbox/faults", null, 200);
  }

  static String draftOffer(MarketplaceCatalogClient client, String productId) {
    DescribeChangeSetResponse done = run(client, change("CreateOffer", OFFER, null, "{\"ProductId\":\"" + productId + "\"}"));
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done.changeSet().get(0).entity().identifier();
  }

  private static Change rename(String offerId, String name) {
    return change("UpdateInformation", OFFER, offerId, "{\"Name\":\"" + name + "\"}");
  }

  private void holdChangeSets(int extraMillis) {
    SandboxFixture.post("/sandbox/faults", Map.of("extraChangeSetDelayMillis", extraMillis));
  }

  @Test
  void passesThroughPreparingAndApplying() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    holdChangeSets(300); // each state lasts long enough for the polls below to see it
    String id = seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(rename(offerId, "Seen applying"))).changeSetId();
    var seen = new java.util.LinkedHashSet<ChangeStatus>();
    DescribeChangeSetResponse end = org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(50))
        .until(() -> {
          DescribeChangeSetResponse d = seller.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(id));
          seen.add(d.status());
          return d;
        }, d -> SandboxFixture.TERMINAL.contains(d.status()));
    assertThat(seen).containsExactly(ChangeStatus.PREPARING, ChangeStatus.APPLYING, ChangeStatus.SUCCEEDED);
    assertThat(end.startTime()).isNotNull();
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)).entityIdentifier()).isEqualTo(offerId + "@2");
  }

  /**
   * The worker, idle, wakes when a change set is started and then sleeps exactly until each step is due: the
   * change set (200 ms here) ends well before the worker's next re-check (a minute in these tests).
   */
  @Test
  void aStartedChangeSetEndsWithoutWaitingForTheWorkersRecheck() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    String id = seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(rename(offerId, "Woken"))).changeSetId();
    DescribeChangeSetResponse end = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
        .pollInterval(java.time.Duration.ofMillis(25))
        .until(() -> seller.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(id)),
            d -> SandboxFixture.TERMINAL.contains(d.status()));
    assertThat(end.status()).isEqualTo(ChangeStatus.SUCCEEDED);
  }

  @Test
  void sameClientRequestTokenStartsOneChangeSet() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    String token = java.util.UUID.randomUUID().toString();
    StartChangeSetResponse first = seller.startChangeSet(r -> r.catalog(CATALOG).clientRequestToken(token)
        .changeSet(rename(offerId, "Idempotent")));
    StartChangeSetResponse second = seller.startChangeSet(r -> r.catalog(CATALOG).clientRequestToken(token)
        .changeSet(rename(offerId, "Idempotent")));
    assertThat(second.changeSetId()).isEqualTo(first.changeSetId());
    assertThat(second.changeSetArn()).isEqualTo(first.changeSetArn());
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG).clientRequestToken(token)
        .changeSet(rename(offerId, "Something else")))).isInstanceOf(ValidationException.class);
    assertThat(awaitEnd(seller, first.changeSetId()).status()).isEqualTo(ChangeStatus.SUCCEEDED);
  }

  @Test
  void lockedEntityAnswers423UntilTheChangeSetEnds() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    holdChangeSets(3000);
    String running = seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(rename(offerId, "First"))).changeSetId();

    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(rename(offerId, "Second"))))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining(running)
        .satisfies(e -> assertThat(((ResourceInUseException) e).statusCode()).isEqualTo(423));

    seller.cancelChangeSet(r -> r.catalog(CATALOG).changeSetId(running));
    DescribeChangeSetResponse cancelled = awaitEnd(seller, running);
    assertThat(cancelled.status()).isEqualTo(ChangeStatus.CANCELLED);
    assertThat(cancelled.endTime()).isNotNull();
    SandboxFixture.send("DELETE", "/sandbox/faults", null, 200);
    assertThat(run(seller, rename(offerId, "Second")).status()).isEqualTo(ChangeStatus.SUCCEEDED);
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)).detailsDocument().asMap().get("Name").asString())
        .isEqualTo("Second");
  }

  @Test
  void cancellingAFinishedChangeSetIsRefused() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    DescribeChangeSetResponse done = run(seller, rename(offerId, "Done"));
    assertThatThrownBy(() -> seller.cancelChangeSet(r -> r.catalog(CATALOG).changeSetId(done.changeSetId())))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> seller.cancelChangeSet(r -> r.catalog(CATALOG).changeSetId("nosuchchangeset0000000000")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void validateIntentChecksWithoutApplying() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    String id = seller.startChangeSet(r -> r.catalog(CATALOG).intent(Intent.VALIDATE).changeSet(rename(offerId, "Only validated")))
        .changeSetId();
    DescribeChangeSetResponse done = awaitEnd(seller, id);
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    assertThat(done.intent()).isEqualTo(Intent.VALIDATE);
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)).entityIdentifier()).isEqualTo(offerId + "@1");
  }

  @Test
  void malformedRequestsAreRefusedWith422() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    assertValidation(r -> r.catalog("SomethingElse").changeSet(rename(offerId, "x")));
    assertValidation(r -> r.catalog(CATALOG).changeSet(List.of()));
    Change[] tooMany = new Change[21];
    java.util.Arrays.fill(tooMany, rename(offerId, "x"));
    assertValidation(r -> r.catalog(CATALOG).changeSet(tooMany));
    assertValidation(r -> r.catalog(CATALOG).changeSet(rename(offerId, "a"), rename(offerId, "b")));
    assertValidation(r -> r.catalog(CATALOG).changeSet(change("UpdateEverything", OFFER, offerId, "{}")));
    assertValidation(r -> r.catalog(CATALOG).changeSet(change("UpdateInformation", "Widget@1.0", offerId, "{\"Name\":\"x\"}")));
    assertValidation(r -> r.catalog(CATALOG).changeSet(change("UpdateInformation", OFFER, offerId, "{\"Nmae\":\"typo\"}")));
    assertValidation(r -> r.catalog(CATALOG).changeSet(change("UpdateInformation", OFFER, "$Nobody.Entity.Identifier", "{\"Name\":\"x\"}")));
    assertValidation(r -> r.catalog(CATALOG).changeSet(Change.builder().changeType("UpdateInformation")
        .entity(Entity.builder().type(OFFER).identifier(offerId).build())
        .details("{\"Name\":\"x\"}").detailsDocument(Document.fromMap(Map.of("Name", Document.fromString("x")))).build()));
    assertValidation(r -> r.catalog(CATALOG).changeSet(Change.builder().changeType("UpdateInformation")
        .entity(Entity.builder().type(OFFER).identifier(offerId).build()).details("not json").build()));
    assertValidation(r -> r.catalog(CATALOG).changeSet(change("CreateOffer", OFFER, null, "{\"ProductId\":\"" + "p".repeat(51) + "\"}")));
    assertThatThrownBy(() -> seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(rename("offer-unknown000001", "x"))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void detailsMayComeAsAString() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    DescribeChangeSetResponse done = run(seller, Change.builder().changeType("UpdateInformation")
        .entity(Entity.builder().type(OFFER).identifier(offerId).build()).details("{\"Description\":\"From a string\"}").build());
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    assertThat(done.changeSet().get(0).details()).isEqualTo("{\"Description\":\"From a string\"}");
    assertThat(done.changeSet().get(0).detailsDocument().asMap().get("Description").asString()).isEqualTo("From a string");
  }

  @Test
  void aFailedChangeSetChangesNothing() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    DescribeChangeSetResponse done = run(seller, rename(offerId, "Should not stick"),
        change("UpdateMarkup", OFFER, offerId, "{\"Percentage\":\"5\"}"));
    assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(done.changeSet().get(0).errorDetailList()).isEmpty();
    assertThat(done.changeSet().get(1).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_UPDATE_REQUEST");
    var offer = seller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId));
    assertThat(offer.entityIdentifier()).isEqualTo(offerId + "@1");
    assertThat(offer.detailsDocument().asMap().get("Name").isNull()).isTrue();
  }

  @Test
  void listsChangeSetsWithFiltersSortAndPages() {
    String offerId = draftOffer(seller, "prod-sbxlimited001");
    String name = "listed-" + System.nanoTime();
    for (int i = 0; i < 3; i++) {
      int n = i;
      String id = seller.startChangeSet(r -> r.catalog(CATALOG).changeSetName(name)
          .changeSetTags(Tag.builder().key("n").value("" + n).build()).changeSet(rename(offerId, "v" + n))).changeSetId();
      awaitEnd(seller, id);
    }
    var firstPage = seller.listChangeSets(r -> r.catalog(CATALOG).maxResults(2)
        .filterList(Filter.builder().name("ChangeSetName").valueList(name).build(),
            Filter.builder().name("Status").valueList("SUCCEEDED").build())
        .sort(s -> s.sortBy("StartTime").sortOrder("DESCENDING")));
    assertThat(firstPage.changeSetSummaryList()).hasSize(2);
    assertThat(firstPage.nextToken()).isNotNull();
    var secondPage = seller.listChangeSets(r -> r.catalog(CATALOG).maxResults(2).nextToken(firstPage.nextToken())
        .filterList(Filter.builder().name("ChangeSetName").valueList(name).build(),
            Filter.builder().name("Status").valueList("SUCCEEDED").build())
        .sort(s -> s.sortBy("StartTime").sortOrder("DESCENDING")));
    assertThat(secondPage.changeSetSummaryList()).hasSize(1);
    assertThat(secondPage.nextToken()).isNull();
    ChangeSetSummaryListItem item = secondPage.changeSetSummaryList().get(0);
    assertThat(item.entityIdList()).containsExactly(offerId);
    assertThat(item.changeSetArn()).endsWith("/ChangeSet/" + item.changeSetId());
    assertThat(seller.listTagsForResource(r -> r.resourceArn(item.changeSetArn())).tags()).extracting(Tag::key).containsExactly("n");
  }

  private void assertValidation(java.util.function.Consumer<software.amazon.awssdk.services.marketplacecatalog.model.StartChangeSetRequest.Builder> request) {
    assertThatThrownBy(() -> seller.startChangeSet(request))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).statusCode()).isEqualTo(422));
  }
}
