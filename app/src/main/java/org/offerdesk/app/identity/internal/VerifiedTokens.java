package org.offerdesk.app.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API tokens recently read from the database, by their secret's hash, so that a busy client's requests do not
 * each read their token first (a query and a pool checkout before the request's own work, 1 of 2 checkouts of an
 * API read). An entry is trusted for {@link #FOR} of security time, then read again.
 *
 * <p>Revocation: a token revoked (or reinstated) through this instance is forgotten at once, when the change is
 * written and again when its transaction ends, and a read that overlapped such a change is not kept, so the
 * token's next request here is refused. A token revoked through another instance on the same database is refused
 * here within {@link #FOR}. Expiry is judged on every request from the entry's {@code expiresAt}. Unknown
 * secrets are never kept: each is asked again (and {@link BearerFailureLimit} counts them).
 */
@Component
class VerifiedTokens {

  /** How long a token read from the database is trusted without reading it again. */
  static final Duration FOR = Duration.ofSeconds(5);

  /** Past this many entries the cache starts again from empty (tokens are few; secrets tried are not kept). */
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(ApiTokens.WithOrganization found, Instant readAt) {}

  private final Map<String, Entry> bySecretHash = new ConcurrentHashMap<>();

  /** Counts changes to stored tokens: a read that saw this number change while it ran is not kept. */
  private final AtomicLong changes = new AtomicLong();

  /**
   * The token with this secret's hash and its organization: as read within the last {@link #FOR} before
   * {@code now}, or from {@code read} (the database).
   */
  Optional<ApiTokens.WithOrganization> find(String secretHash, Instant now,
      Function<String, Optional<ApiTokens.WithOrganization>> read) {
    Entry entry = bySecretHash.get(secretHash);
    if (entry != null && !now.isBefore(entry.readAt()) && now.isBefore(entry.readAt().plus(FOR))) {
      return Optional.of(entry.found());
    }
    long before = changes.get();
    Optional<ApiTokens.WithOrganization> found = read.apply(secretHash);
    if (found.isEmpty()) {
      bySecretHash.remove(secretHash);
    } else {
      keep(secretHash, new Entry(found.get(), now), before);
    }
    return found;
  }

  /** Keeps a read unless a change came while it ran (one lock with {@link #forget}: no change slips between). */
  private synchronized void keep(String secretHash, Entry entry, long changesBefore) {
    if (changes.get() != changesBefore) {
      return;
    }
    if (bySecretHash.size() >= MAX_ENTRIES) {
      bySecretHash.clear();
    }
    bySecretHash.put(secretHash, entry);
  }

  /** The token's last use as written at {@code at}, so that its entry does not ask for the write again. */
  void used(String secretHash, Instant at) {
    bySecretHash.computeIfPresent(secretHash, (hash, entry) -> {
      ApiToken t = entry.found().token();
      ApiToken touched = new ApiToken(t.id(), t.organizationId(), t.name(), t.role(), t.secretHash(),
          t.secretPrefix(), t.createdBy(), t.createdAt(), t.expiresAt(), t.revokedAt(), at);
      return new Entry(new ApiTokens.WithOrganization(touched, entry.found().organization()), entry.readAt());
    });
  }

  /**
   * Forgets the token now and, when a transaction is running, again once it has ended (a request that read the
   * row before the change committed must not keep it).
   */
  void changed(UUID tokenId) {
    forget(tokenId);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          forget(tokenId);
        }
      });
    }
  }

  private synchronized void forget(UUID tokenId) {
    changes.incrementAndGet();
    bySecretHash.values().removeIf(entry -> entry.found().token().id().equals(tokenId));
  }
}
