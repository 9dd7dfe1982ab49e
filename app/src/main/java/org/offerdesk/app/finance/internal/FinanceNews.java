package org.offerdesk.app.finance.internal;

import java.sql.Timestamp;
import java.time.Instant;
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

  private final JdbcClient jdbc;
  private final TeamNotifications team;
  private final Webhooks webhooks;

  FinanceNews(JdbcClient jdbc, TeamNotifications team, Webhooks webhooks) {
    this.jdbc = jdbc;
    this.team = team;
    this.webhooks = webhooks;
  }

  /** Announces what changed at {@code now} (the ledger marks what it changed with that time). */
  void announce(UUID org, Instant now, List<ExceptionStore.FinanceException> opened) {
    List<Webhooks.Event> events = new ArrayList<>();
    for (InvoiceView i : jdbc.sql(InvoiceView.SELECT + " WHERE organization_id = ? AND updated_at = ?")
        .params(org, Timestamp.from(now)).query(InvoiceView::map).list()) {
      events.add(new Webhooks.Event(WebhookEventType.INVOICE_ISSUED.type(), "invoice.issued:" + i.invoiceId(), i));
      if (!i.status().equals("INVOICED") && !i.status().equals("OVERDUE")) {
        events.add(new Webhooks.Event(WebhookEventType.INVOICE_COLLECTED.type(), "invoice.collected:" + i.invoiceId(),
            i));
      }
      if (i.status().equals("OVERDUE")) {
        events.add(new Webhooks.Event(WebhookEventType.INVOICE_OVERDUE.type(), "invoice.overdue:" + i.invoiceId(), i));
      }
    }
    webhooks.publishAll(org, events);
    List<Webhooks.Event> reconciled = new ArrayList<>();
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
      team.notify(new TeamNotice(org, NotificationType.PAYOUT_RECEIVED, "A payout of " + p.amount() + " "
          + p.currency() + " arrived", "The marketplace paid out " + p.amount() + " " + p.currency() + " covering "
          + p.lineCount() + " lines.", "/finance/payouts/" + p.payoutId(), facts, "payout-received:" + p.payoutId()));
      if (p.status().equals("RECONCILED")) {
        for (UUID orderId : jdbc.sql("""
            SELECT DISTINCT l.order_id FROM finance_billing_event m JOIN finance_agreement_order l
              ON l.organization_id = m.organization_id AND l.agreement_id = m.agreement_id
            WHERE m.organization_id = ? AND m.disbursement_billing_event_id = ?""")
            .params(org, p.payoutId()).query(UUID.class).list()) {
          reconciled.add(new Webhooks.Event(WebhookEventType.ORDER_RECONCILED.type(),
              "order.reconciled:" + orderId + ":" + p.payoutId(), Map.of("orderId", orderId, "payout", p)));
        }
      }
    }
    webhooks.publishAll(org, reconciled);
    opened(org, opened);
  }

  /** Tells the finance role of each exception opened (a notice per exception, by its kind's preference). */
  void opened(UUID org, List<ExceptionStore.FinanceException> opened) {
    for (ExceptionStore.FinanceException x : opened) {
      team.notify(notice(org, x));
    }
  }

  private static TeamNotice notice(UUID org, ExceptionStore.FinanceException x) {
    NotificationType type = switch (x.kind()) {
      case "INVOICE_OVERDUE" -> NotificationType.INVOICE_OVERDUE;
      case "DISBURSEMENT_FAILED", "DISBURSEMENT_PAUSED" -> NotificationType.DISBURSEMENT_PROBLEM;
      case "FEE_MISMATCH" -> NotificationType.FEE_MISMATCH;
      default -> NotificationType.FINANCE_EXCEPTION_OPENED;
    };
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Kind", x.kind());
    facts.put("Subject", x.subject());
    facts.put("Agreement", x.agreementId());
    return new TeamNotice(org, type, x.detail(), null, "/finance/exceptions", facts,
        "finance-exception:" + x.id());
  }
}
