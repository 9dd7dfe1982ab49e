package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.OwnContext;
import org.offerdesk.app.support.ProductionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * In production an endpoint override cannot point the marketplace clients at the server's own network unless
 * the operator allows it ({@code OFFERDESK_OUTBOUND_ALLOW}, here the host name {@code localhost}). Nothing
 * listens on the ports used: no traffic leaves 127.0.0.1.
 */
@OfferDeskTest
@ProductionMode
@TestPropertySource(properties = "offerdesk.outbound.allow=localhost")
@OwnContext
class MarketplaceProductionAddressTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void a_loopback_endpoint_override_is_refused_with_a_422_unless_allowed() throws Exception {
    Http admin = new Http(port).bearer(new TestTenants(context).seller("Production Connector Co").adminToken());
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Map<String, Object> credentials = Map.of("accessKeyId", "AKIAIOSFODNN7EXAMPLE",
        "secretAccessKey", MarketplaceConnectionTest.SECRET);
    Http.Response refused = admin.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", "123456789012",
        "credentials", credentials, "endpointOverride", "http://127.0.0.1:" + closed));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.header("Content-Type")).contains("application/problem+json");
    assertThat(refused.json().at("/type").asText()).endsWith("/problems/address-refused");
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("endpointOverride");
    assertThat(refused.json().at("/errors/0/message").asText()).contains("loopback");
    assertThat(admin.get("/api/v1/marketplace/connection").status()).isEqualTo(404);

    Http.Response allowed = admin.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", "123456789012",
        "credentials", credentials, "endpointOverride", "http://localhost:" + closed));
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    assertThat(admin.postJson("/api/v1/marketplace/connection/test", Map.of()).json().at("/problem").asText())
        .isEqualTo("UNREACHABLE");
  }
}
