package org.offerdesk.sandbox;

import org.offerdesk.sandbox.accounts.DemoAccounts;
import org.offerdesk.sandbox.catalog.Products;
import org.offerdesk.sandbox.clock.TimeKeeper;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Restores the clock and seeds the demo accounts and products once the schema is migrated, before the change-set worker starts. */
@Component
class SandboxSeeding implements SmartInitializingSingleton {

  private final DemoAccounts accounts;
  private final Products products;
  private final TimeKeeper time;

  SandboxSeeding(DemoAccounts accounts, Products products, TimeKeeper time) {
    this.accounts = accounts;
    this.products = products;
    this.time = time;
  }

  @Override
  public void afterSingletonsInstantiated() {
    time.restore();
    accounts.seed();
    products.seedDemoProducts();
  }
}
