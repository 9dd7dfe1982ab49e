package org.offerdesk.sandbox.accounts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the demo accounts on first start: seller {@value #SELLER} "Demo ISV", reseller {@value #RESELLER}
 * "Demo Reseller" (both with the documented, configurable keys), buyers {@value #BUYER_ACME} "Acme Corp"
 * and {@value #BUYER_GLOBEX} "Globex".
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DemoAccounts {

  public static final String SELLER = "111122223333";
  public static final String RESELLER = "444455556666";
  public static final String BUYER_ACME = "777788889999";
  public static final String BUYER_GLOBEX = "210987654321";

  private final Accounts accounts;
  private final String sellerKey;
  private final String sellerSecret;
  private final String resellerKey;
  private final String resellerSecret;

  public DemoAccounts(
      Accounts accounts,
      @Value("${offerdesk.sandbox.seller.access-key-id:AKIASANDBOXSELLER001}") String sellerKey,
      @Value("${offerdesk.sandbox.seller.secret-access-key:sandbox/seller/SECRET/0000000000000000000001}")
          String sellerSecret,
      @Value("${offerdesk.sandbox.reseller.access-key-id:AKIASANDBOXRESELLER1}") String resellerKey,
      @Value("${offerdesk.sandbox.reseller.secret-access-key:sandbox/reseller/SECRET/00000000000000000001}")
          String resellerSecret) {
    this.accounts = accounts;
    this.sellerKey = sellerKey;
    this.sellerSecret = sellerSecret;
    this.resellerKey = resellerKey;
    this.resellerSecret = resellerSecret;
  }

  /** Opens whichever demo account does not exist yet; safe to run on every start. */
  @Transactional
  public void seed() {
    openIfMissing(new Accounts.NewAccount(SELLER, "Demo ISV", AccountKind.SELLER, sellerKey, sellerSecret));
    openIfMissing(new Accounts.NewAccount(RESELLER, "Demo Reseller", AccountKind.RESELLER, resellerKey, resellerSecret));
    openIfMissing(new Accounts.NewAccount(BUYER_ACME, "Acme Corp", AccountKind.BUYER, null, null));
    openIfMissing(new Accounts.NewAccount(BUYER_GLOBEX, "Globex", AccountKind.BUYER, null, null));
  }

  private void openIfMissing(Accounts.NewAccount account) {
    if (accounts.find(account.accountId()).isEmpty()) {
      accounts.open(account);
    }
  }
}
