package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * One buyer, two accepted offers for one product (a contract now and a future dated renewal, the one way
 * AWS lets a buyer hold two contracts for a product at once), through the AWS SDK against the sandbox.
 * The tokens name only the customer and the product, so the buyer says which subscription each
 * registration is for; each order is registered once, and a second submission updates it without a second
 * welcome or "registration completed".
 */
@SandboxTest
class RegistrationPerAgreementTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void each_token_registers_the_order_of_its_own_agreement_once() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Two Deals Co");
    String buyer = seller.sandbox.buyer("Two Deals Buyer");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Http marketplace = new Http(sandbox.endpoint().toString());

    Http.Response first = marketplace.postJson("/sandbox/offers/" + published(seller, buyer, "Deal 2027",
        Map.of("durationMonths", 12)) + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    // A second contract while the first runs is refused, as AWS refuses it.
    Http.Response overlapping = marketplace.postJson("/sandbox/offers/" + published(seller, buyer, "Deal overlap",
        Map.of("durationMonths", 12)) + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(overlapping.status()).as(overlapping.body()).isEqualTo(409);
    assertThat(overlapping.json().at("/code").asText()).isEqualTo("ACTIVE_AGREEMENT_EXISTS");
    // A renewal that starts when the first contract ends is accepted: two active agreements.
    Http.Response second = marketplace.postJson("/sandbox/offers/" + published(seller, buyer, "Renewal 2028",
        Map.of("serviceStartDate", today.plusDays(400).toString(), "serviceEndDate", today.plusDays(765).toString()))
        + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(second.status()).as(second.body()).isEqualTo(201);

    String firstOrder = awaitOrderOf(seller, buyer, first.json().at("/agreementId").asText());
    String secondOrder = awaitOrderOf(seller, buyer, second.json().at("/agreementId").asText());
    await().atMost(Duration.ofSeconds(20)).until(() -> subjects(seller, "team-new-order").size() == 2);
    assertThat(subjects(seller, "team-new-order")).allSatisfy(s -> assertThat(s)
        .startsWith("New order: ").doesNotContain("New order: New order"));

    // The first token: both subscriptions are shown, the buyer must say which one.
    Http firstBrowser = new Http(port);
    String firstSession = arrive(firstBrowser, first.json().at("/fulfillment/token").asText());
    assertThat(firstBrowser.get(firstSession).body()).contains("several subscriptions").contains("Deal 2027")
        .contains("Renewal 2028").contains(first.json().at("/agreementId").asText());
    String csrf = firstBrowser.csrfFrom(firstSession);
    Map<String, String> ada = Map.of("company", "Acme One", "contactName", "Ada", "email", "ada@acme.test");
    Http.Response unchosen = firstBrowser.postForm(firstSession, ada, csrf);
    assertThat(unchosen.status()).isEqualTo(400);
    assertThat(unchosen.body()).contains("choose the subscription you are registering");
    assertThat(order(seller, firstOrder).at("/status").asText()).isEqualTo("PENDING_REGISTRATION");
    assertThat(firstBrowser.postForm(firstSession, with(ada, "orderId", firstOrder), csrf).status()).isEqualTo(302);
    assertThat(firstBrowser.get(firstSession).body()).contains("You are registered").contains("Deal 2027");
    assertThat(order(seller, firstOrder).at("/registration/company").asText()).isEqualTo("Acme One");
    assertThat(order(seller, secondOrder).at("/status").asText()).isEqualTo("PENDING_REGISTRATION");

    // The second token registers the renewal's order.
    Http secondBrowser = new Http(port);
    String secondSession = arrive(secondBrowser, second.json().at("/fulfillment/token").asText());
    assertThat(secondBrowser.get(secondSession).body()).contains("already registered");
    String csrf2 = secondBrowser.csrfFrom(secondSession);
    Map<String, String> ops = Map.of("company", "Acme Ops", "contactName", "Grace", "email", "ops@acme.test",
        "orderId", secondOrder);
    assertThat(secondBrowser.postForm(secondSession, ops, csrf2).status()).isEqualTo(302);
    assertThat(order(seller, secondOrder).at("/status").asText()).isEqualTo("REGISTERED");
    assertThat(order(seller, secondOrder).at("/registration/company").asText()).isEqualTo("Acme Ops");
    assertThat(order(seller, firstOrder).at("/registration/company").asText()).isEqualTo("Acme One");

    // The same token again, and the form submitted again: an update, nothing sent twice.
    assertThat(arrive(new Http(port), second.json().at("/fulfillment/token").asText())).isEqualTo(secondSession);
    assertThat(secondBrowser.get(secondSession + "?change").body()).contains("You are updating").contains("Acme Ops");
    assertThat(secondBrowser.postForm(secondSession, with(ops, "contactName", "Grace Hopper"), csrf2).status())
        .isEqualTo(302);
    JsonNode updated = order(seller, secondOrder);
    assertThat(updated.at("/registration/contactName").asText()).isEqualTo("Grace Hopper");
    List<String> causes = updated.at("/timeline").findValuesAsText("cause");
    assertThat(causes).containsOnlyOnce("registered by the buyer").contains("registration updated by the buyer")
        .noneMatch(c -> c.contains("after automatic"));
    assertThat(order(seller, firstOrder).at("/timeline").findValuesAsText("cause"))
        .containsOnlyOnce("registered by the buyer").doesNotContain("registration updated by the buyer");

    assertThat(recipients(seller, "buyer-welcome")).containsExactlyInAnyOrder("ada@acme.test", "ops@acme.test");
    List<String> completed = subjects(seller, "team-registration-completed");
    assertThat(completed).hasSize(2).anySatisfy(s -> assertThat(s).contains("Acme One"))
        .anySatisfy(s -> assertThat(s).contains("Acme Ops"))
        .allSatisfy(s -> assertThat(s).doesNotContain("after automatic").doesNotContain("own details"));
  }

  private static String published(ConnectedSeller seller, String buyer, String name, Map<String, Object> term) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, Object> offer = new java.util.LinkedHashMap<>(Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD", "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", "120.00")),
        "paymentSchedule", List.of(Map.of("dueOn", today.plusDays(5).toString(), "amount", "1200.00"))));
    offer.putAll(term);
    Http.Response created = seller.api.postJson("/api/v1/offers", offer);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String offerId = created.json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    return seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
  }

  private static String awaitOrderOf(ConnectedSeller seller, String buyer, String agreementId) {
    String[] id = new String[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (JsonNode o : seller.api.get("/api/v1/orders?q=" + buyer).json().at("/items")) {
        if (o.at("/agreementId").asText().equals(agreementId)) {
          id[0] = o.at("/id").asText();
        }
      }
      return id[0] != null;
    });
    return id[0];
  }

  private static JsonNode order(ConnectedSeller seller, String orderId) {
    return seller.api.get("/api/v1/orders/" + orderId).json();
  }

  private static String arrive(Http browser, String token) {
    Http.Response arrived = browser.postForm("/marketplace/register", Map.of("x-amzn-marketplace-token", token), null);
    assertThat(arrived.status()).as(arrived.body()).isEqualTo(302);
    return arrived.header("Location").replaceFirst("^https?://[^/]+", "");
  }

  private static Map<String, String> with(Map<String, String> form, String key, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(form);
    more.put(key, value);
    return more;
  }

  /** The outbox's emails of one template (queued in the transaction of what they tell of). */
  private static List<JsonNode> outbox(ConnectedSeller seller, String template) {
    JsonNode items = seller.api.get("/api/v1/outbox?limit=200").json().at("/items");
    return StreamSupport.stream(items.spliterator(), false)
        .filter(e -> template.equals(e.at("/template").asText())).toList();
  }

  private static List<String> subjects(ConnectedSeller seller, String template) {
    return outbox(seller, template).stream().map(e -> e.at("/subject").asText()).toList();
  }

  private static List<String> recipients(ConnectedSeller seller, String template) {
    List<String> to = new ArrayList<>();
    outbox(seller, template).forEach(e -> e.at("/to").forEach(a -> to.add(a.asText())));
    return to;
  }
}
