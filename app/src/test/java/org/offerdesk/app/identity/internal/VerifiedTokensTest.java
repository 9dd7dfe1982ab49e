package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.Role;

class VerifiedTokensTest {

  final VerifiedTokens verified = new VerifiedTokens();
  final Instant now = Instant.parse("2026-12-04T12:00:00Z");
  final ApiToken token = new ApiToken(UUID.randomUUID(), UUID.randomUUID(), "crm", Role.SALES, "hash", "od_abc",
      "admin", now, null, null, null);
  final ApiTokens.WithOrganization found = new ApiTokens.WithOrganization(token,
      new Organization(token.organizationId(), "co", "Co", OrganizationKind.SELLER, now));
  final AtomicInteger reads = new AtomicInteger();

  Optional<ApiTokens.WithOrganization> read(String hash) {
    reads.incrementAndGet();
    return Optional.of(found);
  }

  @Test
  void a_read_is_trusted_for_its_bound_then_read_again() {
    verified.find("hash", now, this::read);
    verified.find("hash", now.plus(VerifiedTokens.FOR).minusMillis(1), this::read);
    assertThat(reads).hasValue(1);
    verified.find("hash", now.plus(VerifiedTokens.FOR), this::read);
    assertThat(reads).hasValue(2);
  }

  @Test
  void a_changed_token_is_read_again_at_once() {
    verified.find("hash", now, this::read);
    verified.changed(token.id());
    verified.find("hash", now, this::read);
    assertThat(reads).hasValue(2);
  }

  @Test
  void a_read_that_overlapped_a_change_is_not_kept() {
    verified.find("hash", now, hash -> {
      verified.changed(token.id());
      return read(hash);
    });
    verified.find("hash", now, this::read);
    assertThat(reads).hasValue(2);
  }

  @Test
  void unknown_secrets_are_not_kept() {
    verified.find("other", now, hash -> {
      reads.incrementAndGet();
      return Optional.empty();
    });
    verified.find("other", now, this::read);
    assertThat(reads).hasValue(2);
  }
}
