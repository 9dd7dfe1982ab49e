package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The offers console through real HTTP, as a signed-in deal desk uses it: the table with its filters,
 * counts and CSV, the offer form with errors next to their fields, a released offer's frozen fields, and
 * one organization never seeing another's offers.
 */
@SandboxTest
class OffersPagesTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  ConnectedSeller seller;
  Http console;
  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void setUp() {
    seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Pages Co");
    console = new Http(port);
    assertThat(console.signIn(seller.tenant.adminEmail(), TestTenants.PASSWORD).status()).isEqualTo(302);
  }

  /** An offer through the API, as another tool of the seller would make it. */
  String apiOffer(String name, String buyer) {
    Http.Response created = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT",
        "productId", seller.productId, "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD",
        "durationMonths", 12, "expiresOn", today.plusDays(60).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", "100.00")),
        "eula", Map.of("type", "STANDARD")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().at("/id").asText();
  }

  /** The offer form filled in as a person would, with a two-installment schedule. */
  Map<String, String> validForm(String name) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("productId", seller.productId);
    f.put("name", name);
    f.put("description", "Three-year platform deal");
    f.put("buyerAccountIds", "777788889999\n111100002222");
    f.put("currency", "USD");
    f.put("pricingModel", "CONTRACT");
    f.put("dimensions[0].key", "Seats");
    f.put("dimensions[0].quantity", "100");
    f.put("dimensions[0].unitPrice", "120.00");
    f.put("dimensions[1].key", "");
    f.put("dimensions[1].quantity", "");
    f.put("dimensions[1].unitPrice", "");
    f.put("durationMode", "months");
    f.put("durationMonths", "12");
    f.put("paymentSchedule[0].dueOn", today.plusDays(10).toString());
    f.put("paymentSchedule[0].amount", "6000.00");
    f.put("paymentSchedule[1].dueOn", today.plusDays(200).toString());
    f.put("paymentSchedule[1].amount", "6000.00");
    f.put("paymentSchedule[2].dueOn", "");
    f.put("paymentSchedule[2].amount", "");
    f.put("expiresOn", today.plusDays(45).toString());
    f.put("eula.type", "STANDARD");
    f.put("eula.url", "");
    f.put("refundPolicy", "");
    f.put("_autoRenew", "on");
    f.put("version", "");
    return f;
  }

  /** The text of the error shown under a field, or null when there is none. */
  static String fieldError(String html, String path) {
    Matcher m = Pattern.compile("data-field-error=\"" + Pattern.quote(path) + "\"[^>]*>([^<]*)<").matcher(html);
    return m.find() ? m.group(1) : null;
  }

  static String idFrom(Http.Response redirect) {
    assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
    String location = redirect.header("Location");
    Matcher m = Pattern.compile("/offers/([0-9a-f-]{36})").matcher(location);
    assertThat(m.find()).as(location).isTrue();
    return m.group(1);
  }

  @Test
  void the_table_filters_searches_counts_sorts_pages_and_exports() {
    assertThat(console.get("/offers").body()).contains("data-testid=\"empty-state\"").contains("No offers yet");

    String acme = apiOffer("Acme 2027", "777788889999");
    String globex = apiOffer("Globex renewal", "222233334444");
    String initech = apiOffer("Initech pilot", "555566667777");
    seller.api.postJson("/api/v1/offers/" + globex + "/publish", Map.of());
    seller.awaitStage(globex, "SENT");

    String all = console.get("/offers").body();
    assertThat(all).contains("Acme 2027", "Globex renewal", "Initech pilot").contains("Pages Co Platform")
        .contains("1,000.00").contains("data-testid=\"stage-chart\"").doesNotContain("No offers yet");
    assertThat(all).containsPattern("data-stage=\"DRAFT\"[^>]*>\\s*<span>DRAFT</span>\\s*<span[^>]*>2</span>");
    assertThat(all).containsPattern("data-stage=\"SENT\"[^>]*>\\s*<span>SENT</span>\\s*<span[^>]*>1</span>");
    assertThat(all).contains("href=\"/offers/" + acme + "\"");
    // Nothing is publishing, so the table does not poll.
    assertThat(all).doesNotContain("hx-get").doesNotContain("hx-trigger");

    String sent = console.get("/offers?stage=SENT").body();
    assertThat(sent).contains("Globex renewal").doesNotContain("Acme 2027").doesNotContain("Initech pilot")
        .containsPattern("<code>offer-[^<]+</code>");
    assertThat(console.get("/offers?q=initech").body()).contains("Initech pilot").doesNotContain("Acme 2027");
    assertThat(console.get("/offers?buyerAccountId=777788889999").body()).contains("Acme 2027")
        .doesNotContain("Globex renewal");
    assertThat(console.get("/offers?q=nothing-like-this").body()).contains("No offers match these filters");
    assertThat(console.get("/offers?type=DIRECT&productId=" + seller.productId + "&owner=token+test+admin").body())
        .contains("No offers match these filters");
    assertThat(console.get("/offers?createdFrom=" + today.minusDays(1) + "&expiresTo=" + today.plusDays(60)).body())
        .contains("Acme 2027", "Globex renewal", "Initech pilot");
    assertThat(console.get("/offers?expiresTo=" + today.plusDays(59)).body()).doesNotContain("Acme 2027");
    assertThat(console.get("/offers?stage=NONSENSE").body()).contains("Unknown stage &quot;NONSENSE&quot;; that filter is ignored");

    String byName = console.get("/offers?sort=name").body();
    assertThat(byName.indexOf("Acme 2027")).isLessThan(byName.indexOf("Globex renewal"));
    assertThat(byName.indexOf("Globex renewal")).isLessThan(byName.indexOf("Initech pilot"));

    String first = console.get("/offers?sort=name&limit=2").body();
    assertThat(first).contains("Acme 2027", "Globex renewal").doesNotContain("Initech pilot").contains("Next page");
    Matcher next = Pattern.compile("href=\"([^\"]+)\" data-testid=\"next-page\"").matcher(first);
    assertThat(next.find()).isTrue();
    String second = console.get(next.group(1).replace("&amp;", "&")).body();
    assertThat(second).contains("Initech pilot").doesNotContain("Acme 2027").doesNotContain("data-testid=\"next-page\"");

    Http.Response csv = console.get("/offers/export.csv?stage=DRAFT");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("offers.csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("id,name,type,stage,product_id");
    assertThat(lines).hasSize(3);
    assertThat(csv.body()).contains(acme + ",Acme 2027,DIRECT,DRAFT," + seller.productId)
        .contains(initech).doesNotContain(globex);
    assertThat(all).contains("href=\"/offers/export.csv\"");
    assertThat(sent).contains("href=\"/offers/export.csv?stage=SENT\"");
  }

  @Test
  void names_and_searches_are_escaped_in_the_table_and_the_filter_bar() {
    // A name may not hold < or > (the API refuses them); what it may hold is escaped, and so is a search.
    String odd = apiOffer("Tom & Jerry's \"Co\" &lt;b&gt;", "777788889999");
    String escaped = "Tom &amp; Jerry&#39;s &quot;Co&quot; &amp;lt;b&amp;gt;";

    String all = console.get("/offers").body();
    assertThat(all).doesNotContain("Tom & Jerry").doesNotContain("&lt;b&gt;")
        .contains("data-offer-id=\"" + odd + "\" data-offer-name=\"" + escaped + "\" data-stage=\"DRAFT\">")
        .contains("<a href=\"/offers/" + odd + "\">" + escaped + "</a>");

    String searched = console.get("/offers?q=%3Cscript%3E%26&stage=DRAFT").body();
    assertThat(searched).doesNotContain("<script>")
        .contains("name=\"q\"\n             type=\"search\"\n             value=\"&lt;script&gt;&amp;\"")
        .contains("href=\"/offers/export.csv?stage=DRAFT&amp;q=%3Cscript%3E%26\"")
        .contains("<option value=\"DRAFT\" selected=\"selected\">DRAFT</option>")
        // "All" of the stage chips is the active one only when no stage is chosen.
        .contains("<a class=\"btn btn-sm btn-outline-dark\" href=\"/offers?q=%3Cscript%3E%26\">All ");
    assertThat(all).contains("<a class=\"btn btn-sm btn-dark\" href=\"/offers\">All ");
  }

  @Test
  void the_form_shows_every_error_next_to_its_field_keeps_the_values_and_writes_nothing() {
    seller.api.putJson("/api/v1/offers/metadata-fields", Map.of("items", List.of(
        Map.of("group", "BOOKING", "key", "poNumber", "label", "PO number", "type", "TEXT", "required", true),
        Map.of("group", "CONTRACT", "key", "signerEmail", "label", "Signer email", "type", "EMAIL",
            "required", false))));
    String page = console.get("/offers/new").body();
    assertThat(page).contains("name=\"metadata.booking.poNumber\"").contains("PO number *")
        .contains("name=\"metadata.contract.signerEmail\"").contains("type=\"email\"")
        .contains("<option value=\"Seats\"").contains("<option value=\"PremiumTier\"");

    Map<String, String> form = validForm("Kept name");
    form.put("buyerAccountIds", "777788889999, 12345");
    form.put("dimensions[0].unitPrice", "-1");
    form.put("dimensions[1].key", "BasicTier");
    form.put("dimensions[1].quantity", "5");
    form.put("dimensions[1].unitPrice", "12,5");
    form.put("paymentSchedule[1].dueOn", today.minusDays(3).toString());
    form.put("expiresOn", today.minusDays(1).toString());
    form.put("metadata.contract.signerEmail", "not-an-email");
    Http.Response r = console.postForm("/offers/new", form, console.csrfFrom("/offers/new"));

    assertThat(r.status()).isEqualTo(400);
    String html = r.body();
    assertThat(fieldError(html, "buyerAccountIds")).contains("line 2").contains("12-digit");
    assertThat(fieldError(html, "dimensions[0].unitPrice")).isEqualTo("must not be negative");
    assertThat(fieldError(html, "dimensions[1].unitPrice")).contains("must be a number");
    assertThat(fieldError(html, "paymentSchedule[1].dueOn")).contains("must not be in the past");
    assertThat(fieldError(html, "expiresOn")).isEqualTo("must be in the future");
    assertThat(fieldError(html, "metadata.contract.signerEmail")).isEqualTo("must be an email address");
    assertThat(html).contains("data-testid=\"form-alert\"").contains("fields need a fix");
    // What was typed comes back as it was typed.
    assertThat(html).contains("value=\"Kept name\"").contains("value=\"12,5\"").contains("value=\"-1\"")
        .contains("value=\"not-an-email\"").contains("777788889999, 12345");
    assertThat(html).containsPattern("<option value=\"BasicTier\"\\s+selected");
    assertThat(seller.api.get("/api/v1/offers").json().at("/items").size()).isZero();

    // The schedule must add up to the contract total: the error sits under the schedule.
    Map<String, String> short1 = validForm("Short schedule");
    short1.put("paymentSchedule[1].amount", "5000.00");
    String shortHtml = console.postForm("/offers/new", short1, console.csrfFrom("/offers/new")).body();
    assertThat(fieldError(shortHtml, "paymentSchedule")).contains("add up to 11000.00").contains("12000.00");

    // Fixed, it saves a draft; publishing without the required PO number says so.
    Map<String, String> good = validForm("Kept name");
    String id = idFrom(console.postForm("/offers/new", good, console.csrfFrom("/offers/new")));
    Http.Response publish = console.postForm("/offers/" + id + "/publish", Map.of("version", "0"),
        console.csrfFrom("/offers/" + id));
    assertThat(publish.header("Location")).endsWith("/offers/" + id);
    assertThat(console.get("/offers/" + id).body()).contains("Not published").contains("PO number");
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("DRAFT");
  }

  @Test
  void a_draft_made_in_the_form_is_shown_edited_published_and_a_stale_edit_is_refused() {
    String id = idFrom(console.postForm("/offers/new", validForm("Acme 2027"), console.csrfFrom("/offers/new")));
    JsonNode saved = seller.api.get("/api/v1/offers/" + id).json();
    assertThat(saved.at("/buyerAccountIds").toString()).isEqualTo("[\"777788889999\",\"111100002222\"]");
    assertThat(saved.at("/paymentSchedule").size()).isEqualTo(2);
    assertThat(saved.at("/contractTotal").asText()).isEqualTo("12000.00");
    assertThat(saved.at("/owner").asText()).isEqualTo(seller.tenant.adminEmail());

    String page = console.get("/offers/" + id).body();
    assertThat(page).contains("Draft saved").contains(">DRAFT<").contains("777788889999").contains("111100002222")
        .contains("12,000.00 USD").contains(today.plusDays(200).toString()).contains("12 months from acceptance")
        .contains("Standard contract for AWS Marketplace").contains("data-testid=\"publish\"")
        .contains("data-testid=\"edit\"").contains("data-testid=\"clone\"").contains("data-testid=\"withdraw\"")
        .doesNotContain("data-testid=\"reissue\"").contains("created").doesNotContain("hx-get");

    // Editing a draft: everything may change; the version guards against a concurrent edit.
    Map<String, String> edit = validForm("Acme 2027 (revised)");
    edit.put("version", "0");
    edit.put("dimensions[0].quantity", "50");
    edit.put("paymentSchedule[0].amount", "3000.00");
    edit.put("paymentSchedule[1].amount", "3000.00");
    assertThat(idFrom(console.postForm("/offers/" + id + "/edit", edit, console.csrfFrom("/offers/" + id + "/edit"))))
        .isEqualTo(id);
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/contractTotal").asText()).isEqualTo("6000.00");
    Http.Response stale = console.postForm("/offers/" + id + "/edit", edit, console.csrfFrom("/offers/" + id + "/edit"));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body()).contains("changed by someone else").contains("Reload the offer")
        .contains("value=\"Acme 2027 (revised)\"");

    // Publish from the page: while the marketplace takes its time, the page and the table poll; then the
    // page shows the marketplace's offer ID.
    String marketplaceId;
    Http faults = new Http(sandbox.endpoint().toString());
    faults.postJson("/sandbox/faults", Map.of("extraChangeSetDelayMillis", 2000));
    try {
      Http.Response publish = console.postForm("/offers/" + id + "/publish", Map.of("version", "1"),
          console.csrfFrom("/offers/" + id));
      assertThat(publish.header("Location")).endsWith("/offers/" + id);
      String publishing = console.get("/offers/" + id).body();
      assertThat(publishing).contains(">PUBLISHING<").contains("Publishing to the marketplace")
          .contains("hx-get=\"/offers/" + id + "/progress\"").contains("hx-trigger=\"every 1s\"")
          .doesNotContain("data-testid=\"publish\"");
      Http.Response progress = console.get("/offers/" + id + "/progress");
      assertThat(progress.header("HX-Refresh")).isNull();
      assertThat(progress.body()).contains(">PUBLISHING<").doesNotContain("<html");
      assertThat(console.get("/offers").body()).contains("hx-trigger=\"every 2s\"")
          .contains("hx-select=\"#offers-table\"").contains("hx-select-oob=\"#stage-overview\"");
      marketplaceId = seller.awaitStage(id, "SENT").at("/marketplaceOfferId").asText();
    } finally {
      faults.delete("/sandbox/faults");
    }
    Http.Response progress = console.get("/offers/" + id + "/progress");
    assertThat(progress.header("HX-Refresh")).isEqualTo("true");
    String sent = console.get("/offers/" + id).body();
    assertThat(sent).contains(">SENT<").contains(marketplaceId).contains("data-testid=\"reissue\"")
        .doesNotContain("data-testid=\"publish\"").doesNotContain("hx-trigger=\"every 1s\"")
        .contains("publish requested");

    // Clone makes a new draft and opens it in the form.
    Http.Response cloned = console.postForm("/offers/" + id + "/clone", Map.of(), console.csrfFrom("/offers/" + id));
    assertThat(cloned.header("Location")).endsWith("/edit");
    String copy = idFrom(cloned);
    assertThat(console.get("/offers/" + copy + "/edit").body()).contains("value=\"Copy of Acme 2027 (revised)\"")
        .contains("Cloned into a new draft");

    // Withdrawing the draft copy cancels it.
    console.postForm("/offers/" + copy + "/cancel", Map.of(), console.csrfFrom("/offers/" + copy));
    assertThat(seller.api.get("/api/v1/offers/" + copy).json().at("/stage").asText()).isEqualTo("CANCELLED");
    assertThat(console.get("/offers/" + copy).body()).contains("Withdrawn").doesNotContain("data-testid=\"edit\"");
  }

  @Test
  void a_sent_offer_edits_its_name_but_its_frozen_fields_only_by_withdraw_and_reissue() {
    String id = apiOffer("Frozen Co", "777788889999");
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    seller.awaitStage(id, "SENT");
    int version = seller.api.get("/api/v1/offers/" + id).json().at("/version").asInt();

    String editPage = console.get("/offers/" + id + "/edit").body();
    assertThat(editPage).contains("data-testid=\"frozen-hint\"").contains("href=\"/offers/" + id + "/reissue\"")
        .containsPattern("<textarea[^>]*name=\"buyerAccountIds\"[^>]*disabled");
    assertThat(editPage).containsPattern("<input[^>]*name=\"name\"(?![^>]*disabled)[^>]*>");

    // The browser sends only what may change (disabled inputs are not sent).
    String csrf = console.csrfFrom("/offers/" + id + "/edit");
    Http.Response renamed = console.postForm("/offers/" + id + "/edit", Map.of("version", String.valueOf(version),
        "name", "Frozen Co 2027", "description", "", "expiresOn", today.plusDays(61).toString()), csrf);
    assertThat(idFrom(renamed)).isEqualTo(id);
    JsonNode after = seller.api.get("/api/v1/offers/" + id).json();
    assertThat(after.at("/name").asText()).isEqualTo("Frozen Co 2027");
    assertThat(after.at("/stage").asText()).isEqualTo("SENT");
    assertThat(after.at("/buyerAccountIds/0").asText()).isEqualTo("777788889999");

    // A frozen field sent anyway is refused, next to the field, with the way out.
    Http.Response frozen = console.postForm("/offers/" + id + "/edit", Map.of("version",
        String.valueOf(after.at("/version").asInt()), "name", "Frozen Co 2027",
        "buyerAccountIds", "999988887777"), console.csrfFrom("/offers/" + id + "/edit"));
    assertThat(frozen.status()).isEqualTo(409);
    assertThat(fieldError(frozen.body(), "buyerAccountIds")).contains("frozen").contains("withdraw and reissue");
    assertThat(frozen.body()).contains("Withdraw and reissue instead");
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/buyerAccountIds/0").asText())
        .isEqualTo("777788889999");

    // Withdraw and reissue through the same form: the copy has the corrected buyer and is published.
    String reissuePage = console.get("/offers/" + id + "/reissue").body();
    assertThat(reissuePage).contains("data-testid=\"reissue-hint\"").contains("value=\"Frozen Co 2027\"")
        .doesNotContain("disabled=\"disabled\"");
    Map<String, String> corrected = validForm("Frozen Co 2027");
    corrected.put("buyerAccountIds", "999988887777");
    corrected.remove("paymentSchedule[0].dueOn");
    corrected.remove("paymentSchedule[0].amount");
    corrected.remove("paymentSchedule[1].dueOn");
    corrected.remove("paymentSchedule[1].amount");
    String copy = idFrom(console.postForm("/offers/" + id + "/reissue", corrected,
        console.csrfFrom("/offers/" + id + "/reissue")));
    assertThat(copy).isNotEqualTo(id);
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("CANCELLED");
    JsonNode reissued = seller.awaitStage(copy, "SENT");
    assertThat(reissued.at("/reissueOf").asText()).isEqualTo(id);
    assertThat(reissued.at("/buyerAccountIds/0").asText()).isEqualTo("999988887777");
    assertThat(console.get("/offers/" + copy).body()).contains("Withdrew").contains("reissues");
  }

  @Test
  void a_publish_the_marketplace_refuses_shows_its_error_on_the_field_and_is_fixed_in_the_form() {
    String staleProduct = seller.productId;
    // The seller moved to another marketplace account: the old account's listing is still in OfferDesk.
    SandboxAccounts.Account other = seller.sandbox.seller("Pages Co EU");
    String newProduct = seller.sandbox.product(other, "Pages Co EU Platform", "Public");
    seller.connect(other);
    String id = idFrom(console.postForm("/offers/new", validForm("Moved Co"), console.csrfFrom("/offers/new")));
    console.postForm("/offers/" + id + "/publish", Map.of("version", "0"), console.csrfFrom("/offers/" + id));
    seller.awaitStage(id, "PUBLISH_FAILED");

    String page = console.get("/offers/" + id).body();
    assertThat(page).contains(">PUBLISH_FAILED<").contains("data-testid=\"publish-errors\"")
        .contains("data-testid=\"publish\"").contains("data-testid=\"edit\"");
    assertThat(fieldError(page, "productId")).contains(staleProduct);

    String edit = console.get("/offers/" + id + "/edit").body();
    assertThat(fieldError(edit, "productId")).contains(staleProduct);
    assertThat(edit).contains("Pages Co EU Platform");

    Map<String, String> fixed = validForm("Moved Co");
    fixed.put("productId", newProduct);
    fixed.put("version", String.valueOf(seller.api.get("/api/v1/offers/" + id).json().at("/version").asInt()));
    assertThat(idFrom(console.postForm("/offers/" + id + "/edit", fixed, console.csrfFrom("/offers/" + id + "/edit"))))
        .isEqualTo(id);
    int version = seller.api.get("/api/v1/offers/" + id).json().at("/version").asInt();
    console.postForm("/offers/" + id + "/publish", Map.of("version", String.valueOf(version)),
        console.csrfFrom("/offers/" + id));
    seller.awaitStage(id, "SENT");
    String sent = console.get("/offers/" + id).body();
    assertThat(sent).contains(">SENT<").contains("Pages Co EU Platform").doesNotContain("data-testid=\"publish-errors\"");
  }

  @Test
  void another_organization_never_sees_an_offer() {
    String id = apiOffer("Private deal", "777788889999");
    TestTenants.Tenant other = new TestTenants(context).seller("Nosy Co");
    Http nosy = new Http(port);
    nosy.signIn(other.adminEmail(), TestTenants.PASSWORD);

    assertThat(nosy.get("/offers/" + id).status()).isEqualTo(404);
    assertThat(nosy.get("/offers/" + id + "/edit").status()).isEqualTo(404);
    assertThat(nosy.get("/offers/" + id + "/progress").status()).isEqualTo(404);
    assertThat(nosy.postForm("/offers/" + id + "/cancel", Map.of(), nosy.csrfFrom("/offers")).status())
        .isEqualTo(404);
    assertThat(nosy.get("/offers").body()).doesNotContain("Private deal").contains("No offers yet");
    assertThat(nosy.get("/offers/export.csv").body()).doesNotContain("Private deal");
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("DRAFT");
  }
}
