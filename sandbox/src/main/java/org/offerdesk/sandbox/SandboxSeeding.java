package org.offerdesk.sandbox;

import org.offerdesk.sandbox.accounts.DemoAccounts;
import org.offerdesk.sandbox.catalog.Products;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Seeds the demo accounts and products once the schema is migrated, before the change-set worker starts. */
@Component
class SandboxSeeding implements SmartInitializingSingleton {

  private final DemoAccounts accounts;
  private final Products products;

  SandboxSeeding(DemoAccounts accounts, Products products) {
    this.accounts = accounts;
    this.products = products;
  }

  @Override
  public void afterSingletonsInstantiated() {
    accounts.seed();
    products.seedDemoProducts();
  }
}
