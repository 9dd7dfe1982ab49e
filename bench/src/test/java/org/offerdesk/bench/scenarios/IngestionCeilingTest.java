package org.offerdesk.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.bench.scenarios.IngestionRound.Deal;
import org.offerdesk.bench.scenarios.IngestionRound.Round;
import org.offerdesk.bench.scenarios.IngestionRound.Target;

/** P2's calls alone consume the same messages as OfferDesk's round: only the agreements' IDs differ. */
class IngestionCeilingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void the_copy_of_a_round_is_its_messages_in_order_with_duplicates_naming_the_copied_agreements() throws Exception {
    List<Target> targets = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      targets.add(new Target(UUID.randomUUID(), "offer-" + i, "prod-" + i, "777788889999", BigDecimal.TEN,
          JSON.readTree("{\"durationMonths\": 12}")));
    }
    Round round = IngestionRound.round(targets, 0, 300, "111122223333", new SplittableRandom(7));
    Map<String, String> fresh = new HashMap<>();
    Map<String, String> byAgreement = new HashMap<>();
    SplittableRandom random = new SplittableRandom(11);
    for (Deal d : round.deals()) {
      String copy = IngestionRound.agreementId(random);
      fresh.put(d.agreementId().substring(5), copy.substring(5));
      byAgreement.put(d.agreementId(), copy);
    }

    List<String> copied = IngestionCeiling.renamed(round.messages(), fresh);

    assertThat(copied).hasSameSizeAs(round.messages());
    for (int i = 0; i < copied.size(); i++) {
      String original = round.messages().get(i);
      String expected = original;
      for (var e : byAgreement.entrySet()) {
        expected = expected.replace(e.getKey().substring(5), e.getValue().substring(5));
      }
      assertThat(copied.get(i)).isEqualTo(expected).hasSameSizeAs(original);
      for (String agreement : byAgreement.keySet()) {
        assertThat(copied.get(i)).doesNotContain(agreement.substring(5));
      }
      assertThat(JSON.readTree(copied.get(i)).path("id")).isEqualTo(JSON.readTree(original).path("id"));
    }
    // the license events' ARNs name the copy too
    assertThat(copied).anyMatch(m -> m.contains(":license:l-" + byAgreement.get(round.deals().get(0).agreementId())
        .substring(5)));
  }
}
