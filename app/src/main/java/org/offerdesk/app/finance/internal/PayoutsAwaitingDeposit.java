package org.offerdesk.app.finance.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The marketplace payouts a bank statement's deposits may be: what the bank matching asks of the finance
 * ledger's payouts table, and how it tells the ledger that a payout reached the bank. Implemented by the
 * ledger's payout store ({@code finance_payout}, whose {@code bank_matched} it sets); until one exists
 * deposits are kept and shown, and match nothing.
 */
public interface PayoutsAwaitingDeposit {

  /**
   * The organization's payouts (DISBURSEMENT) paid on a day from {@code from} to {@code to}, both included,
   * that no deposit has been matched to yet, with their marketplace ID, payday, amount and bank trace ID.
   */
  List<DepositMatcher.Payout> awaitingDeposit(UUID organizationId, LocalDate from, LocalDate to);

  /** The payout arrived in the bank: it shows {@code bankMatched}. Called in the transaction of the match. */
  void markBankMatched(UUID organizationId, String payoutId);
}
