package org.offerdesk.app.orders.renewals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * "Renew": a renewal offer drafted from an ending agreement is prefilled from it (same buyer, product,
 * dimensions and prices; service from the end date), flagged as a renewal, and once the buyer accepts it in the
 * sandbox the old order is RENEWED and links to the new one. A customer who leaves is marked churned with a
 * reason, in the audit log. Another organization sees none of it.
 */
@SandboxTest
class RenewalOfferTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;

  @Test
  void a_renewal_offer_is_prefilled_from_the_agreement_and_its_acceptance_renews_the_old_order() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Renewing Co");
    String buyer = seller.sandbox.buyer("Loyal Buyer");
    JsonNode order = RenewalDeals.acceptedOrder(seller, clock, buyer, "Loyal 2027", 3);
    String orderId = order.at("/id").asText();
    String agreementId = order.at("/agreementId").asText();
    java.time.Instant endsAt = java.time.Instant.parse(order.at("/endsAt").asText());
    LocalDate endsOn = LocalDate.ofInstant(endsAt, ZoneOffset.UTC);
    // The renewal starts on the first whole day after the agreement, never overlapping it.
    LocalDate renewsOn = LocalDate.ofInstant(endsAt.minusNanos(1), ZoneOffset.UTC).plusDays(1);

    // Ending in three months, it is in the renewals view with its facts.
    JsonNode renewal = RenewalDeals.awaitRenewal(seller, orderId, "UPCOMING");
    JsonNode listed = seller.api.get("/api/v1/renewals?within=P120D").json().at("/items");
    assertThat(listed.findValuesAsText("orderId")).contains(orderId);
    assertThat(renewal.at("/agreementId").asText()).isEqualTo(agreementId);
    assertThat(renewal.at("/buyerAccountId").asText()).isEqualTo(buyer);
    assertThat(renewal.at("/productId").asText()).isEqualTo(seller.productId);
    assertThat(renewal.at("/endsOn").asText()).isEqualTo(endsOn.toString());
    assertThat(renewal.at("/contractValue").asText()).isEqualTo("500.00");
    assertThat(renewal.at("/currency").asText()).isEqualTo("USD");
    assertThat(renewal.at("/owner").asText()).startsWith("token ");
    assertThat(seller.api.get("/api/v1/renewals?within=P30D").json().at("/items").findValuesAsText("orderId"))
        .doesNotContain(orderId);
    assertThat(seller.api.get("/api/v1/renewals?status=CHURNED").json().at("/items").findValuesAsText("orderId"))
        .doesNotContain(orderId);
    assertThat(seller.api.get("/api/v1/renewals?within=tomorrow").status()).isEqualTo(400);

    Http.Response drafted = seller.api.postJson("/api/v1/orders/" + orderId + "/renewal-offer", Map.of());
    assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
    assertThat(drafted.json().at("/renewal").asBoolean()).isTrue();
    assertThat(drafted.json().at("/renewsAgreementId").asText()).isEqualTo(agreementId);
    String renewalOfferId = drafted.json().at("/id").asText();
    assertThat(drafted.header("Location")).endsWith("/api/v1/offers/" + renewalOfferId);

    JsonNode offer = seller.api.get("/api/v1/offers/" + renewalOfferId).json();
    assertThat(offer.at("/stage").asText()).isEqualTo("DRAFT");
    assertThat(offer.at("/renewal").asBoolean()).isTrue();
    assertThat(offer.at("/buyerAccountIds").size()).isEqualTo(1);
    assertThat(offer.at("/buyerAccountIds/0").asText()).isEqualTo(buyer);
    assertThat(offer.at("/productId").asText()).isEqualTo(seller.productId);
    assertThat(offer.at("/currency").asText()).isEqualTo("USD");
    assertThat(offer.at("/dimensions").size()).isEqualTo(1);
    assertThat(offer.at("/dimensions/0/key").asText()).isEqualTo("Seats");
    assertThat(offer.at("/dimensions/0/quantity").asLong()).isEqualTo(5);
    assertThat(new java.math.BigDecimal(offer.at("/dimensions/0/unitPrice").asText())).isEqualByComparingTo("100.00");
    assertThat(offer.at("/contractTotal").asText()).isEqualTo("500.00");
    assertThat(offer.at("/serviceStartDate").asText()).isEqualTo(renewsOn.toString());
    assertThat(offer.at("/serviceEndDate").asText()).isEqualTo(renewsOn.plusMonths(3).toString());
    assertThat(LocalDate.parse(offer.at("/expiresOn").asText())).isBefore(renewsOn);
    assertThat(offer.at("/timeline").findValuesAsText("cause")).contains("renewal drafted");

    // One renewal offer at a time.
    assertThat(seller.api.postJson("/api/v1/orders/" + orderId + "/renewal-offer", Map.of()).status())
        .isEqualTo(409);

    RenewalDeals.publish(seller, renewalOfferId);
    RenewalDeals.awaitRenewal(seller, orderId, "OFFER_SENT");

    JsonNode renewing = RenewalDeals.accept(seller, renewalOfferId, buyer);
    String newOrderId = renewing.at("/id").asText();
    assertThat(newOrderId).isNotEqualTo(orderId);
    assertThat(renewing.at("/startsAt").asText()).startsWith(renewsOn.toString());
    JsonNode renewed = RenewalDeals.awaitRenewal(seller, orderId, "RENEWED");
    assertThat(renewed.at("/renewedByOrderId").asText()).isEqualTo(newOrderId);
    assertThat(seller.api.get("/api/v1/orders/" + orderId).json().at("/timeline").findValuesAsText("cause"))
        .containsOnlyOnce("renewed");
    assertThat(seller.api.get("/api/v1/orders/" + newOrderId).json().at("/timeline").findValuesAsText("cause"))
        .containsOnlyOnce("renews an earlier order");
    // The new order books as a renewal (the old one as new business), in the orders table and the dashboard.
    assertThat(seller.api.get("/api/v1/orders?bookingKind=RENEWAL").json().at("/items").findValuesAsText("id"))
        .containsExactly(newOrderId);
    assertThat(seller.api.get("/api/v1/orders?bookingKind=NEW").json().at("/items").findValuesAsText("id"))
        .containsExactly(orderId);
    JsonNode bookings = seller.api.get("/api/v1/dashboard?period=year").json().at("/bookings/items");
    assertThat(bookings.findValuesAsText("kind")).contains("RENEWAL", "NEW");
    // A renewed order is not renewed twice.
    assertThat(seller.api.postJson("/api/v1/orders/" + orderId + "/renewal-offer", Map.of()).status())
        .isEqualTo(409);
  }

  @Test
  void a_customer_who_leaves_is_marked_churned_with_a_reason_and_other_organizations_see_nothing() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Churning Co");
    String buyer = seller.sandbox.buyer("Leaving Buyer");
    String orderId = RenewalDeals.acceptedOrder(seller, clock, buyer, "Leaving 2027", 2).at("/id").asText();
    RenewalDeals.awaitRenewal(seller, orderId, "UPCOMING");

    Http.Response noReason = seller.api.postJson("/api/v1/renewals/" + orderId + "/churn", Map.of("reason", " "));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason");
    assertThat(seller.api.get("/api/v1/renewals/" + orderId).json().at("/status").asText()).isEqualTo("UPCOMING");

    Http.Response churned = seller.api.postJson("/api/v1/renewals/" + orderId + "/churn",
        Map.of("reason", "Moved to an in-house tool"));
    assertThat(churned.status()).as(churned.body()).isEqualTo(200);
    assertThat(churned.json().at("/status").asText()).isEqualTo("CHURNED");
    assertThat(churned.json().at("/churnReason").asText()).isEqualTo("Moved to an in-house tool");
    assertThat(seller.api.get("/api/v1/renewals?status=CHURNED").json().at("/items").findValuesAsText("orderId"))
        .containsExactly(orderId);
    assertThat(seller.api.get("/api/v1/audit-events?limit=50").json().at("/items").findValuesAsText("action"))
        .contains("renewal.churned");
    String csv = seller.api.get("/api/v1/renewals/export?status=CHURNED").body();
    assertThat(csv).startsWith("order_id,agreement_id").contains(orderId).contains("Moved to an in-house tool");

    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Nosy Co");
    assertThat(other.api.get("/api/v1/renewals").json().at("/items").findValuesAsText("orderId"))
        .doesNotContain(orderId);
    assertThat(other.api.get("/api/v1/renewals/export").body()).doesNotContain(orderId);
    assertThat(other.api.get("/api/v1/renewals/" + orderId).status()).isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/renewals/" + orderId + "/churn", Map.of("reason", "x")).status())
        .isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/orders/" + orderId + "/renewal-offer", Map.of()).status())
        .isEqualTo(404);
    assertThat(seller.api.get("/api/v1/renewals/" + orderId).json().at("/churnReason").asText())
        .isEqualTo("Moved to an in-house tool");
  }
}
