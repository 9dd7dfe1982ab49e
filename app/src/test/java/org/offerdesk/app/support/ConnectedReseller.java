package org.offerdesk.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.offerdesk.app.identity.internal.TestTenants;
import org.springframework.context.ApplicationContext;

/** A reseller organization made for a test, connected to a reseller account of its own in the embedded sandbox. */
public final class ConnectedReseller {

  public final TestTenants.Tenant tenant;
  public final Http api;
  public final SandboxAccounts.Account account;

  public ConnectedReseller(ApplicationContext context, int port, URI sandboxEndpoint, String name) {
    this.tenant = new TestTenants(context).reseller(name);
    this.api = new Http(port).bearer(tenant.adminToken());
    this.account = new SandboxAccounts(sandboxEndpoint.toString()).reseller(name);
    Http.Response saved = api.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", account.accountId(),
        "credentials", Map.of("accessKeyId", account.accessKeyId(), "secretAccessKey", account.secretAccessKey()),
        "endpointOverride", sandboxEndpoint.toString()));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  /** Syncs the authorizations shared with the reseller now. */
  public void syncOpportunities() {
    Http.Response sync = api.postJson("/api/v1/opportunities/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
  }
}
