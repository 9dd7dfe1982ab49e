package org.offerdesk.app.finance.internal;

import java.time.Clock;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.orders.OrderDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person resolves an exception: links the agreement it is about to an order (its rows then count on that
 * order), or marks it explained with a note. Every resolution is in the audit log.
 */
@Service
class ExceptionResolution {

  /** What a person decides: {@code LINK} with an order, or {@code EXPLAIN} with a note. */
  record Decision(String action, UUID orderId, String note) {}

  private final ExceptionStore exceptions;
  private final LedgerStore ledger;
  private final OrderDirectory orders;
  private final Reconciliation reconciliation;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  ExceptionResolution(ExceptionStore exceptions, LedgerStore ledger, OrderDirectory orders,
      Reconciliation reconciliation, AuditLog audit, TransactionTemplate tx, Clock clock) {
    this.exceptions = exceptions;
    this.ledger = ledger;
    this.orders = orders;
    this.reconciliation = reconciliation;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  ExceptionStore.FinanceException resolve(Caller caller, UUID id, Decision decision) {
    UUID org = caller.organizationId();
    ExceptionStore.FinanceException x = exceptions.find(org, id).orElseThrow(() -> new NotFound("Exception " + id));
    String action = decision.action() == null ? "" : decision.action().strip().toUpperCase(java.util.Locale.ROOT);
    String note = decision.note() == null || decision.note().isBlank() ? null : decision.note().strip();
    if (!action.equals("LINK") && !action.equals("EXPLAIN")) {
      throw new InvalidInput("action", "must be LINK (with orderId) or EXPLAIN (with note)");
    }
    if (action.equals("EXPLAIN") && note == null) {
      throw new InvalidInput("note", "is required to explain an exception");
    }
    if (note != null && note.length() > 2000) {
      throw new InvalidInput("note", "must be at most 2000 characters");
    }
    String agreement = x.agreementId() != null ? x.agreementId() : x.kind().equals("UNKNOWN_AGREEMENT") ? x.subject() : null;
    if (action.equals("LINK")) {
      if (decision.orderId() == null) {
        throw new InvalidInput("orderId", "is required to link an exception to an order");
      }
      if (agreement == null) {
        throw new InvalidInput("action", "this exception names no agreement to link; explain it instead");
      }
      orders.byId(org, decision.orderId()).orElseThrow(() -> new InvalidInput("orderId", "is not an order of yours"));
    }
    tx.executeWithoutResult(s -> {
      if (!exceptions.resolve(org, id, action.equals("LINK") ? "LINKED" : "EXPLAINED", note, caller.describe(),
          clock.instant())) {
        throw new Conflict("Exception " + id + " is already resolved");
      }
      if (action.equals("LINK")) {
        ledger.link(org, agreement, decision.orderId(), caller.describe(), clock.instant());
      }
      audit.record(caller, "finance.exception_resolved", x.kind() + " " + x.subject(),
          action.equals("LINK") ? "linked to order " + decision.orderId() + (note == null ? "" : ": " + note)
              : "explained: " + note);
    });
    if (action.equals("LINK")) {
      reconciliation.reconcile(org);
    }
    return exceptions.find(org, id).orElseThrow();
  }
}
