package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.TestPostgres;
import org.offerdesk.sandbox.accounts.DemoAccounts;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data-feed faults of {@code POST /sandbox/faults}: a delivery a day late, a day's billing events
 * written twice, and files published with their header only until the next delivery.
 */
class FeedFaultsTest {

  private static FeedSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = new FeedSandbox(TestPostgres.newDatabase("sandbox_feed_faults"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static void inject(String fault) {
    SandboxFixture.send(sandbox.endpoint(), "POST", "/sandbox/faults", Map.of(fault, 1), 200);
  }

  @Test
  void lateDuplicatedAndHeaderOnlyDeliveries() {
    var seller = sandbox.openAccount("Faulty Feeds Seller", "SELLER");
    String bucket = FeedSandbox.bucket(seller.accountId());
    S3Client s3 = sandbox.s3(seller);
    String buyer = DemoAccounts.BUYER_ACME;
    String onTime = sandbox.billingEvent(seller.accountId(), buyer, "SELLER_REV_SHARE", "10");
    sandbox.advancePastMidnight();
    assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(onTime);

    inject("lateFeedDeliveries");
    String late = sandbox.billingEvent(seller.accountId(), buyer, "SELLER_REV_SHARE", "20");
    sandbox.advancePastMidnight();
    assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(onTime);
    assertThat(SandboxFixture.send(sandbox.endpoint(), "GET", "/sandbox/faults", null, 200).get("lateFeedDeliveries").asInt())
        .isZero();
    sandbox.advancePastMidnight();
    assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(onTime, late);

    inject("duplicateFeedDeliveries");
    String twice = sandbox.billingEvent(seller.accountId(), buyer, "AWS_REV_SHARE", "-0.6");
    sandbox.advancePastMidnight();
    assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(onTime, late, twice, twice);

    inject("headerOnlyFeedDeliveries");
    String held = sandbox.billingEvent(seller.accountId(), buyer, "SELLER_REV_SHARE", "30");
    var day = sandbox.advancePastMidnight();
    for (String feed : new String[] {"billingeventfeed_v1", "accountfeed_v1", "agreementfeed_v1", "productfeed_v1"}) {
      String file = FeedSandbox.text(s3, bucket, FeedSandbox.key(feed, day));
      assertThat(file.lines()).as(feed).hasSize(1);
    }
    sandbox.advancePastMidnight();
    assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(onTime, late, twice, twice, held);
  }
}
