package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Refunds of an order against the embedded sandbox: the order's invoice, read from the marketplace on the
 * order page; bad requests refused field by field with nothing recorded; a refund through the API and one
 * from the page, each sent once however often it is retried; completed by the marketplace once its clock
 * moves on, in the refund's status and the order's timeline, or, its event lost, by the agreement sweep asking
 * the marketplace; the refunds in the ledger read from the seller data feeds; another organization sees none of it.
 */
@SandboxClockTest
class RefundsTest {

  private static final Pattern INVOICE_OPTION = Pattern.compile(
      "<option value=\"([^\"]+)\"[^>]*>[^<]*refundable ([0-9,.]+) USD</option>");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;

  @Test
  void a_refund_is_checked_sent_once_and_completed_by_the_marketplace() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Refund Co");
    String buyer = seller.sandbox.buyer("Refunded Buyer");
    String orderId = acceptedOrder(seller, buyer);
    String refunds = "/api/v1/orders/" + orderId + "/refunds";

    // The order page offers the invoice the buyer was billed at acceptance, all of it refundable.
    Http console = new Http(port);
    assertThat(console.signIn(seller.tenant.adminEmail(), seller.tenant.adminPassword()).status()).isEqualTo(302);
    String page = console.get("/orders/" + orderId).body();
    assertThat(page).contains("data-testid=\"refund-form\"").contains("No refund requested.");
    Matcher option = INVOICE_OPTION.matcher(page);
    assertThat(option.find()).as(page).isTrue();
    String invoiceId = option.group(1);
    BigDecimal refundable = new BigDecimal(option.group(2).replace(",", ""));
    assertThat(refundable).isEqualByComparingTo("6000.00");

    // Bad requests: each field named, nothing recorded, nothing sent.
    JsonNode empty = seller.api.postJson(refunds, Map.of()).json();
    assertThat(empty.at("/status").asInt()).isEqualTo(400);
    assertThat(empty.at("/errors").findValuesAsText("field")).contains("invoiceId", "amount", "reason");
    assertField(seller.api.postJson(refunds, body(invoiceId, "-5", "OTHER")), "amount", "more than zero");
    assertField(seller.api.postJson(refunds, body(invoiceId, "abc", "OTHER")), "amount", "decimal");
    assertField(seller.api.postJson(refunds, body(invoiceId, "10.00", "BECAUSE")), "reason", "must be one of");
    assertField(seller.api.postJson(refunds, body(invoiceId, "6000.01", "OTHER")), "amount",
        "more than can still be refunded");
    assertField(seller.api.postJson(refunds, body("inv-not-this-order", "10.00", "OTHER")), "invoiceId",
        "not an invoice of this order");
    Map<String, Object> euros = body(invoiceId, "10.00", "OTHER");
    euros.put("currency", "EUR");
    assertField(seller.api.postJson(refunds, euros), "currency", "USD");
    assertThat(seller.api.get(refunds).json().at("/items").size()).isZero();

    // Another organization and a role without FINANCE_EDIT cannot refund it.
    TestTenants.Tenant other = new TestTenants(context).seller("Refund Snoop");
    Http snoop = new Http(port).bearer(other.adminToken());
    assertThat(snoop.postJson(refunds, body(invoiceId, "10.00", "OTHER")).status()).isEqualTo(404);
    assertThat(snoop.get(refunds).status()).isEqualTo(404);
    Http sales = new Http(port).bearer(new TestTenants(context).token(seller.tenant, Role.SALES));
    assertThat(sales.postJson(refunds, body(invoiceId, "10.00", "OTHER")).status()).isEqualTo(403);

    // A refund through the API, retried with its Idempotency-Key: one refund, one adjustment.
    Map<String, String> key = Map.of("Idempotency-Key", "refund-" + orderId);
    Http.Response made = seller.api.postJson(refunds, body(invoiceId, "1000.00", "BUYER_DISSATISFACTION"), key);
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    JsonNode refund = made.json();
    assertThat(refund.at("/status").asText()).isEqualTo("PENDING");
    assertThat(refund.at("/amount").asText()).isEqualTo("1000.00");
    assertThat(refund.at("/currency").asText()).isEqualTo("USD");
    assertThat(refund.at("/billingAdjustmentRequestId").asText()).startsWith("ba-");
    Http.Response retried = seller.api.postJson(refunds, body(invoiceId, "1000.00", "BUYER_DISSATISFACTION"), key);
    assertThat(retried.json().at("/id").asText()).isEqualTo(refund.at("/id").asText());

    // One from the page, its form submitted twice: one more refund.
    String csrf = console.csrfFrom("/orders/" + orderId);
    Map<String, String> form = Map.of("invoiceId", invoiceId, "amount", "500", "reason", "OTHER",
        "description", "Seats never used", "refundToken", "form-token-1");
    assertThat(console.postForm("/orders/" + orderId + "/refunds", form, csrf).status()).isEqualTo(302);
    assertThat(console.postForm("/orders/" + orderId + "/refunds", form, csrf).status()).isEqualTo(302);
    Http.Response badForm = console.postForm("/orders/" + orderId + "/refunds", Map.of("invoiceId", invoiceId,
        "amount", "", "reason", "", "refundToken", "form-token-2"), csrf);
    assertThat(badForm.status()).isEqualTo(400);
    assertThat(badForm.body()).contains("No refund requested: fix the fields marked below").contains("is required");

    JsonNode listed = seller.api.get(refunds).json().at("/items");
    assertThat(listed.findValuesAsText("amount")).containsExactly("1000.00", "500.00");
    // pending until the sandbox's next tick of time completes them (real time passing may already have)
    assertThat(listed.findValuesAsText("status")).isSubsetOf("PENDING", "COMPLETED");
    // The marketplace holds exactly those two: what is left to refund on the invoice dropped by 1,500.00.
    Matcher after = INVOICE_OPTION.matcher(console.get("/orders/" + orderId).body());
    assertThat(after.find()).isTrue();
    assertThat(new BigDecimal(after.group(2).replace(",", ""))).isEqualByComparingTo("4500.00");
    assertField(seller.api.postJson(refunds, body(invoiceId, "4500.01", "OTHER")), "amount", "4,500.00 USD");

    // The marketplace completes them once its clock moves on.
    advance("PT1M");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
        seller.api.get(refunds).json().at("/items").findValuesAsText("status").equals(List.of("COMPLETED", "COMPLETED")));
    JsonNode order = seller.api.get("/api/v1/orders/" + orderId).json();
    assertThat(order.at("/timeline").findValuesAsText("cause"))
        .containsSubsequence("refund requested", "refund requested")
        .filteredOn("refund completed"::equals).hasSize(2);
    assertThat(order.at("/timeline").findValuesAsText("detail"))
        .anyMatch(d -> d.contains("1,000.00 USD on invoice " + invoiceId));
    String shown = console.get("/orders/" + orderId).body();
    assertThat(shown).contains("data-testid=\"refunds\"").contains("Seats never used").contains("COMPLETED")
        .doesNotContain(">PENDING<");
    assertThat(seller.api.get("/api/v1/audit-events?limit=100").body()).contains("order.refund.requested");
    assertThat(snoop.get("/api/v1/audit-events?limit=100").body()).doesNotContain("order.refund.requested");

    // A refund whose completion event is lost: the agreement sweep asks the marketplace and completes it.
    Http control = new Http(sandbox.endpoint().toString());
    assertThat(control.postJson("/sandbox/faults", Map.of("eventDelayMillis", Duration.ofDays(365).toMillis()))
        .status()).isEqualTo(200);
    JobHandler sweep = context.getBeansOfType(JobHandler.class).values().stream()
        .filter(h -> h.kind().equals("orders.agreement-sweep")).findFirst().orElseThrow();
    Job sweepRun = new Job(UUID.randomUUID(), sweep.kind(), seller.tenant.organizationId(),
        JsonNodeFactory.instance.objectNode(), clock.instant(), 1, 1);
    try {
      Http.Response lost = seller.api.postJson(refunds, body(invoiceId, "100.00", "OTHER"));
      assertThat(lost.status()).as(lost.body()).isEqualTo(201);
      advance("PT2M");
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
        sweep.handle(sweepRun);
        return seller.api.get(refunds).json().at("/items").findValuesAsText("status")
            .equals(List.of("COMPLETED", "COMPLETED", "COMPLETED"));
      });
    } finally {
      control.delete("/sandbox/faults");
    }
    assertThat(seller.api.get("/api/v1/orders/" + orderId).json().at("/timeline").findValuesAsText("cause"))
        .filteredOn("refund completed"::equals).hasSize(3);

    // The ledger reads the refunds from the seller data feeds (a day's rows arrive the midnight after): they
    // count on the invoice they refund.
    assertThat(seller.api.putJson("/api/v1/marketplace/data-feeds", Map.of("bucket", "sandbox-datafeeds-"
        + seller.account.accountId())).status()).isEqualTo(200);
    advance("P1D");
    String syncId = seller.api.postJson("/api/v1/finance/sync", Map.of()).json().at("/syncId").asText();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
        seller.api.get("/api/v1/finance/syncs/" + syncId).json().at("/status").asText().equals("DONE"));
    JsonNode ledger = seller.api.get("/api/v1/finance/invoices?orderId=" + orderId).json().at("/items");
    assertThat(ledger.findValuesAsText("invoiceId")).containsExactly(invoiceId);
    assertThat(ledger.get(0).at("/amount").asText()).isEqualTo("6000.00");
    assertThat(ledger.get(0).at("/refunded").asText()).isEqualTo("1600.00");
    assertThat(seller.api.get("/api/v1/orders/" + orderId).json().at("/money/refunded").asText()).isEqualTo("1600.00");

    // A marketplace that refuses (the connection now names another seller's account) is a marketplace error.
    seller.connect(seller.sandbox.seller("Refund Co Elsewhere"));
    Http.Response refused = seller.api.postJson(refunds, body(invoiceId, "1.00", "OTHER"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(502);
    assertThat(refused.json().at("/detail").asText()).contains("ResourceNotFoundException");
    assertThat(seller.api.get(refunds).json().at("/items").size()).isEqualTo(3);
  }

  /** A direct private offer of 6,000.00 USD charged at acceptance, accepted by the buyer: its order ID. */
  private String acceptedOrder(ConnectedSeller seller, String buyer) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Refundable deal", "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 5, "unitPrice", "1200.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    String marketplaceOfferId = seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
    Http.Response accepted = new Http(sandbox.endpoint().toString()).postJson(
        "/sandbox/offers/" + marketplaceOfferId + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    return OrderFlowTest.awaitOrder(seller, buyer, "PENDING_REGISTRATION").at("/id").asText();
  }

  private static Map<String, Object> body(String invoiceId, String amount, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("invoiceId", invoiceId);
    body.put("amount", amount);
    body.put("reason", reason);
    return body;
  }

  private static void assertField(Http.Response response, String field, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().at("/errors").toString()).as(response.body()).contains("\"" + field + "\"")
        .contains(message);
  }

  private void advance(String duration) {
    Http.Response r = new Http(sandbox.endpoint().toString()).postJson("/sandbox/clock/advance",
        Map.of("duration", duration));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
