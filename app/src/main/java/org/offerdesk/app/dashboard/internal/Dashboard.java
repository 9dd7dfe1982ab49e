package org.offerdesk.app.dashboard.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
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
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Service;

/**
 * Gathers a dashboard's figures for one organization from the capabilities that own the rows (each
 * aggregates in SQL), and links each to the filtered table behind it. The figures' statements are sent together
 * ({@link SqlReads}): one pool checkout and one round trip to PostgreSQL for all of them, run by PostgreSQL as
 * one implicit transaction.
 */
@Service
final class Dashboard {

  private final OfferFigures offers;
  private final OrderFigures orders;
  private final Jobs jobs;
  private final Approvals approvals;
  private final Clock clock;
  private final SqlReads reads;

  Dashboard(OfferFigures offers, OrderFigures orders, Jobs jobs, Approvals approvals, Clock clock, SqlReads reads) {
    this.offers = offers;
    this.orders = orders;
    this.jobs = jobs;
    this.approvals = approvals;
    this.clock = clock;
    this.reads = reads;
  }

  /** How far ahead an offer's expiry or an agreement's end needs attention. */
  static final int EXPIRING_DAYS = 7;
  static final int RENEWAL_DAYS = 120;

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** The dashboard of the caller's organization for the period, of {@code owner}'s offers when not null. */
  DashboardView of(Caller caller, Period period, String owner) {
    SqlReads.Batch batch = reads.batch();
    Supplier<DashboardView> view = of(batch, caller, period, owner);
    batch.run();
    return view.get();
  }

  /**
   * Adds the dashboard's reads to {@code batch} (each capability's statement, as it writes it); the view, once
   * the batch has run. One batch is one round trip to PostgreSQL for every figure, with whatever else the page
   * reads.
   */
  Supplier<DashboardView> of(SqlReads.Batch batch, Caller caller, Period period, String owner) {
    UUID org = caller.organizationId();
    LocalDate today = today();
    Supplier<OfferFigures.Pipeline> pipeline = batch.add(offers.pipeline(org, period.from(), period.to(), owner));
    Supplier<List<OrderFigures.Booking>> bookings = batch.add(orders.bookings(org, period.from(), period.to(),
        owner));
    Supplier<OfferFigures.Attention> offered = batch.add(offers.attention(org, today,
        today.plusDays(EXPIRING_DAYS), owner));
    Supplier<OrderFigures.Waiting> waiting = batch.add(orders.waiting(org, owner));
    Supplier<Long> approvalsWaiting = batch.add(approvals.waiting(org));
    Supplier<Long> parked = caller.can(Permission.SETTINGS_MANAGE) ? batch.add(jobs.parked(org)) : null;
    Supplier<List<OrderFigures.Tally>> ending = batch.add(orders.ending(org, today, today.plusDays(RENEWAL_DAYS),
        owner));
    return () -> new DashboardView(
        new DashboardView.PeriodView(period.kind(), period.from(), period.to(), owner),
        pipeline(pipeline.get(), period, owner), bookings(bookings.get(), period, owner),
        attention(today, owner, offered.get(), waiting.get(), approvalsWaiting.get(),
            parked == null ? null : parked.get()),
        renewalsDue(today, owner, ending.get()));
  }

  private static DashboardView.Pipeline pipeline(OfferFigures.Pipeline figures, Period period, String owner) {
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

  private static DashboardView.Bookings bookings(List<OrderFigures.Booking> bookings, Period period, String owner) {
    return new DashboardView.Bookings(bookings.stream()
        .map(b -> new DashboardView.BookingItem(b.month().toString(), b.kind(), b.count(),
            decimal(b.contractValue()), b.currency(),
            Links.to("/orders").with("bookingKind", b.kind()).with("acceptedFrom", period.firstDayIn(b.month()))
                .with("acceptedTo", period.lastDayIn(b.month())).with("owner", owner).build()))
        .toList());
  }

  /** What needs attention; {@code parked} is null when the caller may not see the jobs. */
  private static DashboardView.Attention attention(LocalDate today, String owner, OfferFigures.Attention offered,
      OrderFigures.Waiting waiting, long approvalsWaiting, Long parked) {
    List<DashboardView.AttentionItem> items = new ArrayList<>();
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
        approvalsWaiting, Links.to("/approval-requests").with("status", "PENDING").build()));
    if (parked != null) {
      // Jobs belong to the organization, not to an owner: the same count for "mine".
      items.add(new DashboardView.AttentionItem("PARKED_JOBS", "Background jobs parked after failing",
          parked, Links.to("/settings/jobs").with("status", "PARKED").build()));
    }
    return new DashboardView.Attention(items);
  }

  private static DashboardView.RenewalsDue renewalsDue(LocalDate today, String owner,
      List<OrderFigures.Tally> ending) {
    LocalDate until = today.plusDays(RENEWAL_DAYS);
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
