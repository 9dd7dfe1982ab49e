package org.offerdesk.app.dashboard.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.offerdesk.app.approvals.Approvals;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Permission;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.offers.OfferFigures;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.orders.OrderFigures;
import org.offerdesk.app.orders.OrderStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gathers a dashboard's figures for one organization from the capabilities that own the rows (each
 * aggregates in SQL), and links each to the filtered table behind it. The figures are read in one read-only
 * transaction: one pool checkout instead of one per statement, and every figure from the same snapshot.
 */
@Service
final class Dashboard {

  private final OfferFigures offers;
  private final OrderFigures orders;
  private final Jobs jobs;
  private final Approvals approvals;
  private final Clock clock;
  private final TransactionTemplate readOnly;

  Dashboard(OfferFigures offers, OrderFigures orders, Jobs jobs, Approvals approvals, Clock clock,
      TransactionTemplate tx) {
    this.offers = offers;
    this.orders = orders;
    this.jobs = jobs;
    this.approvals = approvals;
    this.clock = clock;
    this.readOnly = new TransactionTemplate(tx.getTransactionManager());
    this.readOnly.setReadOnly(true);
  }

  /** How far ahead an offer's expiry or an agreement's end needs attention. */
  static final int EXPIRING_DAYS = 7;
  static final int RENEWAL_DAYS = 120;

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** The dashboard of the caller's organization for the period, of {@code owner}'s offers when not null. */
  DashboardView of(Caller caller, Period period, String owner) {
    return read(() -> new DashboardView(
        new DashboardView.PeriodView(period.kind(), period.from(), period.to(), owner),
        pipeline(caller, period, owner), bookings(caller, period, owner), attention(caller, owner),
        renewalsDue(caller, owner)));
  }

  /** {@code reads} in one read-only transaction (or in the caller's, when one is running). */
  private <T> T read(Supplier<T> reads) {
    return readOnly.execute(status -> reads.get());
  }

  private DashboardView.Pipeline pipeline(Caller caller, Period period, String owner) {
    OfferFigures.Pipeline figures = offers.pipeline(caller.organizationId(), period.from(), period.to(), owner);
    List<DashboardView.PipelineItem> items = figures.stages().stream()
        .sorted(Comparator.comparing(OfferFigures.StageFigure::stage))
        .map(f -> new DashboardView.PipelineItem(f.stage(), f.count(), decimal(f.contractValue()), f.currency(),
            Links.to("/offers").with("stage", f.stage()).with("createdFrom", period.from())
                .with("createdTo", period.to()).with("owner", owner).build()))
        .toList();
    String percent = figures.sent() == 0 ? null : BigDecimal.valueOf(figures.accepted() * 100)
        .divide(BigDecimal.valueOf(figures.sent()), 1, RoundingMode.HALF_UP).toPlainString();
    return new DashboardView.Pipeline(items,
        new DashboardView.Conversion(figures.sent(), figures.accepted(), percent));
  }

  private DashboardView.Bookings bookings(Caller caller, Period period, String owner) {
    return new DashboardView.Bookings(orders.bookings(caller.organizationId(), period.from(), period.to(), owner)
        .stream()
        .map(b -> new DashboardView.BookingItem(b.month().toString(), b.kind(), b.count(),
            decimal(b.contractValue()), b.currency(),
            Links.to("/orders").with("bookingKind", b.kind()).with("acceptedFrom", period.firstDayIn(b.month()))
                .with("acceptedTo", period.lastDayIn(b.month())).with("owner", owner).build()))
        .toList());
  }

  private DashboardView.Attention attention(Caller caller, String owner) {
    LocalDate today = today();
    List<DashboardView.AttentionItem> items = new ArrayList<>();
    OfferFigures.Attention offered = offers.attention(caller.organizationId(), today, today.plusDays(EXPIRING_DAYS),
        owner);
    OrderFigures.Waiting waiting = orders.waiting(caller.organizationId(), owner);
    items.add(new DashboardView.AttentionItem("OFFERS_EXPIRING",
        "Offers expiring unaccepted in the next " + EXPIRING_DAYS + " days", offered.expiringUnaccepted(),
        Links.to("/offers").with("open", true).with("expiresFrom", today)
            .with("expiresTo", today.plusDays(EXPIRING_DAYS)).with("owner", owner).with("sort", "expiring").build()));
    items.add(new DashboardView.AttentionItem("ORDERS_AWAITING_REGISTRATION", "Orders waiting for registration",
        waiting.registration(),
        Links.to("/orders").with("status", OrderStatus.PENDING_REGISTRATION).with("owner", owner).build()));
    items.add(new DashboardView.AttentionItem("ORDERS_AWAITING_PROVISIONING", "Orders waiting for provisioning",
        waiting.provisioning(),
        Links.to("/orders").with("status", OrderStatus.REGISTERED).with("owner", owner).build()));
    items.add(new DashboardView.AttentionItem("PUBLISH_FAILURES", "Offers the marketplace refused to publish",
        offered.publishFailed(),
        Links.to("/offers").with("stage", OfferStage.PUBLISH_FAILED).with("owner", owner).build()));
    // Requests wait for approvers, whoever owns the offer: the same count for "mine".
    items.add(new DashboardView.AttentionItem("APPROVALS_WAITING", "Offers waiting for approval",
        approvals.waiting(caller.organizationId()), Links.to("/approval-requests").with("status", "PENDING").build()));
    if (caller.can(Permission.SETTINGS_MANAGE)) {
      // Jobs belong to the organization, not to an owner: the same count for "mine".
      items.add(new DashboardView.AttentionItem("PARKED_JOBS", "Background jobs parked after failing",
          jobs.parked(caller.organizationId()), Links.to("/settings/jobs").with("status", "PARKED").build()));
    }
    return new DashboardView.Attention(items);
  }

  private DashboardView.RenewalsDue renewalsDue(Caller caller, String owner) {
    LocalDate today = today();
    LocalDate until = today.plusDays(RENEWAL_DAYS);
    List<OrderFigures.Tally> ending = orders.ending(caller.organizationId(), today, until, owner);
    return new DashboardView.RenewalsDue("P" + RENEWAL_DAYS + "D", today, until,
        ending.stream().mapToLong(OrderFigures.Tally::count).sum(),
        ending.stream().filter(t -> t.contractValue() != null)
            .map(t -> new DashboardView.Amount(decimal(t.contractValue()), t.currency())).toList(),
        Links.to("/orders").with("active", true).with("endsFrom", today).with("endsTo", until)
            .with("owner", owner).build());
  }

  private static String decimal(Money money) {
    return money == null ? null : MoneyFormat.decimal(money);
  }
}
