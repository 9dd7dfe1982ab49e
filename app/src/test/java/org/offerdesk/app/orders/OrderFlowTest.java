package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.offerdesk.app.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A direct private offer from acceptance to a registered, provisioned, booked customer, against the
 * sandbox through the AWS SDK and a real SMTP server.
 */
@SandboxTest
class OrderFlowTest {

  static final int SMTP_PORT = freePort();
  static GreenMail smtp;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry properties) {
    properties.add("spring.mail.host", () -> "127.0.0.1");
    properties.add("spring.mail.port", () -> SMTP_PORT);
  }

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void direct_offer_accepted_registered_by_the_buyer_provisioned_and_booked() throws Exception {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Flow Co");
    WebhookReceiver hooks = new WebhookReceiver();
    Http.Response endpoint = seller.api.postJson("/api/v1/webhooks", Map.of("url", hooks.url(), "events", List.of("*")));
    assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
    hooks.secret(endpoint.json().at("/secret").asText());
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String buyer = seller.sandbox.buyer("Flow Buyer");
    seller.api.putJson("/api/v1/listings/" + seller.productId + "/template", Map.of(
        "supportEmail", "help@flow.test", "supportUrl", "https://flow.test/support", "welcomeText", "Welcome!",
        "registrationFields", List.of(Map.of("key", "tenant", "label", "Tenant name", "type", "TEXT",
            "required", true))));
    seller.api.putJson("/api/v1/offers/metadata-fields", Map.of("items", List.of(
        Map.of("group", "BOOKING", "key", "poNumber", "label", "PO number", "type", "TEXT", "required", true))));
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Flow 2027", "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 50, "unitPrice", "240.00")),
        "paymentSchedule", List.of(Map.of("dueOn", today.plusDays(5).toString(), "amount", "12000.00")),
        "metadata", Map.of("booking", Map.of("poNumber", "PO-4711")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    String marketplaceOfferId = seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();

    Http.Response accepted = new Http(sandbox.endpoint().toString()).postJson(
        "/sandbox/offers/" + marketplaceOfferId + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    String agreementId = accepted.json().at("/agreementId").asText();
    String fulfillmentUrl = accepted.json().at("/fulfillment/url").asText();
    String token = accepted.json().at("/fulfillment/token").asText();
    assertThat(fulfillmentUrl).isEqualTo("http://localhost:" + port + "/marketplace/register");

    JsonNode order = awaitOrder(seller, buyer, "PENDING_REGISTRATION");
    String orderId = order.at("/id").asText();
    assertThat(order.at("/kind").asText()).isEqualTo("DIRECT");
    assertThat(order.at("/agreementId").asText()).isEqualTo(agreementId);
    assertThat(order.at("/offerId").asText()).isEqualTo(offerId);
    assertThat(order.at("/totalContractValue").asText()).isEqualTo("12000.00");
    assertThat(order.at("/terms/dimensions/0/quantity").asInt()).isEqualTo(50);
    assertThat(seller.awaitStage(offerId, "ACCEPTED")).isNotNull();

    // The team hears of the new order, with the offer's booking metadata.
    MimeMessage newOrder = awaitMail(seller.tenant.adminEmail(), "New order");
    assertThat(GreenMailUtil.getBody(newOrder)).contains("PO-4711");

    // The buyer arrives from the marketplace with the token, and registers.
    Http browser = new Http(port);
    Http.Response arrived = browser.postForm("/marketplace/register",
        Map.of("x-amzn-marketplace-token", token), null);
    assertThat(arrived.status()).isEqualTo(302);
    String sessionPath = arrived.header("Location").replaceFirst("^https?://[^/]+", "");
    Http.Response form = browser.get(sessionPath);
    assertThat(form.body()).contains("Flow Co").contains("Flow Co Platform").contains("Tenant name");
    String csrf = browser.csrfFrom(sessionPath);
    Http.Response invalid = browser.postForm(sessionPath, Map.of("company", "Acme", "contactName", "Ada",
        "email", "nope"), csrf);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body()).contains("must be an email address").contains("is required");
    Http.Response done = browser.postForm(sessionPath, Map.of("company", "Acme Corp", "contactName", "Ada Lovelace",
        "email", "ada@acme.test", "field.tenant", "acme-prod"), csrf);
    assertThat(done.status()).isEqualTo(302);
    assertThat(browser.get(sessionPath).body()).contains("You are registered");

    JsonNode registered = seller.api.get("/api/v1/orders/" + orderId).json();
    assertThat(registered.at("/status").asText()).isEqualTo("REGISTERED");
    assertThat(registered.at("/registration/source").asText()).isEqualTo("BUYER");
    assertThat(registered.at("/registration/company").asText()).isEqualTo("Acme Corp");
    assertThat(registered.at("/registration/fields/tenant").asText()).isEqualTo("acme-prod");
    assertThat(seller.api.get("/api/v1/offers/" + offerId).json().at("/stage").asText()).isEqualTo("REGISTERED");

    MimeMessage welcome = awaitMail("ada@acme.test", "Welcome");
    assertThat(GreenMailUtil.getBody(welcome)).contains("https://flow.test/support").contains("help@flow.test");

    // A replayed token changes nothing; a bad one gets a clear page.
    Http replay = new Http(port);
    Http.Response again = replay.postForm("/marketplace/register", Map.of("x-amzn-marketplace-token", token), null);
    assertThat(replay.get(again.header("Location").replaceFirst("^https?://[^/]+", "")).body())
        .contains("You are registered");
    Http.Response bad = new Http(port).postForm("/marketplace/register",
        Map.of("x-amzn-marketplace-token", "forged-token"), null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("not valid");

    // Provisioned by the seller's systems, and booked.
    Http.Response provisioned = seller.api.postJson("/api/v1/orders/" + orderId + "/provisioned", Map.of());
    assertThat(provisioned.json().at("/status").asText()).isEqualTo("PROVISIONED");
    assertThat(seller.api.get("/api/v1/offers/" + offerId).json().at("/stage").asText()).isEqualTo("PROVISIONED");
    JsonNode booking = seller.api.get("/api/v1/orders/" + orderId + "/booking").json();
    assertThat(booking.at("/bookingMetadata/poNumber").asText()).isEqualTo("PO-4711");
    assertThat(booking.at("/totalContractValue").asText()).isEqualTo("12000.00");
    assertThat(booking.at("/parties/buyerCompany").asText()).isEqualTo("Acme Corp");
    assertThat(booking.at("/agreementId").asText()).isEqualTo(agreementId);
    String csv = seller.api.get("/api/v1/orders/" + orderId + "/booking.csv").body();
    assertThat(csv).contains("PO-4711").contains(agreementId).contains("Acme Corp");
    assertThat(seller.api.get("/api/v1/orders/" + orderId).json().at("/timeline").findValuesAsText("cause"))
        .containsSubsequence("agreement created", "registered by the buyer", "booked", "provisioned");

    // Exactly once: one order, one new-order email per person, one welcome.
    assertThat(seller.api.get("/api/v1/orders?q=" + buyer).json().at("/items").size()).isEqualTo(1);
    assertThat(mails(seller.tenant.adminEmail(), "New order")).hasSize(1);
    assertThat(mails("ada@acme.test", "Welcome")).hasSize(1);

    // The seller's systems heard every step, signed: created, registered, booked, provisioned, and the
    // entitlements the license carries.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hooks.received().stream()
        .map(WebhookReceiver.Received::type).sorted().toList()).containsExactly("order.booked", "order.created",
        "order.entitlements_changed", "order.provisioned", "order.registered"));
    assertThat(hooks.received()).allMatch(WebhookReceiver.Received::signatureValid);
    assertThat(hooks.ofType("order.booked").get(0).event().at("/data/bookingMetadata/poNumber").asText())
        .isEqualTo("PO-4711");
    assertThat(hooks.ofType("order.entitlements_changed").get(0).event().at("/data/entitlements/0/dimension")
        .asText()).isEqualTo("Seats");
    hooks.close();

    // Another organization sees nothing of it.
    Http other = new Http(port).bearer(new org.offerdesk.app.identity.internal.TestTenants(context)
        .seller("Nosy Co").adminToken());
    assertThat(other.get("/api/v1/orders/" + orderId).status()).isEqualTo(404);
    assertThat(other.get("/api/v1/orders").json().at("/items").size()).isZero();
  }

  static JsonNode awaitOrder(ConnectedSeller seller, String buyer, String status) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonNode items = seller.api.get("/api/v1/orders?q=" + buyer).json().at("/items");
      if (items.size() == 0) {
        return false;
      }
      found[0] = items.get(0);
      return status.equals(found[0].at("/status").asText());
    });
    return found[0];
  }

  static MimeMessage awaitMail(String to, String subjectPart) {
    MimeMessage[] found = new MimeMessage[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      List<MimeMessage> m = mails(to, subjectPart);
      found[0] = m.isEmpty() ? null : m.get(0);
      return found[0] != null;
    });
    return found[0];
  }

  static List<MimeMessage> mails(String to, String subjectPart) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients() != null && Arrays.stream(m.getAllRecipients())
            .anyMatch(a -> a.toString().contains(to)) && m.getSubject().contains(subjectPart);
      } catch (Exception e) {
        return false;
      }
    }).toList();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
