package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Every offer in one list: filters, search, sorts, stable cursor pages, counts per stage, CSV. */
@SandboxTest
class OfferListTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  ConnectedSeller seller;
  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void setUp() {
    seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Listing Table Co");
  }

  String create(String name, String buyer, int expiresInDays) {
    Http.Response r = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(expiresInDays).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 1, "unitPrice", "10.00"))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/id").asText();
  }

  @Test
  void filters_search_sort_and_pages_hold_together() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(create("Deal " + (char) ('A' + i), i % 2 == 0 ? "111111111111" : "222222222222", 10 + i));
    }
    String cancelled = ids.get(0);
    seller.api.postJson("/api/v1/offers/" + cancelled + "/cancel", Map.of());

    // Cursor pages of 3 visit every offer once, newest first.
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = seller.api.get("/api/v1/offers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.at("/items").forEach(o -> {
        assertThat(seen.add(o.at("/id").asText())).isTrue();
        order.add(o.at("/id").asText());
        assertThat(o.has("timeline")).isTrue();
        // the page's timelines are read in one query: each is the offer's own, as the offer itself shows it
        assertThat(o.at("/timeline")).isNotEmpty()
            .isEqualTo(seller.api.get("/api/v1/offers/" + o.at("/id").asText()).json().at("/timeline"));
      });
      cursor = page.at("/nextCursor").isMissingNode() || page.at("/nextCursor").isNull()
          ? null : page.at("/nextCursor").asText();
    } while (cursor != null);
    List<String> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    assertThat(order).containsExactlyElementsOf(newestFirst);

    assertThat(seller.api.get("/api/v1/offers?stage=CANCELLED").json().at("/items").size()).isEqualTo(1);
    assertThat(seller.api.get("/api/v1/offers?buyerAccountId=222222222222").json().at("/items").size()).isEqualTo(3);
    assertThat(seller.api.get("/api/v1/offers?q=deal%20c").json().at("/items/0/name").asText()).isEqualTo("Deal C");
    // a buyer's account ID as the search finds that buyer's offers (the buyers are searched only for one)
    assertThat(seller.api.get("/api/v1/offers?q=%20222222222222").json().at("/items").size()).isEqualTo(3);
    assertThat(seller.api.get("/api/v1/offers?productId=" + seller.productId + "&type=DIRECT").json()
        .at("/items").size()).isEqualTo(7);
    assertThat(seller.api.get("/api/v1/offers?expiresTo=" + today.plusDays(11)).json().at("/items").size())
        .isEqualTo(2);
    JsonNode byExpiry = seller.api.get("/api/v1/offers?sort=expiresOn&limit=2").json();
    assertThat(byExpiry.at("/items/0/name").asText()).isEqualTo("Deal A");
    JsonNode second = seller.api.get("/api/v1/offers?sort=expiresOn&limit=2&cursor="
        + byExpiry.at("/nextCursor").asText()).json();
    assertThat(second.at("/items/0/name").asText()).isEqualTo("Deal C");
    assertThat(seller.api.get("/api/v1/offers?sort=name").json().at("/items/6/name").asText()).isEqualTo("Deal G");
    assertThat(seller.api.get("/api/v1/offers?sort=bogus").status()).isEqualTo(400);
    assertThat(seller.api.get("/api/v1/offers?stage=NOPE").status()).isEqualTo(400);

    JsonNode counts = seller.api.get("/api/v1/offers/stage-counts").json();
    assertThat(counts.at("/DRAFT").asInt()).isEqualTo(6);
    assertThat(counts.at("/CANCELLED").asInt()).isEqualTo(1);
    assertThat(counts.at("/SENT").asInt()).isZero();
  }

  @Test
  void the_csv_export_holds_the_filtered_offers_and_defuses_formulas() {
    create("=HYPERLINK(\"x\")", "111111111111", 10);
    create("Plain, with comma", "222222222222", 12);
    Http.Response csv = seller.api.get("/api/v1/offers/export?buyerAccountId=111111111111");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("id,name,type,stage");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("'=HYPERLINK").contains("DRAFT").contains("10.00");
    assertThat(seller.api.get("/api/v1/offers/export").body()).contains("\"Plain, with comma\"");
  }
}
