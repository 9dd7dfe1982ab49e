package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Resale authorizations granted through the API and checked on the sandbox through the SDK: published in
 * one change set, failed and fixed, deactivated and cloned; a discount priced from the list prices; and
 * nothing of one ISV's authorizations visible to another.
 */
@SandboxTest
class ResaleAuthorizationPublishingTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  static final ObjectMapper JSON = new ObjectMapper();
  final LocalDate today = LocalDate.now(ZoneOffset.UTC);

  /** The body of a draft: wholesale prices per dimension, single use, for these buyers. */
  static Map<String, Object> draft(String productId, String reseller, String buyer, LocalDate endsOn) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("productId", productId);
    body.put("resellerAccountId", reseller);
    body.put("name", "Wholesale for " + buyer);
    body.put("description", "Seats at wholesale");
    body.put("currency", "USD");
    body.put("pricing", Map.of("durationMonths", 12, "dimensions",
        List.of(Map.of("key", "Seats", "wholesalePrice", "90.00"))));
    body.put("buyerAccountIds", List.of(buyer));
    body.put("availability", Map.of("type", "SINGLE_USE", "endsOn", endsOn.toString()));
    body.put("renewal", false);
    body.put("eula", Map.of("type", "STANDARD"));
    body.put("resellerContract", Map.of("type", "CUSTOM", "url", "https://isv.example/reseller-terms.pdf"));
    return body;
  }

  static JsonNode awaitStatus(Http api, String id, String status) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      last[0] = api.get("/api/v1/resale-authorizations/" + id).json();
      String now = last[0].at("/status").asText();
      // A failed publish is an end too: the assertion below then shows why it failed.
      return status.equals(now) || "PUBLISH_FAILED".equals(now);
    });
    assertThat(last[0].at("/status").asText()).as(last[0].toString()).isEqualTo(status);
    return last[0];
  }

  /** The authorization as the ISV's own SDK client reads it from the sandbox. */
  static JsonNode onMarketplace(ConnectedSeller isv, String marketplaceId) throws Exception {
    return JSON.readTree(isv.catalog().describeEntity(r -> r.catalog("AWSMarketplace").entityId(marketplaceId))
        .details());
  }

  @Test
  void a_draft_fails_on_a_wrong_reseller_is_fixed_granted_deactivated_and_cloned() throws Exception {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Granting ISV");
    String buyer = isv.sandbox.buyer("Granted Buyer");
    SandboxAccounts.Account reseller = isv.sandbox.reseller("Granted Reseller");

    // A buyer's account is no reseller: the marketplace refuses the change set, on that field.
    Http.Response created = isv.api.postJson("/api/v1/resale-authorizations",
        draft(isv.productId, isv.sandbox.buyer("Not A Reseller"), buyer, today.plusDays(60)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/id").asText();
    assertThat(created.json().at("/status").asText()).isEqualTo("DRAFT");
    assertThat(isv.api.postJson("/api/v1/resale-authorizations/" + id + "/publish", Map.of()).status())
        .isEqualTo(202);
    JsonNode failed = awaitStatus(isv.api, id, "PUBLISH_FAILED");
    assertThat(failed.at("/publishErrors/0/field").asText()).isEqualTo("resellerAccountId");
    assertThat(failed.at("/publishErrors/0/code").asText()).isEqualTo("INVALID_RESELLER_ACCOUNT");

    // Fixed while still a draft, published again: granted, with exactly these terms on the marketplace.
    Http.Response fixed = isv.api.patchJson("/api/v1/resale-authorizations/" + id,
        Map.of("resellerAccountId", reseller.accountId()));
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
    isv.api.postJson("/api/v1/resale-authorizations/" + id + "/publish", Map.of());
    JsonNode granted = awaitStatus(isv.api, id, "AUTHORIZED");
    String marketplaceId = granted.at("/marketplaceResaleAuthorizationId").asText();
    assertThat(marketplaceId).startsWith("resaleauthz-");
    assertThat(granted.at("/publishErrors").size()).isZero();
    assertThat(granted.at("/wholesaleValue").asText()).isEqualTo("90.00");
    JsonNode entity = onMarketplace(isv, marketplaceId);
    assertThat(entity.at("/Status").asText()).isEqualTo("Active");
    assertThat(entity.toString()).contains("\"ResellerAccountId\":\"" + reseller.accountId() + "\"")
        .contains("\"DimensionKey\":\"Seats\"").contains("\"Price\":\"90.00\"").contains(buyer)
        .contains("CustomResellerContract").contains("\"OffersMaxQuantity\":1");

    // Published: it cannot change any more; deactivating restricts it on the marketplace.
    assertThat(isv.api.patchJson("/api/v1/resale-authorizations/" + id, Map.of("name", "Changed")).status())
        .isEqualTo(409);
    assertThat(isv.api.postJson("/api/v1/resale-authorizations/" + id + "/deactivate", Map.of()).status())
        .isEqualTo(202);
    awaitStatus(isv.api, id, "DEACTIVATED");
    assertThat(onMarketplace(isv, marketplaceId).at("/Status").asText()).isEqualTo("Restricted");

    // A clone is a new draft with the same terms, granted as a second authorization.
    Http.Response clone = isv.api.postJson("/api/v1/resale-authorizations/" + id + "/clone", Map.of());
    assertThat(clone.status()).as(clone.body()).isEqualTo(201);
    String cloneId = clone.json().at("/id").asText();
    assertThat(clone.json().at("/status").asText()).isEqualTo("DRAFT");
    assertThat(clone.json().at("/clonedFrom").asText()).isEqualTo(id);
    assertThat(clone.json().at("/resellerAccountId").asText()).isEqualTo(reseller.accountId());
    isv.api.postJson("/api/v1/resale-authorizations/" + cloneId + "/publish", Map.of());
    String second = awaitStatus(isv.api, cloneId, "AUTHORIZED").at("/marketplaceResaleAuthorizationId").asText();
    assertThat(second).isNotEqualTo(marketplaceId);

    JsonNode list = isv.api.get("/api/v1/resale-authorizations?status=DEACTIVATED").json();
    assertThat(list.at("/items").findValuesAsText("id")).containsExactly(id);
    String csv = isv.api.get("/api/v1/resale-authorizations/export?resellerAccountId=" + reseller.accountId()).body();
    assertThat(csv.lines()).hasSize(3).first().asString().startsWith("id,name,status");
  }

  @Test
  void a_discount_is_priced_from_the_list_prices_for_the_duration() throws Exception {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Discounting ISV");
    SandboxAccounts.Account reseller = isv.sandbox.reseller("Discount Reseller");
    Map<String, Object> body = draft(isv.productId, reseller.accountId(), isv.sandbox.buyer("Discount Buyer"),
        today.plusDays(90));
    body.put("pricing", Map.of("durationMonths", 24, "discountPercent", "25"));
    body.put("availability", Map.of("type", "UNLIMITED"));
    Http.Response created = isv.api.postJson("/api/v1/resale-authorizations", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/id").asText();
    isv.api.postJson("/api/v1/resale-authorizations/" + id + "/publish", Map.of());
    JsonNode granted = awaitStatus(isv.api, id, "AUTHORIZED");

    // List prices are for 12 months (Seats 120.00, BasicTier 1200.00, PremiumTier 4800.00): twice that, less 25%.
    Map<String, String> prices = new LinkedHashMap<>();
    granted.at("/wholesalePrices").forEach(p -> prices.put(p.at("/key").asText(), p.at("/wholesalePrice").asText()));
    assertThat(prices).containsExactlyInAnyOrderEntriesOf(Map.of("Seats", "180.00", "BasicTier", "1800.00",
        "PremiumTier", "7200.00"));
    JsonNode entity = onMarketplace(isv, granted.at("/marketplaceResaleAuthorizationId").asText());
    assertThat(entity.toString()).contains("\"Value\":\"P24M\"").contains("\"Price\":\"7200.00\"")
        .doesNotContain("OffersMaxQuantity");
    // Only contract dimensions are priced: the metered one has no list price for a term.
    assertThat(entity.path("Terms").toString()).contains("PremiumTier").doesNotContain("ApiCalls");
  }

  @Test
  void bad_input_names_its_fields_and_writes_nothing() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Careful ISV");
    Map<String, Object> body = draft(isv.productId, "12345", "1234", today.minusDays(1));
    body.put("pricing", Map.of("durationMonths", 12, "discountPercent", "25",
        "dimensions", List.of(Map.of("key", "Seats", "wholesalePrice", "1.00"))));
    Http.Response refused = isv.api.postJson("/api/v1/resale-authorizations", body);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().at("/errors").findValuesAsText("field")).contains("resellerAccountId",
        "buyerAccountIds[0]", "pricing", "availability.endsOn");
    assertThat(isv.api.get("/api/v1/resale-authorizations").json().at("/items").size()).isZero();
  }

  @Test
  void a_choice_outside_its_options_is_a_field_error_in_the_api_and_the_form() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Tampered ISV");
    String reseller = isv.sandbox.reseller("Tampered Reseller").accountId();
    Map<String, Object> body = draft(isv.productId, reseller, isv.sandbox.buyer("Tampered Buyer"),
        today.plusDays(30));
    body.put("availability", Map.of("type", "SOMETIMES"));
    Http.Response api = isv.api.postJson("/api/v1/resale-authorizations", body);
    assertThat(api.status()).as(api.body()).isEqualTo(400);
    assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.json().at("/errors/0/field").asText()).isEqualTo("availability.type");
    assertThat(api.json().at("/errors/0/message").asText())
        .isEqualTo("must be one of [SINGLE_USE, UNTIL_DATE, UNLIMITED]");

    String id = isv.api.postJson("/api/v1/resale-authorizations", draft(isv.productId, reseller,
        isv.sandbox.buyer("Patched Buyer"), today.plusDays(30))).json().at("/id").asText();
    Http.Response patched = isv.api.patchJson("/api/v1/resale-authorizations/" + id,
        Map.of("eula", Map.of("type", "BESPOKE")));
    assertThat(patched.status()).as(patched.body()).isEqualTo(400);
    assertThat(patched.json().at("/errors/0/field").asText()).isEqualTo("eula.type");
    assertThat(isv.api.get("/api/v1/resale-authorizations/" + id).json().at("/eula/type").asText())
        .isEqualTo("STANDARD");

    Http console = new Http(port);
    console.signIn(isv.tenant.adminEmail(), isv.tenant.adminPassword());
    String csrf = console.csrfFrom("/partners/resale-authorizations/new");
    Http.Response form = console.postForm("/partners/resale-authorizations", Map.of("productId", isv.productId,
        "resellerAccountId", reseller, "name", "Tampered form", "dimensionKey0", "Seats", "wholesalePrice0", "9.00",
        "availabilityType", "SOMETIMES", "eulaType", "STANDARD", "contractType", "NONE"), csrf);
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.body()).contains("One field needs a fix", "must be one of [SINGLE_USE, UNTIL_DATE, UNLIMITED]");
    assertThat(isv.api.get("/api/v1/resale-authorizations").json().at("/items").size()).isEqualTo(1);
  }

  @Test
  void another_organization_sees_nothing_of_it() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Private ISV");
    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Prying ISV");
    String id = isv.api.postJson("/api/v1/resale-authorizations", draft(isv.productId,
        isv.sandbox.reseller("Private Reseller").accountId(), isv.sandbox.buyer("Private Buyer"),
        today.plusDays(30))).json().at("/id").asText();
    String base = "/api/v1/resale-authorizations/" + id;
    assertThat(other.api.get(base).status()).isEqualTo(404);
    assertThat(other.api.patchJson(base, Map.of("name", "Mine")).status()).isEqualTo(404);
    assertThat(other.api.postJson(base + "/publish", Map.of()).status()).isEqualTo(404);
    assertThat(other.api.postJson(base + "/deactivate", Map.of()).status()).isEqualTo(404);
    assertThat(other.api.postJson(base + "/clone", Map.of()).status()).isEqualTo(404);
    assertThat(other.api.get("/api/v1/resale-authorizations").json().at("/items").size()).isZero();
    assertThat(isv.api.get(base).json().at("/status").asText()).isEqualTo("DRAFT");
  }
}
