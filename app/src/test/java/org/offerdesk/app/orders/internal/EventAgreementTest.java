package org.offerdesk.app.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.MarketplaceAgreements;

/** What an agreement event tells of its agreement. */
class EventAgreementTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void a_created_event_describes_its_agreement_without_its_value() throws Exception {
    JsonNode detail = json.readTree("""
        {"requestId":"r","catalog":"AWSMarketplace","agreement":{"id":"agmt-1","intent":"NEW","status":"ACTIVE",
         "acceptanceTime":"2026-01-02T03:04:05Z","startTime":"2026-01-02T03:04:05Z","endTime":"2027-01-02T03:04:05Z"},
         "product":{"id":"prod-1","title":"T"},"resaleAuthorization":null,"acceptor":{"accountId":"111111111111"},
         "proposer":{"accountId":"222222222222"},"offer":{"id":"offer-1"}}""");
    MarketplaceAgreements.Agreement a = OrderEvents.reported(detail);
    assertThat(a).isEqualTo(new MarketplaceAgreements.Agreement("agmt-1", "ACTIVE", "222222222222", "111111111111",
        "offer-1", "prod-1", null, null, Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:05Z"),
        Instant.parse("2027-01-02T03:04:05Z")));
  }

  @Test
  void an_event_without_product_or_times_leaves_them_unknown() throws Exception {
    MarketplaceAgreements.Agreement a = OrderEvents.reported(json.readTree("""
        {"agreement":{"id":"agmt-2","status":"ACTIVE","acceptanceTime":"not a time"},
         "acceptor":{"accountId":"111111111111"},"proposer":{"accountId":"222222222222"},"offer":{"id":"offer-2"}}"""));
    assertThat(a.productId()).isNull();
    assertThat(a.acceptedAt()).isNull();
    assertThat(a.startsAt()).isNull();
    assertThat(a.value()).isNull();
  }
}
