package org.offerdesk.app.marketplace.internal;

import java.net.URI;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.app.identity.DemoDataSeeded;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Out of the box the demo seller and the demo reseller are connected to the embedded sandbox's seeded
 * accounts; on every start those connections follow the sandbox to its current port.
 */
@Component
class DemoConnections {

  private final ObjectProvider<EmbeddedSandbox> sandbox;
  private final ConnectionSettings settings;
  private final DataFeedSettings dataFeeds;

  DemoConnections(ObjectProvider<EmbeddedSandbox> sandbox, ConnectionSettings settings, DataFeedSettings dataFeeds) {
    this.sandbox = sandbox;
    this.settings = settings;
    this.dataFeeds = dataFeeds;
  }

  @EventListener
  void demoDataSeeded(DemoDataSeeded seeded) {
    EmbeddedSandbox embedded = sandbox.getIfAvailable();
    if (embedded == null || embedded.server() == null) {
      return;
    }
    URI endpoint = embedded.server().endpoint();
    Environment env = embedded.server().context().getEnvironment();
    settings.followEmbeddedSandbox(endpoint);
    String sellerAccount = env.getProperty("offerdesk.sandbox.seller.account-id", "111122223333");
    settings.connectToEmbeddedSandbox(seeded.demoSellerId(), sellerAccount,
        env.getRequiredProperty("offerdesk.sandbox.seller.access-key-id"),
        env.getRequiredProperty("offerdesk.sandbox.seller.secret-access-key"), endpoint);
    String resellerAccount = env.getProperty("offerdesk.sandbox.reseller.account-id", "444455556666");
    settings.connectToEmbeddedSandbox(seeded.demoResellerId(), resellerAccount,
        env.getRequiredProperty("offerdesk.sandbox.reseller.access-key-id"),
        env.getRequiredProperty("offerdesk.sandbox.reseller.secret-access-key"), endpoint);
    // Each sandbox account has its own data feed bucket on the sandbox's S3-compatible endpoint.
    dataFeeds.connectDemo(seeded.demoSellerId(), Account.DATA_FEED_BUCKET_PREFIX + sellerAccount);
    dataFeeds.connectDemo(seeded.demoResellerId(), Account.DATA_FEED_BUCKET_PREFIX + resellerAccount);
  }
}
