package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.offerdesk.app.offers.OffersPagesTest.fieldError;
import static org.offerdesk.app.offers.OffersPagesTest.idFrom;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MarketplacePortal;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The console actions that match the rest of the offers API, through real HTTP as a signed-in admin uses
 * them: amend an accepted offer and see its guardrails, send purchase instructions, associate one offer
 * and import all with progress, and define the offer fields in Settings.
 */
@SandboxTest
class OfferConsoleActionsTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  ConnectedSeller seller;
  Http console;
  Http marketplace;
  String buyer;
  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void setUp() {
    seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Console Actions Co");
    marketplace = new Http(sandbox.endpoint().toString());
    buyer = seller.sandbox.buyer("Console Buyer");
    console = new Http(port);
    assertThat(console.signIn(seller.tenant.adminEmail(), TestTenants.PASSWORD).status()).isEqualTo(302);
  }

  String draft(ConnectedSeller s, String name, List<Map<String, Object>> schedule) {
    Map<String, Object> body = new HashMap<>(Map.of("type", "DIRECT", "productId", seller.productId, "name", name,
        "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", "1200.00"))));
    if (schedule != null) {
      body.put("paymentSchedule", schedule);
    }
    Http.Response created = s.api.postJson("/api/v1/offers", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().at("/id").asText();
  }

  String sent(ConnectedSeller s, String name, List<Map<String, Object>> schedule) {
    String id = draft(s, name, schedule);
    s.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    s.awaitStage(id, "SENT");
    return id;
  }

  String marketplaceIdOf(ConnectedSeller s, String id) {
    return s.api.get("/api/v1/offers/" + id).json().at("/marketplaceOfferId").asText();
  }

  void acceptOnMarketplace(String marketplaceOfferId) {
    Http.Response accepted = marketplace.postJson("/sandbox/offers/" + marketplaceOfferId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isIn(200, 201);
  }

  /** The offer form as the edit page fills it in for an offer, from what the API says of it. */
  static Map<String, String> formOf(JsonNode o) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("productId", o.at("/productId").asText());
    f.put("name", o.at("/name").asText());
    f.put("description", o.at("/description").asText(""));
    List<String> buyers = new java.util.ArrayList<>();
    o.at("/buyerAccountIds").forEach(b -> buyers.add(b.asText()));
    f.put("buyerAccountIds", String.join("\n", buyers));
    f.put("currency", o.at("/currency").asText());
    f.put("pricingModel", o.at("/pricingModel").asText());
    for (int i = 0; i < o.at("/dimensions").size(); i++) {
      JsonNode d = o.at("/dimensions/" + i);
      f.put("dimensions[" + i + "].key", d.at("/key").asText());
      f.put("dimensions[" + i + "].quantity", d.at("/quantity").asText());
      f.put("dimensions[" + i + "].unitPrice", d.at("/unitPrice").asText());
    }
    boolean months = !o.at("/durationMonths").isNull() && !o.at("/durationMonths").isMissingNode();
    f.put("durationMode", months ? "months" : "dates");
    f.put("durationMonths", months ? o.at("/durationMonths").asText() : "");
    f.put("serviceStartDate", o.at("/serviceStartDate").asText(""));
    f.put("serviceEndDate", o.at("/serviceEndDate").asText(""));
    for (int i = 0; i < o.at("/paymentSchedule").size(); i++) {
      f.put("paymentSchedule[" + i + "].dueOn", o.at("/paymentSchedule/" + i + "/dueOn").asText());
      f.put("paymentSchedule[" + i + "].amount", o.at("/paymentSchedule/" + i + "/amount").asText());
    }
    f.put("expiresOn", o.at("/expiresOn").asText());
    f.put("eula.type", o.at("/eula/type").asText("STANDARD"));
    f.put("eula.url", o.at("/eula/url").asText(""));
    f.put("refundPolicy", o.at("/refundPolicy").asText(""));
    f.put("_autoRenew", "on");
    f.put("version", o.at("/version").asText());
    return f;
  }

  @Test
  void an_accepted_offer_is_amended_from_its_page_and_the_form_shows_the_guardrails() {
    String id = sent(seller, "Original 2027", List.of(
        Map.of("dueOn", today.plusDays(5).toString(), "amount", "4000.00"),
        Map.of("dueOn", today.plusDays(120).toString(), "amount", "4000.00"),
        Map.of("dueOn", today.plusDays(240).toString(), "amount", "4000.00")));
    // Before acceptance there is nothing to amend: the page says why instead.
    assertThat(console.get("/offers/" + id).body()).doesNotContain("data-testid=\"amend\"");
    Http.Response early = console.postForm("/offers/" + id + "/amend", Map.of(), console.csrfFrom("/offers/" + id));
    assertThat(early.header("Location")).endsWith("/offers/" + id);
    assertThat(console.get("/offers/" + id).body()).contains("Not amended").contains("Only an accepted offer");

    acceptOnMarketplace(marketplaceIdOf(seller, id));
    String agreementId = seller.awaitStage(id, "ACCEPTED").at("/agreementId").asText();
    String page = console.get("/offers/" + id).body();
    assertThat(page).contains("data-testid=\"amend\"").doesNotContain("data-testid=\"edit\"")
        .doesNotContain("data-testid=\"purchase-instructions\"");

    Http.Response amend = console.postForm("/offers/" + id + "/amend", Map.of(), console.csrfFrom("/offers/" + id));
    assertThat(amend.status()).isEqualTo(302);
    Matcher m = Pattern.compile("/offers/([0-9a-f-]{36})/edit$").matcher(amend.header("Location"));
    assertThat(m.find()).as(amend.header("Location")).isTrue();
    String amendment = m.group(1);
    assertThat(amendment).isNotEqualTo(id);

    String edit = console.get("/offers/" + amendment + "/edit").body();
    assertThat(edit).contains("Amendment drafted from agreement " + agreementId).contains("Edit amendment")
        .contains("data-testid=\"amendment-hint\"").contains(agreementId)
        .contains("value=\"Amendment of Original 2027\"").doesNotContain("data-testid=\"guardrail-warnings\"");
    JsonNode draft = seller.api.get("/api/v1/offers/" + amendment).json();
    assertThat(draft.at("/type").asText()).isEqualTo("AMENDMENT");
    assertThat(draft.at("/sourceAgreementId").asText()).isEqualTo(agreementId);

    // Shortening the term in the form is saved, and flagged on the offer page and in the form.
    Map<String, String> shorter = formOf(draft);
    shorter.put("serviceEndDate", today.plusDays(200).toString());
    for (int i = 0; i < 3; i++) {
      shorter.remove("paymentSchedule[" + i + "].dueOn");
      shorter.remove("paymentSchedule[" + i + "].amount");
    }
    shorter.put("paymentSchedule[0].dueOn", today.plusDays(5).toString());
    shorter.put("paymentSchedule[0].amount", draft.at("/contractTotal").asText());
    assertThat(idFrom(console.postForm("/offers/" + amendment + "/edit", shorter,
        console.csrfFrom("/offers/" + amendment + "/edit")))).isEqualTo(amendment);
    String warned = console.get("/offers/" + amendment).body();
    assertThat(warned).contains("data-testid=\"guardrail-warnings\"")
        .contains("before the current agreement&#39;s end date").contains("data-testid=\"publish\"")
        .contains("AMENDMENT");
    assertThat(console.get("/offers/" + amendment + "/edit").body()).contains("data-testid=\"guardrail-warnings\"")
        .contains("before the current agreement&#39;s end date");

    // Put back, the warning goes; published and accepted, the amendment replaces the original.
    Map<String, String> restored = formOf(draft);
    restored.put("version", seller.api.get("/api/v1/offers/" + amendment).json().at("/version").asText());
    idFrom(console.postForm("/offers/" + amendment + "/edit", restored,
        console.csrfFrom("/offers/" + amendment + "/edit")));
    assertThat(console.get("/offers/" + amendment).body()).doesNotContain("data-testid=\"guardrail-warnings\"");
    int version = seller.api.get("/api/v1/offers/" + amendment).json().at("/version").asInt();
    console.postForm("/offers/" + amendment + "/publish", Map.of("version", String.valueOf(version)),
        console.csrfFrom("/offers/" + amendment));
    acceptOnMarketplace(seller.awaitStage(amendment, "SENT").at("/marketplaceOfferId").asText());
    seller.awaitStage(amendment, "ACCEPTED");
    seller.awaitStage(id, "REPLACED");
  }

  @Test
  void purchase_instructions_are_sent_from_the_offer_page_and_land_in_the_outbox() {
    String draft = draft(seller, "Not yet sent", null);
    assertThat(console.get("/offers/" + draft).body()).doesNotContain("data-testid=\"purchase-instructions\"")
        .doesNotContain("data-testid=\"send-instructions\"");
    String id = sent(seller, "Acme seats", null);
    String page = console.get("/offers/" + id).body();
    assertThat(page).contains("data-testid=\"send-instructions\"").contains("data-testid=\"purchase-instructions\"")
        .contains("action=\"/offers/" + id + "/purchase-instructions\"");

    Http.Response empty = console.postForm("/offers/" + id + "/purchase-instructions",
        Map.of("to", " ", "note", "Kept note"), console.csrfFrom("/offers/" + id));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(fieldError(empty.body(), "to")).contains("at least one");
    assertThat(empty.body()).contains("Kept note");

    Http.Response bad = console.postForm("/offers/" + id + "/purchase-instructions",
        Map.of("to", "buyer@acme.test, not-an-email", "note", ""), console.csrfFrom("/offers/" + id));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(fieldError(bad.body(), "to")).contains("not-an-email").contains("is not an email address");
    assertThat(bad.body()).contains("buyer@acme.test, not-an-email").contains("Purchase instructions not sent");
    assertThat(seller.api.get("/api/v1/outbox?recipient=buyer@acme.test").json().at("/items").size()).isZero();

    Http.Response sent = console.postForm("/offers/" + id + "/purchase-instructions",
        Map.of("to", "buyer@acme.test\ncfo@acme.test", "note", "As agreed on our call."),
        console.csrfFrom("/offers/" + id));
    assertThat(sent.status()).isEqualTo(302);
    assertThat(sent.header("Location")).endsWith("/offers/" + id);
    assertThat(console.get("/offers/" + id).body())
        .contains("Purchase instructions sent to buyer@acme.test, cfo@acme.test")
        .contains("purchase instructions sent");

    JsonNode outbox = seller.api.get("/api/v1/outbox").json().at("/items");
    assertThat(outbox.size()).isEqualTo(1);
    assertThat(outbox.at("/0/to").toString()).contains("buyer@acme.test").contains("cfo@acme.test");
    JsonNode email = seller.api.get("/api/v1/outbox/" + outbox.at("/0/id").asText()).json();
    assertThat(email.toString()).contains("Acme seats").contains("As agreed on our call.");
  }

  @Test
  void an_offer_is_associated_by_its_id_and_import_all_shows_its_progress_until_done() {
    // Offers made in the marketplace's own portal: OfferDesk knows none of them yet.
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    String a = MarketplacePortal.releasePrivateOffer(seller, "Outside A", buyer, today);
    String b = MarketplacePortal.releasePrivateOffer(seller, "Outside B", buyer, today);
    MarketplacePortal.releasePrivateOffer(seller, "Outside C", buyer, today);
    acceptOnMarketplace(a);

    String empty = console.get("/offers").body();
    assertThat(empty).contains("data-testid=\"bring-in\"").contains("open=\"open\"")
        .contains("data-testid=\"associate-form\"").contains("data-testid=\"import-all\"");

    String csrf = console.csrfFrom("/offers");
    Http.Response nonsense = console.postForm("/offers/associate", Map.of("marketplaceOfferId", "nope"), csrf);
    assertThat(nonsense.header("Location")).endsWith("/offers");
    String refused = console.get("/offers").body();
    assertThat(fieldError(refused, "marketplaceOfferId")).contains("must be a marketplace offer ID");
    assertThat(refused).contains("value=\"nope\"");

    console.postForm("/offers/associate", Map.of("marketplaceOfferId", "offer-doesnotexist1234"), csrf);
    String unknown = console.get("/offers").body();
    // The same words as for another seller's offer: the answer never tells whether an offer ID exists.
    assertThat(fieldError(unknown, "marketplaceOfferId")).contains("Marketplace offer was not found");

    String associated = idFrom(console.postForm("/offers/associate", Map.of("marketplaceOfferId", b), csrf));
    assertThat(console.get("/offers/" + associated).body()).contains("Associated " + b).contains("Outside B")
        .contains(">SENT<").contains("associated");
    Http.Response again = console.postForm("/offers/associate", Map.of("marketplaceOfferId", " " + b + " "), csrf);
    assertThat(again.header("Location")).endsWith("/offers");
    String known = console.get("/offers").body();
    assertThat(known).contains("data-testid=\"already-known\"").contains("is already in OfferDesk")
        .contains("href=\"/offers/" + associated + "\"");

    // The agreement on A brings A in with its order; import all then finds only C.
    await().atMost(Duration.ofSeconds(30)).until(() -> seller.api.get("/api/v1/offers?q=" + a).json()
        .at("/items/0/stage").asText("").equals("ACCEPTED"));
    Http.Response started = console.postForm("/offers/import", Map.of(), csrf);
    assertThat(started.status()).isEqualTo(302);
    Matcher m = Pattern.compile("/offers\\?import=([0-9a-f-]{36})$").matcher(started.header("Location"));
    assertThat(m.find()).as(started.header("Location")).isTrue();
    String importId = m.group(1);
    String following = console.get("/offers?import=" + importId).body();
    assertThat(following).contains("data-testid=\"import-progress\"");
    String[] progress = new String[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      progress[0] = console.get("/offers/imports/" + importId + "/progress").body();
      assertThat(progress[0]).doesNotContain("<html").contains("data-testid=\"import-progress\"");
      if (progress[0].contains("data-status=\"RUNNING\"")) {
        assertThat(progress[0]).contains("hx-get=\"/offers/imports/" + importId + "/progress\"")
            .contains("hx-trigger=\"every 1s\"");
      }
      return progress[0].contains("data-status=\"DONE\"");
    });
    assertThat(progress[0]).contains("Import finished").doesNotContain("hx-get")
        .containsPattern("data-testid=\"import-known\">2 already in OfferDesk")
        .containsPattern("data-testid=\"import-imported\">1 imported")
        .contains("data-testid=\"import-failed\">0 failed");
    String done = console.get("/offers?import=" + importId).body();
    assertThat(done).contains("data-testid=\"import-summary\"").contains("Outside A").contains("Outside C");
    JsonNode importedA = seller.api.get("/api/v1/offers?q=" + a).json().at("/items/0");
    assertThat(importedA.at("/stage").asText()).isEqualTo("ACCEPTED");
    // Once over, the table page no longer shows the import unless asked for it.
    assertThat(console.get("/offers").body()).doesNotContain("data-testid=\"import-progress\"");
    assertThat(console.get("/offers/imports/" + java.util.UUID.randomUUID() + "/progress").status())
        .isEqualTo(404);
  }

  @Test
  void an_admin_defines_the_offer_fields_in_settings_and_the_offer_form_asks_for_them() {
    String page = console.get("/settings/offer-fields").body();
    assertThat(page).contains("href=\"/settings/offer-fields\"").contains("Offer fields")
        .contains("Booking data").contains("Registration information").contains("Contract metadata")
        .contains("name=\"fields[0].key\"").contains("name=\"fields[8].key\"");
    assertThat(console.get("/offers/new").body()).contains("Settings → Offer fields");

    Map<String, String> form = new LinkedHashMap<>();
    row(form, 0, "BOOKING", "poNumber", "PO number", "TEXT", true);
    row(form, 1, "BOOKING", "", "", "TEXT", false);
    row(form, 3, "REGISTRATION", "adminEmail", "Buyer admin email", "EMAIL", false);
    row(form, 6, "CONTRACT", "1bad", "", "BOOLEAN", false);
    row(form, 7, "CONTRACT", "multiYear", "Multi-year deal", "BOOLEAN", false);
    row(form, 8, "CONTRACT", "multiYear", "Again", "TEXT", false);
    Http.Response refused = console.postForm("/settings/offer-fields", form, console.csrfFrom("/settings/offer-fields"));
    assertThat(refused.status()).isEqualTo(400);
    String html = refused.body();
    assertThat(fieldError(html, "fields[6].key")).contains("must start with a letter");
    assertThat(fieldError(html, "fields[6].label")).contains("1 to 100 characters");
    assertThat(fieldError(html, "fields[8].key")).contains("defined twice");
    assertThat(fieldError(html, "fields[7].key")).isNull();
    assertThat(html).contains("value=\"1bad\"").contains("value=\"Buyer admin email\"").contains("fields need a fix");
    // Nothing of a refused save is kept: the registration fields every organization starts with remain.
    assertThat(seller.api.get("/api/v1/offers/metadata-fields").json().at("/items").findValuesAsText("key"))
        .containsExactly("companyName", "contactName", "contactEmail", "contactPhone");

    form.remove("fields[8].key");
    form.remove("fields[8].label");
    form.put("fields[6].key", "signerEmail");
    form.put("fields[6].label", "Signer email");
    form.put("fields[6].type", "EMAIL");
    Http.Response saved = console.postForm("/settings/offer-fields", form, console.csrfFrom("/settings/offer-fields"));
    assertThat(saved.status()).as(saved.body()).isEqualTo(302);
    String after = console.get("/settings/offer-fields").body();
    assertThat(after).contains("Saved 4 fields").contains("value=\"poNumber\"").contains("value=\"Multi-year deal\"");
    JsonNode items = seller.api.get("/api/v1/offers/metadata-fields").json().at("/items");
    assertThat(items.findValuesAsText("key")).containsExactlyInAnyOrder("poNumber", "adminEmail", "signerEmail",
        "multiYear");
    assertThat(items.toString()).contains("\"required\":true");

    String newOffer = console.get("/offers/new").body();
    assertThat(newOffer).contains("name=\"metadata.booking.poNumber\"").contains("PO number *")
        .contains("name=\"metadata.registration.adminEmail\"").contains("type=\"email\"")
        .contains("name=\"metadata.contract.multiYear\"").contains("Multi-year deal");

    // Removing a row takes the field off the form.
    Map<String, String> remove = new LinkedHashMap<>();
    row(remove, 0, "BOOKING", "poNumber", "PO number", "TEXT", true);
    row(remove, 1, "CONTRACT", "multiYear", "Multi-year deal", "BOOLEAN", false);
    remove.put("fields[1].remove", "true");
    assertThat(console.postForm("/settings/offer-fields", remove, console.csrfFrom("/settings/offer-fields"))
        .status()).isEqualTo(302);
    assertThat(console.get("/offers/new").body()).contains("metadata.booking.poNumber")
        .doesNotContain("metadata.contract.multiYear").doesNotContain("metadata.registration.adminEmail");

    // Only those who manage settings see the page.
    Http rep = new Http(port);
    rep.signIn(new TestTenants(context).user(seller.tenant, Role.SALES), TestTenants.PASSWORD);
    assertThat(rep.get("/settings/offer-fields").status()).isEqualTo(403);
    assertThat(rep.get("/offers/new").body()).doesNotContain("Settings → Offer fields");
  }

  static void row(Map<String, String> form, int i, String group, String key, String label, String type,
      boolean required) {
    form.put("fields[" + i + "].group", group);
    form.put("fields[" + i + "].key", key);
    form.put("fields[" + i + "].label", label);
    form.put("fields[" + i + "].type", type);
    if (required) {
      form.put("fields[" + i + "].required", "true");
    }
  }
}
