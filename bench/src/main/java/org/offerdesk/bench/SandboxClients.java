package org.offerdesk.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;

/** The AWS SDK for Java v2 as a seller uses it against the sandbox, signed with the demo seller's keys. */
public final class SandboxClients {

  public static final String CATALOG = "AWSMarketplace";
  /** A product the sandbox seeds for the demo seller. */
  public static final String PRODUCT = "prod-sbxlimited001";

  private SandboxClients() {}

  public static MarketplaceCatalogClient catalog(URI endpoint, Duration timeout) {
    return MarketplaceCatalogClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIASANDBOXSELLER001", "sandbox/seller/SECRET/0000000000000000000001")))
        .overrideConfiguration(o -> o.apiCallTimeout(timeout).retryStrategy(r -> r.maxAttempts(1)))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
        .build();
  }

  /** A CreateOffer change of the seeded product: a draft offer. */
  public static Change createOffer(String name) {
    return Change.builder().changeType("CreateOffer").entity(e -> e.type("Offer@1.0"))
        .detailsDocument(Document.fromMap(Map.of("ProductId", Document.fromString(PRODUCT),
            "Name", Document.fromString(name))))
        .build();
  }

  /** Starts a change set and waits for it to succeed, looking every 20 ms; the entity it made. */
  public static String applied(MarketplaceCatalogClient client, Change change) throws InterruptedException {
    return applied(client, change, 20);
  }

  /** Starts a change set and waits for it to succeed, looking every {@code pollMillis}; the entity it made. */
  public static String applied(MarketplaceCatalogClient client, Change change, long pollMillis)
      throws InterruptedException {
    String changeSetId = client.startChangeSet(r -> r.catalog(CATALOG).changeSet(change)).changeSetId();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      var described = client.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(changeSetId));
      if (described.status() == ChangeStatus.SUCCEEDED) {
        return described.changeSet().get(0).entity().identifier();
      }
      if (described.status() == ChangeStatus.FAILED) {
        throw new IllegalStateException("Change set failed: " + described);
      }
      TimeUnit.MILLISECONDS.sleep(pollMillis);
    }
    throw new IllegalStateException("Change set " + changeSetId + " did not succeed within 120 s");
  }
}
