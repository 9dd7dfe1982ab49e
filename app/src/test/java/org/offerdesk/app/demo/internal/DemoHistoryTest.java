package org.offerdesk.app.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * {@code POST /api/v1/demo/reset} tells the demo story for Demo ISV at the size the tests configure (every fate
 * once, over two months of the marketplace's clock); the dashboard then shows exactly what the story made, with
 * every stage, every booking kind, renewals due, a partner offer and a payout left without its bank deposit. The
 * reset is for the demo seller's admins only, and asked again while it runs it answers the same seeding.
 */
@SandboxClockTest
class DemoHistoryTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void a_reset_seeds_the_story_and_the_dashboard_shows_what_it_made() {
    Http demo = new Http(port).bearer(OfferDeskTest.BOOTSTRAP_TOKEN);
    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Not The Demo ISV");
    Http sales = new Http(port).bearer(new TestTenants(context).token(other.tenant, Role.SALES));
    assertThat(sales.postJson("/api/v1/demo/reset", Map.of()).status()).isEqualTo(403);
    Http.Response elsewhere = other.api.postJson("/api/v1/demo/reset", Map.of());
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(elsewhere.header("Content-Type")).startsWith("application/problem+json");

    Http.Response started = demo.postJson("/api/v1/demo/reset", Map.of());
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().at("/id").asText();
    assertThat(started.header("Location")).isEqualTo("/api/v1/demo/seedings/" + id);
    Http.Response again = demo.postJson("/api/v1/demo/reset", Map.of());
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().at("/id").asText()).isEqualTo(id);
    assertThat(other.api.get("/api/v1/demo/seedings/" + id).status()).isEqualTo(404);

    JsonNode[] seeding = new JsonNode[1];
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> {
      seeding[0] = demo.get("/api/v1/demo/seedings/" + id).json();
      return !seeding[0].at("/status").asText().equals("RUNNING");
    });
    assertThat(seeding[0].at("/status").asText()).as(seeding[0].toString()).isEqualTo("DONE");
    JsonNode story = seeding[0].at("/summary");

    Map<String, Integer> stages = counts(story.at("/offerStages"));
    assertThat(stages).containsKeys("DRAFT", "PUBLISH_FAILED", "SENT", "ACCEPTED", "REGISTERED", "PROVISIONED",
        "EXPIRED", "CANCELLED", "REPLACED");
    Map<String, Integer> bookings = counts(story.at("/bookings"));
    assertThat(bookings).containsOnlyKeys("NEW", "AMENDMENT", "RENEWAL", "PARTNER");
    LocalDate from = LocalDate.parse(story.at("/from").asText());
    LocalDate to = LocalDate.parse(story.at("/to").asText());
    JsonNode dashboard = demo.get("/api/v1/dashboard?from=" + from + "&to=" + to).json();
    assertThat(tally(dashboard.at("/pipeline/items"), "stage")).isEqualTo(stages);
    assertThat(tally(dashboard.at("/bookings/items"), "kind")).isEqualTo(bookings);
    assertThat(dashboard.at("/renewalsDue/count").asLong()).isEqualTo(endingSoon(demo, story, to)).isPositive();
    assertThat(attention(dashboard, "OFFERS_EXPIRING")).isPositive();
    assertThat(attention(dashboard, "PUBLISH_FAILURES")).isPositive();
    assertThat(attention(dashboard, "APPROVALS_WAITING")).isEqualTo(1);
    assertThat(attention(dashboard, "ORDERS_AWAITING_REGISTRATION")).isPositive();
    assertThat(demo.get("/api/v1/offers?type=PARTNER").json().at("/items")).isNotEmpty();

    String unmatched = story.at("/unmatchedPayoutId").asText();
    JsonNode payouts = demo.get("/api/v1/finance/payouts?limit=200").json().at("/items");
    assertThat(payouts.findValuesAsText("payoutId")).contains(unmatched).hasSizeGreaterThan(1);
    for (JsonNode p : payouts) {
      assertThat(p.at("/bankMatched").asBoolean()).as(p.toString()).isEqualTo(!p.at("/payoutId").asText().equals(unmatched));
    }
    assertThat(demo.get("/api/v1/finance/invoices").json().at("/items")).isNotEmpty();
    // Nothing of it shows in another organization.
    JsonNode elsewhereDashboard = other.api.get("/api/v1/dashboard?from=" + from + "&to=" + to).json();
    assertThat(elsewhereDashboard.at("/bookings/items")).isEmpty();
  }

  private static Map<String, Integer> counts(JsonNode object) {
    Map<String, Integer> counts = new HashMap<>();
    object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    return counts;
  }

  /** Count of each value of {@code key} over the items (summed over currencies). */
  private static Map<String, Integer> tally(JsonNode items, String key) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode item : items) {
      counts.merge(item.at("/" + key).asText(), item.at("/count").asInt(), Integer::sum);
    }
    return counts;
  }

  private static long attention(JsonNode dashboard, String kind) {
    for (JsonNode item : dashboard.at("/attention/items")) {
      if (item.at("/kind").asText().equals(kind)) {
        return item.at("/count").asLong();
      }
    }
    throw new AssertionError("No attention item " + kind);
  }

  /** The story's orders still running whose agreement ends in the next 120 days, read one by one. */
  private static long endingSoon(Http demo, JsonNode story, LocalDate today) {
    LocalDate until = today.plusDays(120);
    List<JsonNode> orders = new ArrayList<>();
    story.at("/orderIds").forEach(id -> orders.add(demo.get("/api/v1/orders/" + id.asText()).json()));
    return orders.stream()
        .filter(o -> !List.of("CANCELLED", "ENDED").contains(o.at("/status").asText()))
        .filter(o -> o.hasNonNull("endsAt"))
        .map(o -> LocalDate.ofInstant(Instant.parse(o.at("/endsAt").asText()), ZoneOffset.UTC))
        .filter(end -> !end.isBefore(today) && !end.isAfter(until))
        .count();
  }
}
