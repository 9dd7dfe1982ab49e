package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.inDays;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * Replacement (agreement-based) offers. Buyers' acceptance, which creates agreements, comes with part 2 of
 * the sandbox; until then this test writes the agreements it needs into its own sandbox's database as
 * fixtures, and drives everything else through the SDK.
 */
class ReplacementOfferTest {

  static final String OFFER = "Offer@1.0";
  static final String REF = "$Replacement.Entity.Identifier";
  static DatabaseUrl db;
  static SandboxServer server;
  static MarketplaceCatalogClient seller;

  @BeforeAll
  static void start() throws SQLException {
    db = TestPostgres.newDatabase("sandbox_replacement");
    server = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.delay=100ms")));
    seller = MarketplaceCatalogClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET)))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
    agreement("agmt-active0000000000000000001", "ACTIVE");
    agreement("agmt-ended00000000000000000001", "EXPIRED");
  }

  @AfterAll
  static void stop() {
    seller.close();
    server.close();
  }

  private static void agreement(String id, String status) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        PreparedStatement insert = c.prepareStatement("INSERT INTO sandbox.agreement (agreement_id, offer_id, product_id, "
            + "proposer_account_id, acceptor_account_id, status, acceptance_time, start_time, end_time) "
            + "VALUES (?, ?, 'prod-sbxpublic0001', '111122223333', '777788889999', ?, now(), now(), now() + interval '1 year')")) {
      insert.setString(1, id);
      insert.setString(2, "offer-" + id.substring(5, 18));
      insert.setString(3, status);
      insert.executeUpdate();
    }
  }

  private static DescribeChangeSetResponse run(software.amazon.awssdk.services.marketplacecatalog.model.Change... changes) {
    String id = seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(changes)).changeSetId();
    return SandboxFixture.awaitEnd(seller, id);
  }

  @Test
  void replacesAnActiveAgreementWithAReleasedOffer() {
    DescribeChangeSetResponse done = run(
        change("CreateReplacementOffer", OFFER, null, "Replacement", "{\"AgreementId\":\"agmt-active0000000000000000001\","
            + "\"Name\":\"Acme renewal\"}"),
        change("UpdatePricingTerms", OFFER, REF, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\","
            + "\"CurrencyCode\":\"USD\",\"Price\":\"0.0\",\"Duration\":\"P12M\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":50}]}]}"),
        change("UpdateValidityTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementEndDate\":\"" + inDays(400) + "\"}]}"),
        change("UpdatePaymentScheduleTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\","
            + "\"Schedule\":[{\"ChargeDate\":\"" + inDays(7) + "\",\"ChargeAmount\":\"5000.00\"}]}]}"),
        change("UpdateLegalTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":\"StandardEula\","
            + "\"Version\":\"2022-07-14\"}]}]}"),
        change("UpdateAvailability", OFFER, REF, "{\"AvailabilityEndDate\":\"" + inDays(20) + "\"}"),
        change("ReleaseOffer", OFFER, REF, "{}"));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    String offerId = done.changeSet().get(0).entity().identifier();
    var details = seller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)).detailsDocument().asMap();
    assertThat(details.get("State").asString()).isEqualTo("Released");
    assertThat(details.get("AgreementId").asString()).isEqualTo("agmt-active0000000000000000001");
    assertThat(seller.describeEntity(r -> r.catalog(CATALOG).entityId(offerId)).details()).contains("\"BuyerAccounts\":[\"777788889999\"]");

    DescribeChangeSetResponse retarget = run(change("UpdateTargeting", OFFER, offerId,
        "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"777788889999\"]}}"));
    assertThat(retarget.changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_UPDATE_REQUEST");
  }

  @Test
  void needsAnAgreementEndDateToRelease() {
    DescribeChangeSetResponse done = run(
        change("CreateReplacementOffer", OFFER, null, "Replacement", "{\"AgreementId\":\"agmt-active0000000000000000001\",\"Name\":\"x\"}"),
        change("UpdatePricingTerms", OFFER, REF, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\","
            + "\"CurrencyCode\":\"USD\",\"Price\":\"100\",\"Duration\":\"P12M\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":5}]}]}"),
        change("UpdateValidityTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        change("UpdateLegalTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":\"StandardEula\","
            + "\"Version\":\"2022-07-14\"}]}]}"),
        change("UpdateAvailability", OFFER, REF, "{\"AvailabilityEndDate\":\"" + inDays(20) + "\"}"),
        change("ReleaseOffer", OFFER, REF, "{}"));
    assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
    assertThat(done.changeSet().get(5).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("MISSING_MANDATORY_TERMS");
  }

  @Test
  void refusesAnAgreementThatIsNoLongerActive() {
    DescribeChangeSetResponse done = run(change("CreateReplacementOffer", OFFER, null,
        "{\"AgreementId\":\"agmt-ended00000000000000000001\"}"));
    assertThat(done.changeSet().get(0).errorDetailList()).extracting(e -> e.errorCode()).containsExactly("INVALID_AGREEMENT_ID");
  }
}
