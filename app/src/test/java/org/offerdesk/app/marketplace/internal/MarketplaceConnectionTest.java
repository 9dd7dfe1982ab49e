package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@OfferDeskTest
class MarketplaceConnectionTest {

  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  TestTenants.Tenant tenant;
  Http admin;
  /** Each test's own account: one marketplace account belongs to one organization. */
  String account = String.valueOf(100_000_000_000L + java.util.concurrent.ThreadLocalRandom.current()
      .nextLong(899_999_999_999L));

  /** A loopback port nothing listens on: these connections are never meant to reach a marketplace. */
  String nowhere;

  @BeforeEach
  void setUp() throws Exception {
    tenant = new TestTenants(context).seller("Connector Co");
    admin = new Http(port).bearer(tenant.adminToken());
    try (ServerSocket s = new ServerSocket(0)) {
      nowhere = "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void a_saved_connection_keeps_its_secret_encrypted_and_never_returns_it() {
    assertThat(admin.get("/api/v1/marketplace/connection").status()).isEqualTo(404);
    Http.Response saved = admin.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", account,
        "region", "us-east-1", "credentials", Map.of("type", "ACCESS_KEY", "accessKeyId", "AKIAIOSFODNN7EXAMPLE",
            "secretAccessKey", SECRET), "endpointOverride", nowhere));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.body()).doesNotContain(SECRET);
    assertThat(saved.json().at("/hasSecret").asBoolean()).isTrue();
    assertThat(admin.get("/api/v1/marketplace/connection").body()).doesNotContain(SECRET);
    List<String> stored = jdbc.sql("SELECT secret_access_key FROM marketplace_connection").query(String.class).list();
    assertThat(stored).allMatch(s -> s.startsWith("v2:")).noneMatch(s -> s.contains(SECRET));

    // Another organization sees none of it.
    Http other = new Http(port).bearer(new TestTenants(context).seller("Other Co").adminToken());
    assertThat(other.get("/api/v1/marketplace/connection").status()).isEqualTo(404);

    // Updating without the secret keeps it; changing the key ID without one is refused.
    Http.Response renamed = admin.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", account,
        "region", "eu-west-1", "credentials", Map.of("type", "ACCESS_KEY", "accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
        "version", 0, "endpointOverride", nowhere));
    assertThat(renamed.json().at("/region").asText()).isEqualTo("eu-west-1");
    assertThat(renamed.json().at("/hasSecret").asBoolean()).isTrue();
    // Which organization owns an account is decided by the identity the marketplace reports for the
    // credentials (MarketplaceIdentityTest); an account number nobody has verified is only a label.
    assertThat(renamed.json().path("verifiedAccountId").isMissingNode()).isTrue();

    Http.Response newKey = admin.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", account,
        "region", "eu-west-1", "credentials", Map.of("type", "ACCESS_KEY", "accessKeyId", "AKIAOTHERKEY00000000"),
        "endpointOverride", nowhere));
    assertThat(newKey.status()).isEqualTo(400);
    assertThat(newKey.json().at("/errors/0/field").asText()).isEqualTo("secretAccessKey");
  }

  @Test
  void bad_input_names_each_field_and_saves_nothing() {
    Http.Response r = admin.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", "12345",
        "region", "moon-1", "credentials", Map.of("type", "ASSUME_ROLE", "roleArn", "not-an-arn"),
        "endpointOverride", "ftp://x"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/errors").toString()).contains("awsAccountId").contains("region").contains("roleArn")
        .contains("externalId").contains("accessKeyId").contains("secretAccessKey").contains("endpointOverride");
    assertThat(jdbc.sql("SELECT count(*) FROM marketplace_connection WHERE organization_id = ?")
        .param(tenant.organizationId()).query(Long.class).single()).isZero();
  }

  @Test
  void testing_an_unreachable_endpoint_says_so() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    admin.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", account,
        "credentials", Map.of("accessKeyId", "AKIAIOSFODNN7EXAMPLE", "secretAccessKey", SECRET),
        "endpointOverride", "http://127.0.0.1:" + closed));
    Http.Response test = admin.postJson("/api/v1/marketplace/connection/test", Map.of());
    assertThat(test.status()).isEqualTo(200);
    assertThat(test.json().at("/ok").asBoolean()).isFalse();
    assertThat(test.json().at("/problem").asText()).isEqualTo("UNREACHABLE");
    assertThat(test.json().at("/message").asText()).contains("127.0.0.1:" + closed);
    assertThat(admin.get("/api/v1/marketplace/connection").json().at("/lastTestOk").asBoolean()).isFalse();
  }

  @Test
  void testing_without_a_connection_says_what_to_do() {
    Http.Response test = admin.postJson("/api/v1/marketplace/connection/test", Map.of());
    assertThat(test.json().at("/problem").asText()).isEqualTo("NOT_CONFIGURED");
  }
}
