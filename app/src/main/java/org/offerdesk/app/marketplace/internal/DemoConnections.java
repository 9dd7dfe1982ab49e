package org.offerdesk.app.marketplace.internal;

import java.net.URI;
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

  DemoConnections(ObjectProvider<EmbeddedSandbox> sandbox, ConnectionSettings settings) {
    this.sandbox = sandbox;
    this.settings = settings;
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
    settings.connectToEmbeddedSandbox(seeded.demoSellerId(),
        env.getProperty("offerdesk.sandbox.seller.account-id", "111122223333"),
        env.getRequiredProperty("offerdesk.sandbox.seller.access-key-id"),
        env.getRequiredProperty("offerdesk.sandbox.seller.secret-access-key"), endpoint);
    settings.connectToEmbeddedSandbox(seeded.demoResellerId(),
        env.getProperty("offerdesk.sandbox.reseller.account-id", "444455556666"),
        env.getRequiredProperty("offerdesk.sandbox.reseller.access-key-id"),
        env.getRequiredProperty("offerdesk.sandbox.reseller.secret-access-key"), endpoint);
  }
}
