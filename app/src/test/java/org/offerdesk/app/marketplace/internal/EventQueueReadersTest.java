package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A connected organization's queue is long-polled by a reader of its own: its events reach the inbox through
 * that reader (the turns every poll interval leave its queue alone), and the reader ends when the organization
 * is disconnected, its queue then read by no one.
 */
@SandboxTest
class EventQueueReadersTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired EventQueueConsumer consumer;
  @Autowired JdbcClient jdbc;

  @Test
  void a_connected_sellers_events_come_through_its_own_long_polling_reader_until_it_is_disconnected() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Long Poll Co");
    UUID org = seller.tenant.organizationId();
    await().atMost(Duration.ofSeconds(30)).until(() -> consumer.hasReader(org));

    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Long poll offer", "buyerAccountIds", List.of(seller.sandbox.buyer("Long poll buyer")),
        "currency", "USD", "durationMonths", 12,
        "expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 3, "unitPrice", "100.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    seller.awaitStage(offerId, "SENT");
    String changeSetId = jdbc.sql("SELECT change_set_id FROM offer WHERE id = ?").param(UUID.fromString(offerId))
        .query(String.class).single();
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
        SELECT count(*) FROM marketplace_event WHERE organization_id = ? AND detail_type = 'Change Set Succeeded'
          AND body -> 'detail' ->> 'ChangeSetId' = ?""").params(org, changeSetId).query(Long.class).single() == 1);
    assertThat(consumer.hasReader(org)).isTrue();

    jdbc.sql("DELETE FROM marketplace_connection WHERE organization_id = ?").param(org).update();
    await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.hasReader(org));
  }
}
