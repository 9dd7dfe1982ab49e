package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Entity;

/** Amendments and channel partner orders, each seen by the organizations party to them and no other. */
@SandboxTest
public class PartnerAndAmendmentOrdersTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  Http marketplace() {
    return new Http(sandbox.endpoint().toString());
  }

  @Test
  void an_accepted_amendment_makes_a_new_order_linked_to_the_one_it_ends() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Amending Co");
    String buyer = seller.sandbox.buyer("Amended Buyer");
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Before", "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", "100.00")),
        "paymentSchedule", List.of(Map.of("dueOn", today.plusDays(40).toString(), "amount", "1000.00"))))
        .json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    accept(seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText(), buyer);
    String first = OrderFlowTest.awaitOrder(seller, buyer, "PENDING_REGISTRATION").at("/id").asText();
    seller.awaitStage(offerId, "ACCEPTED");

    String amendment = seller.api.postJson("/api/v1/offers/" + offerId + "/amend", Map.of()).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + amendment + "/publish", Map.of());
    accept(seller.awaitStage(amendment, "SENT").at("/marketplaceOfferId").asText(), buyer);

    JsonNode[] newer = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode items = seller.api.get("/api/v1/orders?kind=AMENDMENT").json().at("/items");
      newer[0] = items.size() == 0 ? null : items.get(0);
      return newer[0] != null && first.equals(newer[0].at("/replacesOrderId").asText());
    });
    assertThat(newer[0].at("/offerId").asText()).isEqualTo(amendment);
    JsonNode old = seller.api.get("/api/v1/orders/" + first).json();
    assertThat(old.at("/status").asText()).isEqualTo("ENDED");
    assertThat(old.at("/replacedByOrderId").asText()).isEqualTo(newer[0].at("/id").asText());
    assertThat(old.at("/timeline").findValuesAsText("cause")).containsOnlyOnce("replaced by an amendment");
    assertThat(old.at("/timeline").findValuesAsText("detail")).anyMatch(d -> d.contains("needs no registration"));
    // The replaced order's registration clock stopped: its automatic registration will not run.
    assertThat(context.getBean(org.offerdesk.app.jobs.Jobs.class).find(seller.tenant.organizationId(),
        List.of("orders.auto-register:" + first))).singleElement().satisfies(job -> {
          assertThat(job.status()).isEqualTo(org.offerdesk.app.jobs.JobStatus.DONE);
          assertThat(job.lastError()).isEqualTo("cancelled");
        });
    seller.awaitStage(offerId, "REPLACED");
  }

  @Test
  void a_channel_partner_order_reaches_the_isv_and_the_reseller_each_alone() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Partnering ISV");
    String buyer = isv.sandbox.buyer("Channel Buyer");
    SandboxAccounts.Account resellerAccount = isv.sandbox.reseller("Channel Partner");
    TestTenants.Tenant reseller = new TestTenants(context).reseller("Channel Partner");
    Http resellerApi = new Http(port).bearer(reseller.adminToken());
    assertThat(resellerApi.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", resellerAccount.accountId(),
        "credentials", Map.of("accessKeyId", resellerAccount.accessKeyId(),
            "secretAccessKey", resellerAccount.secretAccessKey()),
        "endpointOverride", sandbox.endpoint().toString())).status()).isEqualTo(200);

    // The ISV authorizes the reseller once; the reseller builds its offer on it.
    String ra = "$RA.Entity.Identifier";
    DescribeChangeSetResponse authorized = run(isv.catalog(),
        change("CreateResaleAuthorization", "ResaleAuthorization@1.0", null, "RA", "{\"ProductId\":\""
            + isv.productId + "\",\"Name\":\"One-time for the buyer\",\"Description\":\"Wholesale\","
            + "\"ResellerAccountId\":\"" + resellerAccount.accountId() + "\"}"),
        change("UpdatePricingTerms", "ResaleAuthorization@1.0", ra, null, "{\"PricingModel\":\"Contract\",\"Terms\":"
            + "[{\"Type\":\"ResaleConfigurableUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":[{\"Selector\":"
            + "{\"Type\":\"Duration\",\"Value\":\"P12M\"},\"RateCard\":[{\"DimensionKey\":\"BasicTier\",\"Price\":\"150\"}],"
            + "\"Constraints\":{\"MultipleDimensionSelection\":\"Allowed\",\"QuantityConfiguration\":\"Allowed\"}}]}]}"),
        change("UpdateLegalTerms", "ResaleAuthorization@1.0", ra, null, "{\"Terms\":[{\"Type\":\"BuyerLegalTerm\","
            + "\"Documents\":[{\"Type\":\"StandardEula\",\"Version\":\"2022-07-14\"}]}]}"),
        change("UpdateBuyerTargetingTerms", "ResaleAuthorization@1.0", ra, null, "{\"Terms\":[{\"Type\":"
            + "\"BuyerTargetingTerm\",\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + buyer + "\"]}}]}"),
        change("UpdateAvailability", "ResaleAuthorization@1.0", ra, null, "{\"AvailabilityEndDate\":\""
            + today.plusDays(60) + "\",\"OffersMaxQuantity\":1}"),
        change("ReleaseResaleAuthorization", "ResaleAuthorization@1.0", ra, null, "{}"));
    String raId = authorized.changeSet().get(0).entity().identifier().split("@")[0];

    MarketplaceCatalogClient resellerCatalog = MarketplaceCatalogClient.builder().endpointOverride(sandbox.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(resellerAccount.accessKeyId(), resellerAccount.secretAccessKey()))).build();
    String cppo = "$CPPO.Entity.Identifier";
    DescribeChangeSetResponse released = run(resellerCatalog,
        change("CreateOfferUsingResaleAuthorization", "Offer@1.0", null, "CPPO", "{\"ResaleAuthorizationId\":\""
            + raId + "\",\"Name\":\"Via Channel Partner\",\"Description\":\"Channel deal\"}"),
        change("UpdateMarkup", "Offer@1.0", cppo, null, "{\"Percentage\":\"5.0\"}"),
        change("UpdateTargeting", "Offer@1.0", cppo, null, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + buyer
            + "\"]}}"),
        change("UpdateAvailability", "Offer@1.0", cppo, null, "{\"AvailabilityEndDate\":\"" + today.plusDays(30) + "\"}"),
        change("UpdateValidityTerms", "Offer@1.0", cppo, null,
            "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        change("ReleaseOffer", "Offer@1.0", cppo, null, "{}"));
    String cppoId = released.changeSet().get(0).entity().identifier().split("@")[0];

    // The ISV hears that its partner extended an offer.
    await().atMost(Duration.ofSeconds(30)).until(() -> isv.api.get("/api/v1/outbox?limit=200").body()
        .contains("Partner offer extended"));

    accept(cppoId, buyer);
    JsonNode isvOrder = OrderFlowTest.awaitOrder(isv, buyer, "PENDING_REGISTRATION");
    assertThat(isvOrder.at("/kind").asText()).isEqualTo("PARTNER");
    assertThat(isvOrder.at("/resaleAuthorizationId").asText()).isEqualTo(raId);
    assertThat(isvOrder.at("/proposerAccountId").asText()).isEqualTo(resellerAccount.accountId());

    JsonNode[] resellerOrder = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode items = resellerApi.get("/api/v1/orders").json().at("/items");
      resellerOrder[0] = items.size() == 0 ? null : items.get(0);
      return resellerOrder[0] != null;
    });
    assertThat(resellerOrder[0].at("/kind").asText()).isEqualTo("PARTNER");
    assertThat(resellerOrder[0].at("/agreementId").asText()).isEqualTo(isvOrder.at("/agreementId").asText());
    // Each sees its own order only.
    assertThat(resellerApi.get("/api/v1/orders/" + isvOrder.at("/id").asText()).status()).isEqualTo(404);
    assertThat(isv.api.get("/api/v1/orders/" + resellerOrder[0].at("/id").asText()).status()).isEqualTo(404);
    assertThat(resellerApi.get("/api/v1/orders").json().at("/items").size()).isEqualTo(1);
    // The partner's team is told of its order too.
    await().atMost(Duration.ofSeconds(30)).until(() -> resellerApi.get("/api/v1/outbox?limit=200").body()
        .contains("New order"));
  }

  @Test
  void a_cancelled_agreement_cancels_its_order_and_tells_the_team() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Cancelling Co");
    String buyer = seller.sandbox.buyer("Leaving Buyer");
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Short-lived", "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 1, "unitPrice", "100.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    Http.Response accepted = marketplace().postJson("/sandbox/offers/" + seller.awaitStage(offerId, "SENT")
        .at("/marketplaceOfferId").asText() + "/accept", Map.of("buyerAccountId", buyer));
    String agreementId = accepted.json().at("/agreementId").asText();
    String orderId = OrderFlowTest.awaitOrder(seller, buyer, "PENDING_REGISTRATION").at("/id").asText();

    assertThat(marketplace().postJson("/sandbox/agreements/" + agreementId + "/cancel", Map.of()).status())
        .isIn(200, 204);
    JsonNode cancelled = RegistrationClockTest.awaitStatus(seller, orderId, "CANCELLED");
    assertThat(cancelled.at("/closedAt").asText()).isNotBlank();
    await().atMost(Duration.ofSeconds(30)).until(() -> seller.api.get("/api/v1/outbox?limit=200").body()
        .contains("Order cancelled"));
  }

  void accept(String marketplaceOfferId, String buyer) {
    Http.Response r = marketplace().postJson("/sandbox/offers/" + marketplaceOfferId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  public static Change change(String type, String entityType, String identifier, String name, String details) {
    Entity.Builder entity = Entity.builder().type(entityType);
    if (identifier != null) {
      entity.identifier(identifier);
    }
    Change.Builder c = Change.builder().changeType(type).entity(entity.build()).details(details);
    if (name != null) {
      c.changeName(name);
    }
    return c.build();
  }

  public static DescribeChangeSetResponse run(MarketplaceCatalogClient catalog, Change... changes) {
    String id = catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(Arrays.asList(changes)))
        .changeSetId();
    DescribeChangeSetResponse[] done = new DescribeChangeSetResponse[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      done[0] = catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id));
      return done[0].status() == ChangeStatus.SUCCEEDED || done[0].status() == ChangeStatus.FAILED;
    });
    assertThat(done[0].status()).as("%s", done[0].changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done[0];
  }
}
