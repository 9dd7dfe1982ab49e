package org.offerdesk.app.finance.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.webhooks.WebhookEventType;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the finance team and the ISV's systems what a reconciliation changed: invoices issued, collected or
 * overdue, payouts received, orders whose payout reconciled, and exceptions opened. Each event and notice
 * carries a key of its subject and state, so a later run that sees the same state tells nothing again.
 */
@Component
class FinanceNews {

  /** The events {@link #invoices} publishes. */
  private static final List<WebhookEventType> INVOICE_EVENTS = List.of(WebhookEventType.INVOICE_ISSUED,
      WebhookEventType.INVOICE_COLLECTED, WebhookEventType.INVOICE_OVERDUE);

  /** Invoices read and published per statement. */
  private static final int PAGE = 2_000;
  /** More exceptions of one kind than this in one run are told in one notice. */
  static final int SINGLE_NOTICES = 20;

  private final JdbcClient jdbc;
  private final TeamNotifications team;
  private final Webhooks webhooks;

  FinanceNews(JdbcClient jdbc, TeamNotifications team, Webhooks webhooks) {
    this.jdbc = jdbc;
    this.team = team;
    this.webhooks = webhooks;
  }

  /**
   * Announces what changed at {@code now} (the ledger marks what it changed with that time). The invoices of a
   * first sync can be a month of a large seller's (a hundred thousand and more): they are read and published a
   * page at a time, by their keys, so that their events are never all in memory at once.
   *
   * <p>What the feeds hold from before the organization's first sync (the day it was requested) is history, read
   * at once, not a change seen as it happened: a DISBURSED invoice whose payout was paid before that day gets no
   * {@code invoice.*} event, and such a payout no {@code order.reconciled} per order (its {@code payout.received}
   * and notice stay: one a payout). A first sync of a large seller's month is a hundred thousand invoices settled
   * before anyone listened and as many orders: 450,000 events at 1M billing rows (bench P4), each a delivery to
   * every subscriber, and the largest part of that sync's time after the rows themselves. Open invoices (issued,
   * collected, overdue, partly paid out, a failed payout) are announced whenever they were issued: they still ask
   * something of the subscriber. The facts left out stay in the ledger, its API, pages and CSV export; an invoice
   * left out that changes later (a refund) is announced then, {@code invoice.issued} first, as any invoice new to
   * the subscriber.
   */
  void announce(UUID org, Instant now, List<ExceptionStore.FinanceException> opened) {
    // null (no sync yet: a link by hand) leaves nothing out
    LocalDate since = jdbc.sql("SELECT CAST(min(requested_at) AT TIME ZONE 'UTC' AS date) FROM finance_sync"
        + " WHERE organization_id = ?").param(org).query(LocalDate.class).optional().orElse(null);
    if (INVOICE_EVENTS.stream().anyMatch(type -> webhooks.subscribed(org, type.type()))) {
      invoices(org, now, since);
    }
    List<TeamNotice> notices = payouts(org, now, since,
        webhooks.subscribed(org, WebhookEventType.ORDER_RECONCILED.type()));
    notices.addAll(notices(org, opened));
    team.notifyAll(notices);
  }

  /**
   * Readies the emails of the notices a reconciliation may send ({@link TeamNotifications#prepare}), for a sync to call
   * from a thread that waits meanwhile: the first ones after a start rendered cold on the sync's own thread were most
   * of a first sync's news (bench P4, 200,000 rows: 1.2–8.5 s against 0.14–0.50 s once warm).
   */
  void prepare() {
    team.prepare(List.of(NotificationType.PAYOUT_RECEIVED, NotificationType.INVOICE_OVERDUE,
        NotificationType.DISBURSEMENT_PROBLEM, NotificationType.FEE_MISMATCH, NotificationType.FINANCE_EXCEPTION_OPENED));
  }

  /**
   * The {@code invoice.*} events of the invoices changed at {@code now}, a page at a time. Only when an endpoint
   * receives one of them: events nobody receives are not kept ({@link Webhooks#publishAll}), and building them was
   * most of a first sync's news (bench P4, 200,000 billing rows: 11,462 events, 1.7–2.6 s of a 17 s sync).
   */
  private void invoices(UUID org, Instant now, LocalDate since) {
    List<String> changed = jdbc.sql("""
        SELECT i.invoice_id FROM finance_invoice i WHERE i.organization_id = ? AND i.updated_at = ?
          AND NOT (i.status = 'DISBURSED' AND EXISTS (SELECT 1 FROM finance_payout p
            WHERE p.organization_id = i.organization_id AND p.payout_id = i.payout_id AND p.paid_on < CAST(? AS date)))
        ORDER BY i.invoice_id""").params(org, Timestamp.from(now), since).query(String.class).list();
    for (int from = 0; from < changed.size(); from += PAGE) {
      String[] page = changed.subList(from, Math.min(changed.size(), from + PAGE)).toArray(String[]::new);
      List<Webhooks.Event> events = new ArrayList<>(page.length * 2);
      for (InvoiceView i : jdbc.sql(InvoiceView.SELECT
          + " WHERE organization_id = ? AND invoice_id = ANY(CAST(? AS text[])) ORDER BY invoice_id")
          .params(org, page).query(InvoiceView::map).list()) {
        events.add(new Webhooks.Event(WebhookEventType.INVOICE_ISSUED.type(), "invoice.issued:" + i.invoiceId(), i));
        if (!i.status().equals("INVOICED") && !i.status().equals("OVERDUE")) {
          events.add(new Webhooks.Event(WebhookEventType.INVOICE_COLLECTED.type(),
              "invoice.collected:" + i.invoiceId(), i));
        }
        if (i.status().equals("OVERDUE")) {
          events.add(new Webhooks.Event(WebhookEventType.INVOICE_OVERDUE.type(), "invoice.overdue:" + i.invoiceId(),
              i));
        }
      }
      webhooks.publishAll(org, events);
    }
  }

  /**
   * Each payout changed at {@code now}: its {@code payout.received}, and, when {@code ordersReconciled} (an endpoint
   * receives {@code order.reconciled}), that event for each order it paid; answers their notices, to be told with the
   * exceptions' in one {@link TeamNotifications#notifyAll}.
   */
  private List<TeamNotice> payouts(UUID org, Instant now, LocalDate since, boolean ordersReconciled) {
    List<Webhooks.Event> reconciled = new ArrayList<>();
    List<TeamNotice> notices = new ArrayList<>();
    for (PayoutView p : jdbc.sql(PayoutView.SELECT + " WHERE organization_id = ? AND updated_at = ?")
        .params(org, Timestamp.from(now)).query(PayoutView::map).list()) {
      if (p.status().equals("FAILED")) {
        continue;
      }
      webhooks.publish(org, WebhookEventType.PAYOUT_RECEIVED.type(), "payout.received:" + p.payoutId(), p);
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("Amount", p.amount() + " " + p.currency());
      facts.put("Paid on", String.valueOf(p.paidOn()));
      facts.put("Bank trace ID", p.bankTraceId());
      facts.put("Status", p.status());
      notices.add(new TeamNotice(org, NotificationType.PAYOUT_RECEIVED, "A payout of " + p.amount() + " "
          + p.currency() + " arrived", "The marketplace paid out " + p.amount() + " " + p.currency() + " covering "
          + p.lineCount() + " lines.", "/finance/payouts/" + p.payoutId(), facts, "payout-received:" + p.payoutId()));
      if (ordersReconciled && p.status().equals("RECONCILED")
          && (since == null || p.paidOn() == null || !p.paidOn().isBefore(since))) {
        for (UUID orderId : jdbc.sql("""
            SELECT DISTINCT l.order_id FROM finance_billing_event m JOIN finance_agreement_order l
              ON l.organization_id = m.organization_id AND l.agreement_id = m.agreement_id
            WHERE m.organization_id = ? AND m.disbursement_billing_event_id = ?
              AND m.disbursement_billing_event_id IS NOT NULL""")
            .params(org, p.payoutId()).query(UUID.class).list()) {
          reconciled.add(new Webhooks.Event(WebhookEventType.ORDER_RECONCILED.type(),
              "order.reconciled:" + orderId + ":" + p.payoutId(), Map.of("orderId", orderId, "payout", p)));
        }
      }
    }
    webhooks.publishAll(org, reconciled);
    return notices;
  }

  /**
   * Tells the finance role of the exceptions opened, by each kind's preference: a notice per exception, or,
   * when a run opens more than {@link #SINGLE_NOTICES} of a kind (the first read of a large month), one notice
   * for all of that kind: nobody reads five thousand notices, and each costs statements and an email.
   */
  void opened(UUID org, List<ExceptionStore.FinanceException> opened) {
    team.notifyAll(notices(org, opened));
  }

  /** The notices of {@link #opened}. */
  private static List<TeamNotice> notices(UUID org, List<ExceptionStore.FinanceException> opened) {
    Map<String, List<ExceptionStore.FinanceException>> byKind = new LinkedHashMap<>();
    for (ExceptionStore.FinanceException x : opened) {
      byKind.computeIfAbsent(x.kind(), k -> new ArrayList<>()).add(x);
    }
    List<TeamNotice> notices = new ArrayList<>();
    for (List<ExceptionStore.FinanceException> ofKind : byKind.values()) {
      if (ofKind.size() <= SINGLE_NOTICES) {
        ofKind.forEach(x -> notices.add(notice(org, x)));
      } else {
        notices.add(notice(org, ofKind));
      }
    }
    return notices;
  }

  /** One notice for many exceptions of one kind; its key is its first exception's, so it is told once. */
  private static TeamNotice notice(UUID org, List<ExceptionStore.FinanceException> ofKind) {
    ExceptionStore.FinanceException first = ofKind.get(0);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Kind", first.kind());
    facts.put("Exceptions", String.format("%,d", ofKind.size()));
    facts.put("First", first.subject());
    return new TeamNotice(org, type(first.kind()), String.format("%,d finance exceptions opened (%s)", ofKind.size(),
        first.kind()), first.detail() + ", and " + String.format("%,d", ofKind.size() - 1) + " more like it.",
        "/finance/exceptions", facts, "finance-exceptions:" + first.id());
  }

  private static NotificationType type(String kind) {
    return switch (kind) {
      case "INVOICE_OVERDUE" -> NotificationType.INVOICE_OVERDUE;
      case "DISBURSEMENT_FAILED", "DISBURSEMENT_PAUSED" -> NotificationType.DISBURSEMENT_PROBLEM;
      case "FEE_MISMATCH" -> NotificationType.FEE_MISMATCH;
      default -> NotificationType.FINANCE_EXCEPTION_OPENED;
    };
  }

  private static TeamNotice notice(UUID org, ExceptionStore.FinanceException x) {
    NotificationType type = type(x.kind());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Kind", x.kind());
    facts.put("Subject", x.subject());
    facts.put("Agreement", x.agreementId());
    return new TeamNotice(org, type, x.detail(), null, "/finance/exceptions", facts,
        "finance-exception:" + x.id());
  }
}
