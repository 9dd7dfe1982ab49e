package org.offerdesk.app.listings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Listings come from the marketplace through the AWS SDK, against the embedded sandbox. */
@SandboxTest
class ListingsTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  TestTenants.Tenant tenant;
  Http api;
  SandboxAccounts.Account seller;
  String limited;
  String publicProduct;

  @BeforeEach
  void setUp() {
    tenant = new TestTenants(context).seller("Listing Co");
    api = new Http(port).bearer(tenant.adminToken());
    SandboxAccounts accounts = new SandboxAccounts(sandbox.endpoint().toString());
    seller = accounts.seller("Listing Co");
    limited = accounts.product(seller, "Listing Co Analytics", "Limited");
    publicProduct = accounts.product(seller, "Listing Co Platform", "Public");
    Http.Response saved = api.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", seller.accountId(),
        "credentials", Map.of("accessKeyId", seller.accessKeyId(), "secretAccessKey", seller.secretAccessKey()),
        "endpointOverride", sandbox.endpoint().toString()));
    assertThat(saved.status()).isEqualTo(200);
  }

  @Test
  void the_connection_test_passes_against_the_sandbox_and_fails_with_wrong_keys() {
    Http.Response ok = api.postJson("/api/v1/marketplace/connection/test", Map.of());
    assertThat(ok.json().at("/ok").asBoolean()).as(ok.body()).isTrue();
    assertThat(ok.json().at("/message").asText()).contains("2 SaaS products");

    api.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", seller.accountId(),
        "credentials", Map.of("accessKeyId", seller.accessKeyId(), "secretAccessKey", "not-the-secret"),
        "endpointOverride", sandbox.endpoint().toString()));
    Http.Response bad = api.postJson("/api/v1/marketplace/connection/test", Map.of());
    assertThat(bad.json().at("/ok").asBoolean()).isFalse();
    assertThat(bad.json().at("/problem").asText()).isEqualTo("BAD_CREDENTIALS");

    api.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", seller.accountId(),
        "credentials", Map.of("accessKeyId", "AKIAUNKNOWNKEY000000", "secretAccessKey", "whatever"),
        "endpointOverride", sandbox.endpoint().toString()));
    assertThat(api.postJson("/api/v1/marketplace/connection/test", Map.of()).json().at("/problem").asText())
        .isEqualTo("BAD_CREDENTIALS");
  }

  @Test
  void sync_brings_the_sellers_products_with_state_dimensions_and_fulfillment_url() {
    Http.Response sync = api.postJson("/api/v1/listings/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
    assertThat(sync.json().at("/products").asInt()).isEqualTo(2);
    assertThat(sync.json().at("/added").asInt()).isEqualTo(2);

    Http.Response list = api.get("/api/v1/listings");
    assertThat(list.json().at("/items").size()).isEqualTo(2);
    Http.Response one = api.get("/api/v1/listings/" + limited);
    assertThat(one.json().at("/title").asText()).isEqualTo("Listing Co Analytics");
    assertThat(one.json().at("/state").asText()).isEqualTo("LIMITED");
    assertThat(one.json().at("/productCode").asText()).isNotBlank();
    assertThat(one.json().at("/dimensions").size()).isGreaterThan(0);
    assertThat(one.json().at("/fulfillmentUrl").asText()).startsWith("http");
    assertThat(api.get("/api/v1/listings/" + publicProduct).json().at("/state").asText()).isEqualTo("PUBLIC");

    // A second sync updates, never duplicates.
    Http.Response again = api.postJson("/api/v1/listings/sync", Map.of());
    assertThat(again.json().at("/added").asInt()).isZero();
    assertThat(again.json().at("/updated").asInt()).isEqualTo(2);

    // Another organization sees none of them.
    Http other = new Http(port).bearer(new TestTenants(context).seller("Other Listing Co").adminToken());
    assertThat(other.get("/api/v1/listings").json().at("/items").size()).isZero();
    assertThat(other.get("/api/v1/listings/" + limited).status()).isEqualTo(404);
  }

  @Test
  void the_template_keeps_support_contacts_and_registration_fields_across_syncs() {
    api.postJson("/api/v1/listings/sync", Map.of());
    Http.Response saved = api.putJson("/api/v1/listings/" + limited + "/template", Map.of(
        "supportEmail", "support@listing.test", "supportUrl", "https://listing.test/help",
        "welcomeText", "Welcome aboard!", "registrationFields",
        List.of(Map.of("key", "tenantName", "label", "Tenant name", "type", "TEXT", "required", true))));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    api.postJson("/api/v1/listings/sync", Map.of());
    Http.Response after = api.get("/api/v1/listings/" + limited);
    assertThat(after.json().at("/template/supportEmail").asText()).isEqualTo("support@listing.test");
    assertThat(after.json().at("/template/registrationFields/0/key").asText()).isEqualTo("tenantName");

    Http.Response bad = api.putJson("/api/v1/listings/" + limited + "/template", Map.of(
        "supportEmail", "nope", "registrationFields",
        List.of(Map.of("key", "email", "label", "Email again", "type", "EMAIL", "required", true))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors").toString()).contains("supportEmail").contains("registrationFields[0].key");
  }

  @Test
  void the_listings_page_syncs_and_shows_the_products() {
    Http browser = new Http(port);
    browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    String csrf = browser.csrfFrom("/listings");
    assertThat(browser.postForm("/listings/sync", Map.of(), csrf).status()).isEqualTo(302);
    String page = browser.get("/listings").body();
    assertThat(page).contains("Listing Co Analytics").contains("LIMITED").contains("Listing Co Platform");
    assertThat(browser.get("/listings/" + limited).body()).contains("Registration fields");
  }

  @Test
  void without_a_connection_sync_says_what_to_do() {
    Http lonely = new Http(port).bearer(new TestTenants(context).seller("Unconnected Co").adminToken());
    Http.Response r = lonely.postJson("/api/v1/listings/sync", Map.of());
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().at("/type").asText()).isEqualTo("/problems/marketplace-not-connected");
  }
}
