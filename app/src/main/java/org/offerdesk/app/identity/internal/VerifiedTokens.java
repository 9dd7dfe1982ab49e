package org.offerdesk.app.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.offerdesk.postgres.BoundedMemo;
import org.springframework.stereotype.Component;

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

  /** Tokens by secret hash; a read that a change to stored tokens overtook is not kept. */
  private final BoundedMemo<String, Entry> bySecretHash = new BoundedMemo<>(MAX_ENTRIES);

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
    long stamp = bySecretHash.stamp();
    Optional<ApiTokens.WithOrganization> found = read.apply(secretHash);
    if (found.isEmpty()) {
      bySecretHash.remove(secretHash);
    } else {
      bySecretHash.put(secretHash, new Entry(found.get(), now), stamp);
    }
    return found;
  }

  /** The token's last use as written at {@code at}, so that its entry does not ask for the write again. */
  void used(String secretHash, Instant at) {
    bySecretHash.update(secretHash, (hash, entry) -> {
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
    bySecretHash.forgetWrittenIf(entry -> entry.found().token().id().equals(tokenId));
  }
}
