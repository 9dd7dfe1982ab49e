package org.offerdesk.sandbox.datafeeds;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.sandbox.billing.FeedAccounts;
import org.springframework.stereotype.Repository;

/**
 * The account-feed key (a GUID) of a 12-digit account, from table {@code feed_account}, created when the
 * account first appears in a feed, through billing's {@link FeedAccounts} (insert unless present, then read),
 * so whichever side comes first, both agree on the key.
 */
@Repository
class FeedAccountKeys {

  private final FeedAccounts accounts;
  /** Keys met during the current delivery; forgotten when the next one starts, so a rollback cannot leave one wrong. */
  private final Map<String, UUID> known = new ConcurrentHashMap<>();

  FeedAccountKeys(FeedAccounts accounts) {
    this.accounts = accounts;
  }

  void forget() {
    known.clear();
  }

  UUID keyOf(String awsAccountId) {
    if (awsAccountId == null) {
      return null;
    }
    return known.computeIfAbsent(awsAccountId.trim(), accounts::keyOf);
  }
}
