package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Purchase instructions go to the buyer; their page, shown in a browser, marks the offer VIEWED, once;
 * fetching the link alone (a mail scanner) does not.
 */
@SandboxTest
class PurchaseInstructionsTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void the_buyer_gets_the_summary_and_opening_the_link_marks_the_offer_viewed() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Instructions Co");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String id = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Acme seats", "buyerAccountIds", List.of("777788889999"), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 20, "unitPrice", "300.00")),
        "paymentSchedule", List.of(Map.of("dueOn", today.plusDays(10).toString(), "amount", "2000.00"),
            Map.of("dueOn", today.plusDays(100).toString(), "amount", "4000.00")))).json().at("/id").asText();

    // Not before it is on the marketplace.
    assertThat(seller.api.postJson("/api/v1/offers/" + id + "/purchase-instructions",
        Map.of("to", List.of("buyer@acme.test"))).status()).isEqualTo(409);
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    String marketplaceId = seller.awaitStage(id, "SENT").at("/marketplaceOfferId").asText();

    Http.Response bad = seller.api.postJson("/api/v1/offers/" + id + "/purchase-instructions",
        Map.of("to", List.of("not an email")));
    assertThat(bad.status()).isEqualTo(400);
    Http.Response sent = seller.api.postJson("/api/v1/offers/" + id + "/purchase-instructions",
        Map.of("to", List.of("buyer@acme.test"), "note", "As agreed on our call."));
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    String emailId = sent.json().at("/emails/0").asText();

    JsonNode email = seller.api.get("/api/v1/outbox/" + emailId).json();
    assertThat(email.toString()).contains("Instructions Co").contains("Acme seats").contains("6,000.00 USD")
        .contains("buyer@acme.test").contains("As agreed on our call.");
    Matcher link = Pattern.compile("(http://localhost:\\d+/o/[A-Za-z0-9_-]+)").matcher(email.toString());
    assertThat(link.find()).isTrue();

    String path = link.group(1).replaceFirst("http://localhost:\\d+", "");
    Http buyer = new Http(port);
    Http.Response page = buyer.get(path);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Acme seats").contains("Instructions Co")
        .contains(sandbox.endpoint() + "/sandbox/buyer/offers/" + marketplaceId);
    // Fetching the link, as a mail scanner or a link preview does, changes nothing.
    new Http(port).get(path);
    assertThat(buyer.get(path).status()).isEqualTo(200);
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("SENT");
    // Nor does a POST without the page's CSRF token.
    assertThat(new Http(port).postForm(path + "/viewed", Map.of(), null).status()).isEqualTo(403);
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("SENT");

    // The page, shown in a browser, records that the buyer looked.
    try (Browser browser = new Browser(port)) {
      browser.open(path);
      assertThat(browser.text("[data-testid=offer-terms]")).contains("777788889999");
      seller.awaitStage(id, "VIEWED");
    }
    // The same POST again (another browser) records nothing more.
    Http other = new Http(port);
    String csrf = csrfMeta(other.get(path).body());
    assertThat(other.postForm(path + "/viewed", Map.of(), csrf).status()).isEqualTo(204);

    JsonNode viewed = seller.api.get("/api/v1/offers/" + id).json();
    assertThat(viewed.at("/stage").asText()).isEqualTo("VIEWED");
    assertThat(viewed.at("/timeline").findValuesAsText("cause"))
        .containsOnlyOnce("purchase instructions opened").contains("purchase instructions sent");

    assertThat(other.postForm("/o/not-a-real-token/viewed", Map.of(), csrf).status()).isEqualTo(404);
    assertThat(buyer.get("/o/not-a-real-token").status()).isEqualTo(404);
    // The team hears that the buyer looked, once.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> seller.api
        .get("/api/v1/outbox?limit=200").body().contains("Offer viewed"));
  }

  private static String csrfMeta(String html) {
    Matcher m = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    return m.group(1);
  }
}
