package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ready on the first day: an organization nobody has configured takes registration information on its
 * offers, and an order its buyer leaves unregistered registers itself from it an hour after acceptance.
 */
@SandboxClockTest
class FirstDayRegistrationTest {

  static final List<String> DEFAULT_FIELDS = List.of("companyName", "contactName", "contactEmail", "contactPhone");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void a_fresh_organization_registers_an_order_automatically_from_its_offer() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "First Day Co");
    JsonNode fields = seller.api.get("/api/v1/offers/metadata-fields").json().at("/items");
    assertThat(fields.findValuesAsText("key")).containsExactlyElementsOf(DEFAULT_FIELDS);
    assertThat(fields.findValuesAsText("group")).containsOnly("REGISTRATION");

    String buyer = seller.sandbox.buyer("First Day Buyer");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Http.Response created = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT",
        "productId", seller.productId, "name", "First day deal", "buyerAccountIds", List.of(buyer),
        "currency", "USD", "durationMonths", 12, "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 3, "unitPrice", "100.00")),
        "metadata", Map.of("registration", Map.of("companyName", "First Day Buyer Inc", "contactName", "Robin Roe",
            "contactEmail", "robin@firstday.test", "contactPhone", "+1 555 0100"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String offerId = created.json().at("/id").asText();
    assertThat(seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of()).status()).isEqualTo(202);
    String marketplaceOfferId = seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
    Http marketplace = new Http(sandbox.endpoint().toString());
    assertThat(marketplace.postJson("/sandbox/offers/" + marketplaceOfferId + "/accept",
        Map.of("buyerAccountId", buyer)).status()).isEqualTo(201);
    String orderId = OrderFlowTest.awaitOrder(seller, buyer, "PENDING_REGISTRATION").at("/id").asText();

    Http.Response advanced = marketplace.postJson("/sandbox/clock/advance", Map.of("duration", "PT61M"));
    assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
    JsonNode registered = RegistrationClockTest.awaitStatus(seller, orderId, "REGISTERED");
    assertThat(registered.at("/registration/source").asText()).isEqualTo("AUTOMATIC");
    assertThat(registered.at("/registration/company").asText()).isEqualTo("First Day Buyer Inc");
    assertThat(registered.at("/registration/contactName").asText()).isEqualTo("Robin Roe");
    assertThat(registered.at("/registration/email").asText()).isEqualTo("robin@firstday.test");
  }

  @Test
  void the_demo_organization_starts_with_the_same_fields() {
    assertThat(jdbc.sql("""
        SELECT f.key FROM offer_metadata_field f JOIN organization o ON o.id = f.organization_id
        WHERE o.slug = 'demo-isv' AND f.field_group = 'REGISTRATION' ORDER BY f.position""")
        .query(String.class).list())
        .containsExactlyElementsOf(DEFAULT_FIELDS);
  }
}
