package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** An admin defines the organization's booking, registration and contract fields; offers follow them. */
@SandboxTest
class MetadataFieldsTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void defined_fields_are_typed_on_save_and_required_at_publish() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Metadata Co");
    Http.Response defined = seller.api.putJson("/api/v1/offers/metadata-fields", Map.of("items", List.of(
        Map.of("group", "BOOKING", "key", "poNumber", "label", "PO number", "type", "TEXT", "required", true),
        Map.of("group", "BOOKING", "key", "bookedOn", "label", "Booked on", "type", "DATE", "required", false),
        Map.of("group", "REGISTRATION", "key", "contactEmail", "label", "Contact email", "type", "EMAIL",
            "required", true),
        Map.of("group", "CONTRACT", "key", "seatsCommitted", "label", "Seats committed", "type", "NUMBER",
            "required", false))));
    assertThat(defined.status()).as(defined.body()).isEqualTo(200);
    assertThat(defined.json().at("/items").size()).isEqualTo(4);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, Object> base = Map.of("type", "DIRECT", "productId", seller.productId, "name", "With metadata",
        "buyerAccountIds", List.of("777788889999"), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 1, "unitPrice", "10.00")));

    Map<String, Object> wrongTypes = new java.util.HashMap<>(base);
    wrongTypes.put("metadata", Map.of("booking", Map.of("bookedOn", "next tuesday", "colour", "red"),
        "registration", Map.of("contactEmail", "nope")));
    Http.Response refused = seller.api.postJson("/api/v1/offers", wrongTypes);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/errors").findValuesAsText("field")).contains("metadata.booking.bookedOn",
        "metadata.booking.colour", "metadata.registration.contactEmail");

    // A draft may lack required fields; publishing may not.
    String id = seller.api.postJson("/api/v1/offers", base).json().at("/id").asText();
    Http.Response publish = seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    assertThat(publish.status()).isEqualTo(400);
    assertThat(publish.json().at("/errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("metadata.booking.poNumber", "metadata.registration.contactEmail");
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("DRAFT");

    seller.api.patchJson("/api/v1/offers/" + id, Map.of("metadata", Map.of(
        "booking", Map.of("poNumber", "PO-4711", "bookedOn", today.toString()),
        "registration", Map.of("contactEmail", "it@acme.test"), "contract", Map.of("seatsCommitted", 100))));
    assertThat(seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of()).status()).isEqualTo(202);
    seller.awaitStage(id, "SENT");
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/metadata/booking/poNumber").asText())
        .isEqualTo("PO-4711");

    // Metadata stays editable on a sent offer: it lives in OfferDesk, not on the marketplace.
    Http.Response edited = seller.api.patchJson("/api/v1/offers/" + id, Map.of("metadata", Map.of(
        "booking", Map.of("poNumber", "PO-4712"), "registration", Map.of("contactEmail", "it@acme.test"))));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().at("/timeline").findValuesAsText("detail")).contains("OfferDesk metadata only");
  }
}
