package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the marketplace's events mean for orders: an agreement (created or amended) becomes an order, an
 * ended agreement ends it, and a license update passes entitlements on (a reseller's released offer on
 * the seller's product is the offers capability's). An end or a license update that arrives before its
 * agreement's order waits for the order ({@link RetryLater}); it is never dropped.
 */
@Component
class OrderEvents implements MarketplaceEventHandler {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OrderEvents.class);

  private final OrderIntake intake;
  private final OrderLifecycle lifecycle;
  private final OrderStore orders;
  private final TeamNotifications team;
  private final Webhooks webhooks;
  /**
   * Reads a batch's new agreements from the marketplace side by side (GetAgreementTerms, and DescribeAgreement
   * when an event does not describe its agreement): each call mostly waits for its answer.
   */
  private final ExecutorService readers;

  OrderEvents(OrderIntake intake, OrderLifecycle lifecycle, OrderStore orders, TeamNotifications team,
      Webhooks webhooks, @Value("${offerdesk.events.agreement-readers:8}") int agreementReaders) {
    this.team = team;
    this.webhooks = webhooks;
    this.intake = intake;
    this.lifecycle = lifecycle;
    this.orders = orders;
    AtomicInteger n = new AtomicInteger();
    this.readers = Executors.newFixedThreadPool(Math.max(1, agreementReaders), r -> {
      Thread thread = new Thread(r, "agreement-reader-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @PreDestroy
  void stop() {
    readers.shutdownNow();
  }

  @Override
  public boolean handles(MarketplaceEvent e) {
    String t = e.detailType();
    return t.startsWith("Purchase Agreement Created") || t.startsWith("Purchase Agreement Amended")
        || t.startsWith("Purchase Agreement Ended") || t.startsWith("License Updated");
  }

  @Override
  public void handle(MarketplaceEvent e) {
    JsonNode d = e.detail();
    String agreementId = d.path("agreement").path("id").asText(null);
    String t = e.detailType();
    if (makesOrder(t)) {
      intake.intake(e.organizationId(), agreementId, hints(e));
    } else if (t.startsWith("Purchase Agreement Ended")) {
      if (!lifecycle.agreementEnded(e.organizationId(), agreementId,
          d.path("agreement").path("status").asText("ENDED"))) {
        throw waitForOrder(agreementId);
      }
    } else if (t.startsWith("License Updated")) {
      if (!lifecycle.entitlementsChanged(e.organizationId(), agreementId)) {
        throw waitForOrder(agreementId);
      }
    }
  }

  private static boolean makesOrder(String detailType) {
    return detailType.startsWith("Purchase Agreement Created") || detailType.startsWith("Purchase Agreement Amended");
  }

  private static OrderIntake.Hints hints(MarketplaceEvent e) {
    JsonNode d = e.detail();
    String ra = d.path("resaleAuthorization").path("id").asText(null);
    String previous = d.path("agreement").path("previousAgreementId").asText(null);
    return new OrderIntake.Hints(ra, previous, "event " + e.detailType(), reported(d));
  }

  /** Every event of this handler's can be handled in a batch: the marketplace is read ahead, or after it. */
  @Override
  public boolean batches(MarketplaceEvent event) {
    return handles(event);
  }

  /**
   * What a batch's events read ahead: each new agreement's order as {@link OrderIntake#prepare} works it out (a
   * missing one could not be read, or its order existed), and the orders made whose entitlements are read after
   * the commit.
   */
  record Ahead(Map<String, OrderIntake.Prepared> prepared, List<Order> madeWithProduct,
      Map<String, OrderIntake.News> news) {}

  /**
   * The batch's agreements that have no order yet are read from the marketplace side by side, outside any
   * transaction; one that cannot be read is left out (its event is then handled alone, and retried there).
   */
  @Override
  public Object readAhead(List<MarketplaceEvent> events) {
    Map<String, MarketplaceEvent> makers = new LinkedHashMap<>();
    for (MarketplaceEvent e : events) {
      String agreementId = e.detail().path("agreement").path("id").asText(null);
      if (agreementId != null && makesOrder(e.detailType())) {
        makers.putIfAbsent(agreementId, e);
      }
    }
    Map<String, OrderIntake.Prepared> prepared = new ConcurrentHashMap<>();
    if (!makers.isEmpty()) {
      UUID org = events.get(0).organizationId();
      Set<String> made = orders.idsByAgreement(org, makers.keySet()).keySet();
      String myAccount = intake.myAccount(org);
      List<CompletableFuture<Void>> reads = new ArrayList<>();
      makers.forEach((agreementId, e) -> {
        if (!made.contains(agreementId)) {
          reads.add(CompletableFuture.runAsync(() -> {
            try {
              prepared.put(agreementId, intake.prepare(org, agreementId, hints(e), myAccount));
            } catch (RuntimeException failed) {
              log.debug("Agreement {} not read ahead: {}", agreementId, failed.toString());
            }
          }, readers));
        }
      });
      CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
    }
    return new Ahead(prepared, Collections.synchronizedList(new ArrayList<>()), new ConcurrentHashMap<>());
  }

  @Override
  public void handleInBatch(MarketplaceEvent e, Object readAhead) {
    Ahead ahead = (Ahead) readAhead;
    JsonNode d = e.detail();
    String agreementId = d.path("agreement").path("id").asText(null);
    String t = e.detailType();
    if (makesOrder(t)) {
      OrderIntake.Prepared p = ahead == null ? null : ahead.prepared().get(agreementId);
      if (p == null) {
        if (orders.byAgreement(e.organizationId(), agreementId).isEmpty()) {
          throw new IllegalStateException("Agreement " + agreementId + " could not be read from the marketplace");
        }
        return;
      }
      OrderIntake.News news = new OrderIntake.News();
      Order made = intake.make(p, news);
      ahead.news().put(e.id(), news);
      if (OrderIntake.isNew(made, p) && made.productCode() != null) {
        ahead.madeWithProduct().add(made);
      }
    } else if (t.startsWith("License Updated")) {
      Order order = orders.byAgreement(e.organizationId(), agreementId).orElseThrow(() -> waitForOrder(agreementId));
      if (order.productCode() != null) {
        // Reading the entitlements calls the marketplace: handled alone, outside the batch's transaction.
        throw new IllegalStateException("License of agreement " + agreementId + " is read in a job of its own");
      }
    } else {
      handle(e);
    }
  }

  /**
   * The new orders' notices and {@code order.created} webhooks, of the events handled (an event rolled back made no
   * order): written together, in the batch's transaction.
   */
  @Override
  public void beforeCommit(Object readAhead, Set<String> handledEventIds) {
    if (!(readAhead instanceof Ahead ahead) || ahead.news().isEmpty()) {
      return;
    }
    List<TeamNotice> notices = new ArrayList<>();
    Map<UUID, List<Webhooks.Event>> events = new LinkedHashMap<>();
    ahead.news().forEach((eventId, news) -> {
      if (handledEventIds.contains(eventId)) {
        notices.addAll(news.notices());
        for (int i = 0; i < news.events().size(); i++) {
          events.computeIfAbsent(news.notices().get(i).organizationId(), o -> new ArrayList<>())
              .add(news.events().get(i));
        }
      }
    });
    team.notifyAll(notices);
    events.forEach(webhooks::publishAll);
  }

  /** The new orders' entitlements, read once they committed (as {@link OrderIntake#intake} does). */
  @Override
  public void afterBatch(Object readAhead) {
    if (readAhead instanceof Ahead ahead) {
      for (Order made : ahead.madeWithProduct()) {
        orders.find(made.organizationId(), made.id()).ifPresent(order -> intake.afterCommit(order, true));
      }
    }
  }

  /**
   * The agreement as a Created or Amended event describes it (EventBridge's agreement detail: parties, offer,
   * product when named, times); no estimated charges, which only DescribeAgreement reports.
   */
  static MarketplaceAgreements.Agreement reported(JsonNode d) {
    JsonNode a = d.path("agreement");
    return new MarketplaceAgreements.Agreement(a.path("id").asText(null), a.path("status").asText(null),
        d.path("proposer").path("accountId").asText(null), d.path("acceptor").path("accountId").asText(null),
        d.path("offer").path("id").asText(null), d.path("product").path("id").asText(null), null, null,
        time(a.path("acceptanceTime")), time(a.path("startTime")), time(a.path("endTime")));
  }

  private static Instant time(JsonNode node) {
    try {
      return node.isTextual() ? Instant.parse(node.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * An event about an agreement whose order OfferDesk does not have yet (its Created event is late, or the
   * sweep has not imported it): the event is kept and handled again, with back-off, until the order exists.
   */
  private static RetryLater waitForOrder(String agreementId) {
    return new RetryLater(Duration.ofSeconds(2), "no order yet for agreement " + agreementId);
  }
}
