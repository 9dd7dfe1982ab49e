package org.offerdesk.app.finance.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.orders.OrderDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the feed rows into the ledger: links each agreement of the rows to its order once the order exists
 * (an associate or import later links it by itself at the next run), recomputes invoices and payouts, and
 * opens and closes exceptions. Runs after every sync, in one transaction.
 */
@Service
class Reconciliation {

  private final LedgerStore ledger;
  private final ExceptionStore exceptions;
  private final OrderDirectory orders;
  private final FinanceNews news;
  private final TransactionTemplate tx;
  private final Clock clock;

  Reconciliation(LedgerStore ledger, ExceptionStore exceptions, OrderDirectory orders, FinanceNews news,
      TransactionTemplate tx, Clock clock) {
    this.ledger = ledger;
    this.exceptions = exceptions;
    this.orders = orders;
    this.news = news;
    this.tx = tx;
    this.clock = clock;
  }

  void reconcile(UUID organizationId) {
    tx.executeWithoutResult(s -> {
      Instant now = clock.instant();
      for (String agreementId : ledger.unlinkedAgreements(organizationId)) {
        orders.byAgreement(organizationId, agreementId)
            .ifPresent(o -> ledger.link(organizationId, agreementId, o.id(), "agreement", now));
      }
      ledger.recompute(organizationId, LocalDate.ofInstant(now, ZoneOffset.UTC), now);
      List<ExceptionStore.FinanceException> opened = exceptions.open(organizationId, now);
      exceptions.clear(organizationId, now);
      news.announce(organizationId, now, opened);
    });
  }
}
