package org.offerdesk.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.offerdesk.app.identity.internal.TestTenants;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/**
 * A seller organization made for a test, connected to an account of its own in the embedded sandbox
 * that holds a limited-preview product, with its listings synced: ready to make offers.
 */
public final class ConnectedSeller {

  public final TestTenants.Tenant tenant;
  public final Http api;
  public final SandboxAccounts sandbox;
  public final SandboxAccounts.Account account;
  public final String productId;
  public final URI endpoint;

  public ConnectedSeller(ApplicationContext context, int port, URI sandboxEndpoint, String name) {
    this.endpoint = sandboxEndpoint;
    this.tenant = new TestTenants(context).seller(name);
    this.api = new Http(port).bearer(tenant.adminToken());
    this.sandbox = new SandboxAccounts(sandboxEndpoint.toString());
    this.account = sandbox.seller(name);
    this.productId = sandbox.product(account, name + " Platform", "Limited");
    connect(account);
  }

  /** Points the organization's connection at a sandbox account and syncs its listings. */
  public void connect(SandboxAccounts.Account to) {
    Http.Response saved = api.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", to.accountId(),
        "credentials", Map.of("accessKeyId", to.accessKeyId(), "secretAccessKey", to.secretAccessKey()),
        "endpointOverride", endpoint.toString()));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    Http.Response sync = api.postJson("/api/v1/listings/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
  }

  /** The sandbox as the seller's own AWS SDK client sees it, to check what OfferDesk put there. */
  public MarketplaceCatalogClient catalog() {
    return catalog(endpoint, account);
  }

  /** A sandbox account's own AWS SDK catalog client. */
  public static MarketplaceCatalogClient catalog(URI endpoint, SandboxAccounts.Account account) {
    return MarketplaceCatalogClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
        .build();
  }

  /** Waits until the offer reaches the stage, and returns it. */
  public JsonNode awaitStage(String offerId, String stage) {
    return awaitStage(offerId, stage, Duration.ofSeconds(20));
  }

  /** Waits longer, for tests that make the marketplace slow on purpose (throttling). */
  public JsonNode awaitStage(String offerId, String stage, Duration atMost) {
    return awaitStage(api, offerId, stage, atMost);
  }

  /** Waits until an organization's offer reaches the stage, and returns it. */
  public static JsonNode awaitStage(Http api, String offerId, String stage, Duration atMost) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
      last[0] = api.get("/api/v1/offers/" + offerId).json();
      return stage.equals(last[0].at("/stage").asText());
    });
    return last[0];
  }
}
