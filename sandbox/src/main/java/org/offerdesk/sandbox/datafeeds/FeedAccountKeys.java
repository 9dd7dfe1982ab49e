package org.offerdesk.sandbox.datafeeds;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.sandbox.billing.FeedAccounts;
import org.springframework.stereotype.Repository;

/**
 * The account-feed key (a GUID) of a 12-digit account, from table {@code feed_account}, created when the
 * account first appears in a feed, through billing's {@link FeedAccounts} (insert unless present, then read),
 * so whichever side comes first, both agree on the key. A key never changes once it is committed, so the keys
 * are remembered across deliveries: those met in a delivery are kept once its transaction commits, and
 * forgotten if it does not (a key it made would be rolled back with it).
 */
@Repository
class FeedAccountKeys {

  private final FeedAccounts accounts;
  /** Keys of committed deliveries. */
  private final Map<String, UUID> kept = new ConcurrentHashMap<>();
  /** Keys met during the current delivery. */
  private final Map<String, UUID> met = new ConcurrentHashMap<>();

  FeedAccountKeys(FeedAccounts accounts) {
    this.accounts = accounts;
  }

  /** The current delivery committed: its keys are kept. */
  void keep() {
    kept.putAll(met);
    met.clear();
  }

  /** The current delivery did not commit: the keys it met are forgotten. */
  void forget() {
    met.clear();
  }

  /** Looks up (making those missing) the keys of all these accounts at once, for {@link #keyOf} to answer. */
  void resolve(Collection<String> awsAccountIds) {
    List<String> unknown = awsAccountIds.stream().filter(Objects::nonNull).map(String::trim).distinct()
        .filter(id -> !kept.containsKey(id) && !met.containsKey(id)).toList();
    if (!unknown.isEmpty()) {
      met.putAll(accounts.keysOf(unknown));
    }
  }

  UUID keyOf(String awsAccountId) {
    if (awsAccountId == null) {
      return null;
    }
    String id = awsAccountId.trim();
    UUID key = kept.get(id);
    return key != null ? key : met.computeIfAbsent(id, accounts::keyOf);
  }
}
