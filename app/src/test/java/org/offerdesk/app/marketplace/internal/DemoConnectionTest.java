package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Out of the box, the demo seller is connected to the embedded sandbox and can sync its listings. */
@SandboxTest
class DemoConnectionTest {

  @LocalServerPort int port;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void the_demo_seller_comes_connected_to_the_embedded_sandbox() {
    Http admin = new Http(port);
    admin.signIn("admin@demo.offerdesk.local", "demo-password-123");
    Http.Response connection = admin.get("/api/v1/marketplace/connection");
    assertThat(connection.json().at("/awsAccountId").asText()).isEqualTo("111122223333");
    assertThat(connection.json().at("/embeddedSandbox").asBoolean()).isTrue();
    assertThat(connection.json().at("/endpointOverride").asText()).isEqualTo(sandbox.endpoint().toString());

    String csrf = admin.csrfFrom("/settings/marketplace");
    assertThat(admin.postForm("/settings/marketplace/test", Map.of(), csrf).status()).isEqualTo(302);
    assertThat(admin.get("/settings/marketplace").body()).contains("Connected to " + sandbox.endpoint());

    assertThat(admin.postForm("/listings/sync", Map.of(), admin.csrfFrom("/listings")).status()).isEqualTo(302);
    assertThat(admin.get("/api/v1/listings").json().at("/items").size()).isEqualTo(2);
  }

  @Test
  void the_demo_reseller_comes_connected_too() {
    Http partner = new Http(port);
    partner.signIn("partner@reseller.offerdesk.local", "demo-password-123");
    assertThat(partner.get("/api/v1/marketplace/connection").json().at("/awsAccountId").asText())
        .isEqualTo("444455556666");
  }
}
