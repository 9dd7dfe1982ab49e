package org.offerdesk.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.offerdesk.bench.Console;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.SandboxClients;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/**
 * P1: an offer's publish round trip through the API ({@code POST /api/v1/offers}, {@code POST …/publish},
 * then {@code GET} until it is {@code SENT}) against the embedded sandbox with its default change-set
 * delay; the baseline is that delay as the SDK alone sees it (StartChangeSet until DescribeChangeSet says
 * SUCCEEDED, polled every 20 ms like the round trip). Then 50 publishers at once.
 */
public final class PublishScenario implements Scenario {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "P1";
  }

  @Override
  public String title() {
    return "offer publish round trip vs the sandbox's own change-set delay; 50 concurrent publishers";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    OfferDesk desk = bench.closeAtEnd(OfferDesk.start(bench, "p1"));
    HttpClient http = Console.client();
    URI base = desk.app().base();
    Console.post(http, base.resolve("/api/v1/listings/sync"), desk.token(), "{}");
    JsonNode listing = JSON.readTree(Console.get(http, base.resolve("/api/v1/listings"), desk.token()))
        .at("/items/0");
    String offer = JSON.writeValueAsString(Map.of("type", "DIRECT", "productId", listing.at("/productId").asText(),
        "name", "Bench offer", "buyerAccountIds", List.of("777788889999"), "currency", "USD", "durationMonths", 12,
        "expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", listing.at("/dimensions/0/key").asText(), "quantity", 10,
            "unitPrice", "100.00"))));
    MarketplaceCatalogClient sdk = bench.closeAtEnd(SandboxClients.catalog(desk.app().sandbox(), Duration.ofMinutes(2)));
    int perRepeat = Math.max(2, settings.scaled(10, 2));
    roundTrip(http, base, desk.token(), offer);
    SandboxClients.applied(sdk, SandboxClients.createOffer("warm-up"));
    List<Double> trips = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    for (int r = 1; r <= settings.repeats(); r++) {
      List<Double> trip = new ArrayList<>();
      List<Double> delay = new ArrayList<>();
      for (int i = 0; i < perRepeat; i++) {
        trip.add(roundTrip(http, base, desk.token(), offer));
        long start = System.nanoTime();
        SandboxClients.applied(sdk, SandboxClients.createOffer("Baseline " + i));
        delay.add((System.nanoTime() - start) / 1e9);
      }
      trips.add(Figure.Stats.of(trip).median());
      delays.add(Figure.Stats.of(delay).median());
      bench.progress(String.format("  repeat %d/%d: publish round trip median %.2f s, change-set delay median %.2f s",
          r, settings.repeats(), trips.get(r - 1), delays.get(r - 1)));
    }
    Figure.Stats trip = Figure.Stats.of(trips);
    Figure.Stats delay = Figure.Stats.of(delays);
    int publishers = settings.offers() < 1_000 ? 5 : 50;
    List<Double> concurrent = new ArrayList<>();
    int errors = 0;
    ExecutorService pool = Executors.newFixedThreadPool(publishers);
    try {
      List<Future<Double>> all = new ArrayList<>();
      for (int i = 0; i < publishers; i++) {
        all.add(pool.submit(() -> roundTrip(http, base, desk.token(), offer)));
      }
      for (Future<Double> f : all) {
        try {
          concurrent.add(f.get(5, TimeUnit.MINUTES));
        } catch (Exception e) {
          errors++;
          bench.progress("  a concurrent publish failed: " + e.getMessage());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    bench.progress(String.format("  %d concurrent publishers: %d errors", publishers, errors));
    bench.closeNow(sdk);
    bench.closeNow(desk);
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("P1", "publish round trip (median of " + perRepeat + ")", "s", trip, delay,
        "≤ baseline + 0.5 s", trip.median() <= delay.median() + 0.5));
    figures.add(new Figure("P1", publishers + " concurrent publishers: errors", "count", Figure.Stats.single(errors),
        null, "0", errors == 0));
    if (!concurrent.isEmpty()) {
      figures.add(new Figure("P1", publishers + " concurrent publishers: round trip (min/median/max over publishers)",
          "s", Figure.Stats.of(concurrent), delay, null, null));
    }
    return figures;
  }

  /** Seconds from creating the offer to seeing it SENT. */
  private static double roundTrip(HttpClient http, URI base, String token, String offer) throws Exception {
    long start = System.nanoTime();
    String id = JSON.readTree(Console.post(http, base.resolve("/api/v1/offers"), token, offer)).at("/id").asText();
    Console.post(http, base.resolve("/api/v1/offers/" + id + "/publish"), token, "{}");
    long deadline = start + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String stage = JSON.readTree(Console.get(http, base.resolve("/api/v1/offers/" + id), token)).at("/stage").asText();
      if ("SENT".equals(stage)) {
        return (System.nanoTime() - start) / 1e9;
      }
      if ("PUBLISH_FAILED".equals(stage)) {
        throw new IllegalStateException("Offer " + id + " failed to publish");
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new IllegalStateException("Offer " + id + " was not SENT within 3 minutes");
  }
}
