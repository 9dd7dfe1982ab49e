package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;

/**
 * What the finance tests do against the embedded sandbox: sellers connected with their data feed bucket,
 * buyers' payment terms, offers accepted, the sandbox clock moved forward, feeds synced, the ledger read.
 */
final class FinanceWorld {

  final Http market;

  FinanceWorld(String sandboxEndpoint) {
    this.market = new Http(sandboxEndpoint);
  }

  /** Names the organization's sandbox data feed bucket (sellers and resellers alike). */
  static void feeds(Http api, String accountId) {
    Http.Response saved = api.putJson("/api/v1/marketplace/data-feeds", Map.of("bucket", "sandbox-datafeeds-" + accountId));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  void terms(String buyer, int netDays, String payment) {
    Http.Response r = market.putJson("/sandbox/accounts/" + buyer + "/payment-terms",
        Map.of("method", "INVOICE", "netDays", netDays, "payment", payment));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  void bankAccountValid(String account, boolean valid) {
    Http.Response r = market.putJson("/sandbox/accounts/" + account + "/disbursement-settings",
        Map.of("frequency", "DAILY", "bankAccountValid", valid));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  void faults(Map<String, Object> faults) {
    Http.Response r = market.postJson("/sandbox/faults", faults);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  void clearFaults() {
    assertThat(market.delete("/sandbox/faults").status()).isEqualTo(200);
  }

  /** Publishes a direct offer with the schedule, has the buyer accept it; answers the order's ID. */
  String accepted(ConnectedSeller seller, String buyer, String name, List<Map<String, String>> schedule) {
    BigDecimal total = schedule.stream().map(c -> new BigDecimal(c.get("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    Http.Response created = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today().plusDays(1).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", total.divide(BigDecimal.TEN).toPlainString())),
        "paymentSchedule", schedule));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String offerId = created.json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    String agreementId = accept(seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText(), buyer);
    return awaitOrder(seller.api, agreementId);
  }

  /** The buyer accepts the marketplace offer; answers the agreement's ID. */
  String accept(String marketplaceOfferId, String buyer) {
    Http.Response accepted = market.postJson("/sandbox/offers/" + marketplaceOfferId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    return accepted.json().at("/agreementId").asText();
  }

  static String awaitOrder(Http api, String agreementId) {
    String[] orderId = new String[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode items = api.get("/api/v1/orders?q=" + agreementId).json().at("/items");
      orderId[0] = items.isEmpty() ? null : items.get(0).at("/id").asText();
      return orderId[0] != null;
    });
    return orderId[0];
  }

  /** Today on the sandbox's clock, which the platform follows (other tests may have moved it). */
  LocalDate today() {
    return LocalDate.ofInstant(Instant.parse(market.get("/sandbox/clock").json().at("/now").asText()), ZoneOffset.UTC);
  }

  void advance(String duration) {
    Http.Response moved = market.postJson("/sandbox/clock/advance", Map.of("duration", duration));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
  }

  /** Asks for a sync and waits until it is done; answers its status. */
  static JsonNode sync(Http api) {
    Http.Response started = api.postJson("/api/v1/finance/sync", Map.of());
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().at("/syncId").asText();
    JsonNode[] status = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      status[0] = api.get("/api/v1/finance/syncs/" + id).json();
      return status[0].at("/status").asText().matches("DONE|FAILED");
    });
    assertThat(status[0].at("/status").asText()).as(status[0].toString()).isEqualTo("DONE");
    return status[0];
  }

  static List<JsonNode> invoices(Http api, String query) {
    List<JsonNode> items = new ArrayList<>();
    api.get("/api/v1/finance/invoices?" + query).json().at("/items").forEach(items::add);
    return items;
  }

  static List<JsonNode> exceptions(Http api, String kind) {
    List<JsonNode> items = new ArrayList<>();
    api.get("/api/v1/finance/exceptions").json().at("/items").forEach(x -> {
      if (kind.equals(x.at("/kind").asText())) {
        items.add(x);
      }
    });
    return items;
  }

  /** Waits until the inbox of this signed-in member holds a notification of each type. */
  static void awaitNotified(Http console, String... types) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(console.get("/api/v1/notifications?limit=100").json().at("/items").findValuesAsText("type"))
            .contains(types));
  }

  /** A console session of the organization's admin. */
  static Http signedIn(int port, String email, String password) {
    Http console = new Http(port);
    assertThat(console.signIn(email, password).status()).isEqualTo(302);
    return console;
  }
}
