package org.offerdesk.sandbox.datafeeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.offerdesk.sandbox.billing.FeedAccounts;

/** Feed keys are looked up once and kept across deliveries, but only those of a delivery that committed. */
class FeedAccountKeysTest {

  /** Billing's keys as a table that answers a new key for every account it is asked about, recording the asks. */
  private static final class CountingAccounts extends FeedAccounts {
    final List<String> asked = new ArrayList<>();

    CountingAccounts() {
      super(null, Clock.systemUTC());
    }

    @Override
    public UUID keyOf(String awsAccountId) {
      asked.add(awsAccountId);
      return UUID.randomUUID();
    }

    @Override
    public Map<String, UUID> keysOf(Collection<String> awsAccountIds) {
      asked.addAll(awsAccountIds);
      return awsAccountIds.stream().collect(Collectors.toMap(Function.identity(), id -> UUID.randomUUID()));
    }
  }

  @Test
  void keysOfACommittedDeliveryAreKeptAndThoseOfAFailedOneAreAskedAgain() {
    CountingAccounts accounts = new CountingAccounts();
    FeedAccountKeys keys = new FeedAccountKeys(accounts);

    keys.resolve(List.of("111122223333", "444455556666 ", "111122223333"));
    UUID first = keys.keyOf("111122223333");
    assertThat(keys.keyOf("111122223333 ")).isEqualTo(first);
    assertThat(accounts.asked).containsExactlyInAnyOrder("111122223333", "444455556666");
    keys.keep();

    keys.resolve(List.of("111122223333", "777788889999"));
    assertThat(keys.keyOf("111122223333")).isEqualTo(first);
    UUID uncommitted = keys.keyOf("777788889999");
    assertThat(accounts.asked).containsExactlyInAnyOrder("111122223333", "444455556666", "777788889999");
    // That delivery rolled back: the key it made may be gone, so it is looked up again; the kept ones are not.
    keys.forget();
    assertThat(keys.keyOf("777788889999")).isNotEqualTo(uncommitted);
    keys.resolve(List.of("111122223333", "444455556666"));
    assertThat(accounts.asked).hasSize(4);
    assertThat(keys.keyOf(null)).isNull();
  }
}
