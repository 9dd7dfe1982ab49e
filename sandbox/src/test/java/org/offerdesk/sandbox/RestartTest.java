package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ServiceQuotaExceededException;

/**
 * State lives in PostgreSQL: a change set left running by a stopped sandbox finishes after a restart, and
 * the seeded products follow the configured fulfillment URL.
 */
class RestartTest {

  private static MarketplaceCatalogClient clientOf(SandboxServer server) {
    return MarketplaceCatalogClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET)))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  private static SandboxServer start(DatabaseUrl db, String delay, String fulfillmentUrl) {
    return SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.delay=" + delay,
            "--offerdesk.sandbox.change-set.max-running=1", "--offerdesk.sandbox.fulfillment-url=" + fulfillmentUrl)));
  }

  @Test
  void aPendingChangeSetResumesAfterARestart() {
    DatabaseUrl db = TestPostgres.newDatabase("sandbox_restart");
    String changeSetId;
    try (SandboxServer first = start(db, "1h", "http://localhost:8080/marketplace/register")) {
      MarketplaceCatalogClient client = clientOf(first);
      changeSetId = client.startChangeSet(r -> r.catalog(CATALOG)
          .changeSet(change("CreateOffer", "Offer@1.0", null, "{\"ProductId\":\"prod-sbxpublic0001\",\"Name\":\"Survivor\"}")))
          .changeSetId();
      assertThat(client.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(changeSetId)).status()).isEqualTo(ChangeStatus.PREPARING);
      assertThatThrownBy(() -> client.startChangeSet(r -> r.catalog(CATALOG)
          .changeSet(change("CreateOffer", "Offer@1.0", null, "{\"ProductId\":\"prod-sbxpublic0001\"}"))))
          .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> assertThat(e.statusCode()).isEqualTo(402));
    }
    try (SandboxServer second = start(db, "100ms", "https://offerdesk.example.com/marketplace/register")) {
      MarketplaceCatalogClient client = clientOf(second);
      var done = SandboxFixture.awaitEnd(client, changeSetId);
      assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
      String offerId = done.changeSet().get(0).entity().identifier();
      assertThat(client.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)).detailsDocument().asMap().get("Name").asString())
          .isEqualTo("Survivor");
      assertThat(client.listEntities(r -> r.catalog(CATALOG).entityType("SaaSProduct")).entitySummaryList()).hasSize(2);
      assertThat(client.describeEntity(r -> r.catalog(CATALOG).entityId("prod-sbxlimited001")).details())
          .contains("\"FulfillmentUrl\":\"https://offerdesk.example.com/marketplace/register\"");
    }
  }
}
