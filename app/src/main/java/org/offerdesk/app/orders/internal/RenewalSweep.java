package org.offerdesk.app.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.orders.RenewalStatus;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renewals over time, for each organization on the durable job queue: starts following every order whose
 * agreement ends within a year, tells the team 90, 60 and 30 days before an open renewal's end (console and
 * email by each member's choice, and webhook {@code agreement.ending}), and when the end passes without a
 * renewal marks it LAPSED (webhook {@code agreement.ended}). Each alert is claimed by a unique key of order
 * and threshold before it is sent, in the transaction that sends it, so it goes out once whichever instance
 * runs the sweep, and however late: after a jump of the clock past several thresholds only the nearest is
 * sent.
 */
@Component
class RenewalSweep extends ConnectedOrganizationsWork {

  static final String KIND = "orders.renewal-sweep";

  /** Days before the end at which the team is told, farthest first. */
  static final List<Integer> THRESHOLDS = List.of(90, 60, 30);

  private final RenewalStore store;
  private final Renewals renewals;
  private final OrderStore orders;
  private final TeamNotifications team;
  private final Webhooks webhooks;
  private final TransactionTemplate tx;
  private final Clock clock;

  RenewalSweep(Marketplace marketplace, RenewalStore store, Renewals renewals, OrderStore orders,
      TeamNotifications team, Webhooks webhooks, TransactionTemplate tx, Clock clock,
      @Value("${offerdesk.renewals.sweep-interval:PT15M}") Duration interval) {
    super(marketplace, KIND, interval, 3);
    this.store = store;
    this.renewals = renewals;
    this.orders = orders;
    this.team = team;
    this.webhooks = webhooks;
    this.tx = tx;
    this.clock = clock;
  }

  /** Each order is taken in a transaction of its own, so one that fails does not hold back the others. */
  @Override
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public void handle(Job job) {
    UUID org = job.organizationId();
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> store.forgetClosed(org));
    for (Order order : store.untracked(org, now.minus(RenewalTable.LOOKBACK), now.plus(RenewalTable.LONGEST_WINDOW))) {
      tx.executeWithoutResult(s -> renewals.follow(order));
    }
    store.withPendingOffer(org).forEach(renewals::followOffer);
    Instant horizon = now.plus(Duration.ofDays(THRESHOLDS.get(0)));
    for (Renewal r : store.openEndingBefore(org, horizon)) {
      if (r.endsAt().isAfter(now)) {
        tx.executeWithoutResult(s -> alert(r, now));
      }
    }
    for (Renewal r : store.endedUnannounced(org, now)) {
      tx.executeWithoutResult(s -> ended(r, now));
    }
  }

  /** The nearest threshold passed is sent once; farther ones passed over at the same time are only recorded. */
  private void alert(Renewal r, Instant now) {
    List<Integer> passed = THRESHOLDS.stream().filter(days -> !r.endsAt().minus(Duration.ofDays(days)).isAfter(now))
        .toList();
    if (passed.isEmpty()) {
      return;
    }
    int nearest = passed.get(passed.size() - 1);
    boolean claimed = store.claimAlert(r.organizationId(), r.id(), String.valueOf(nearest), true, now);
    passed.stream().filter(days -> days != nearest)
        .forEach(days -> store.claimAlert(r.organizationId(), r.id(), String.valueOf(days), false, now));
    if (!claimed) {
      return;
    }
    String endsOn = String.valueOf(Renewals.day(r.endsAt()));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Buyer AWS account", r.buyerAccountId());
    facts.put("Product", r.productId());
    facts.put("Agreement", r.agreementId());
    facts.put("Ends on", endsOn);
    facts.put("Contract value", MoneyFormat.display(r.contractValue()));
    facts.put("Owner", r.owner());
    facts.put("Renewal", r.status().name());
    team.notify(new TeamNotice(r.organizationId(), NotificationType.AGREEMENT_ENDING,
        r.buyerAccountId() + ": agreement ends " + endsOn + " (in " + nearest + " days)",
        "Agreement " + r.agreementId() + " ends in " + nearest + " days and is not renewed yet"
            + (r.status() == RenewalStatus.OFFER_SENT ? "; the renewal offer is waiting for the buyer." : "."),
        "/orders/" + r.id(), facts, "agreement-ending:" + r.id() + ":" + nearest));
    webhooks.publish(r.organizationId(), "agreement.ending", "agreement.ending:" + r.id() + ":" + nearest,
        RenewalView.event(r, nearest));
    orders.find(r.organizationId(), r.id()).ifPresent(o -> orders.record(o, o.status(), "renewal alert",
        nearest + " days before the agreement's end", "system", now, "order:" + r.id() + ":ending:" + nearest));
  }

  /** The end passed: unrenewed (and not given up) it lapses; the seller's systems hear either way, once. */
  private void ended(Renewal r, Instant now) {
    if (!store.claimAlert(r.organizationId(), r.id(), "ENDED", true, now)) {
      return;
    }
    Renewal after = r;
    if (r.status().isOpen()) {
      after = r.moved(RenewalStatus.LAPSED, null, now);
      if (!store.update(after)) {
        throw new IllegalStateException("Renewal " + r.id() + " changed while it lapsed");
      }
      Renewal lapsed = after;
      orders.find(r.organizationId(), r.id()).ifPresent(o -> orders.record(o, o.status(), "renewal lapsed",
          "the agreement ended on " + Renewals.day(lapsed.endsAt()) + " without a renewal", "system", now,
          "order:" + r.id() + ":lapsed"));
    }
    webhooks.publish(r.organizationId(), "agreement.ended", "agreement.ended:" + r.id(), RenewalView.event(after, 0));
  }
}
