package org.offerdesk.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.offerdesk.app.identity.internal.TestTenants;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/** A reseller organization made for a test, connected to a reseller account of its own in the embedded sandbox. */
public final class ConnectedReseller {

  public final TestTenants.Tenant tenant;
  public final Http api;
  public final SandboxAccounts.Account account;
  public final URI endpoint;

  public ConnectedReseller(ApplicationContext context, int port, URI sandboxEndpoint, String name) {
    this.endpoint = sandboxEndpoint;
    this.tenant = new TestTenants(context).reseller(name);
    this.api = new Http(port).bearer(tenant.adminToken());
    this.account = new SandboxAccounts(sandboxEndpoint.toString()).reseller(name);
    Http.Response saved = api.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", account.accountId(),
        "credentials", Map.of("accessKeyId", account.accessKeyId(), "secretAccessKey", account.secretAccessKey()),
        "endpointOverride", sandboxEndpoint.toString()));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  /** Waits until the reseller's offer reaches the stage, and returns it. */
  public JsonNode awaitStage(String offerId, String stage) {
    return ConnectedSeller.awaitStage(api, offerId, stage, Duration.ofSeconds(20));
  }

  /** The sandbox as the reseller's own AWS SDK client sees it. */
  public MarketplaceCatalogClient catalog() {
    return ConnectedSeller.catalog(endpoint, account);
  }

  /** Syncs the authorizations shared with the reseller now. */
  public void syncOpportunities() {
    Http.Response sync = api.postJson("/api/v1/opportunities/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
  }
}
