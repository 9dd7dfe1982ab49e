package org.offerdesk.app.finance.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.MoneyFormat;

/**
 * A bank statement as the API and the result page show it: its rows, and each deposit with the payout it
 * was matched to and how, or the payouts it could be when that was ambiguous. Right after an upload,
 * {@code matchedOnUpload} counts the matches the upload made, deposits of earlier statements included.
 * Amounts are decimal strings beside their currency.
 */
record BankStatementView(UUID id, String fileName, Instant uploadedAt, String uploadedBy, int rowsRead,
    int withdrawalsIgnored, int alreadyUploaded, boolean payoutsKnown, int matched, int unmatched, int ambiguous,
    Integer matchedOnUpload, List<DepositView> deposits) {

  /** One deposit: {@code payoutId} and {@code matchedBy} are null while it matches no payout. */
  record DepositView(UUID id, int row, LocalDate bookedOn, String amount, String currency, String reference,
      String payoutId, String matchedBy, List<String> candidatePayoutIds) {

    boolean isAmbiguous() {
      return payoutId == null && !candidatePayoutIds.isEmpty();
    }
  }

  static BankStatementView of(BankStatements.Uploaded u) {
    return of(u, false);
  }

  static BankStatementView ofUpload(BankStatements.Uploaded u) {
    return of(u, true);
  }

  private static BankStatementView of(BankStatements.Uploaded u, boolean justUploaded) {
    List<DepositView> deposits = u.deposits().stream().map(d -> new DepositView(d.id(), d.row(), d.bookedOn(),
        MoneyFormat.decimal(d.amount()), d.amount().currency().getCurrencyCode(), d.reference(), d.payoutId(),
        d.method(), d.payoutId() == null ? d.candidatePayoutIds() : List.of())).toList();
    int matched = (int) deposits.stream().filter(d -> d.payoutId() != null).count();
    int ambiguous = (int) deposits.stream().filter(DepositView::isAmbiguous).count();
    var s = u.statement();
    return new BankStatementView(s.id(), s.fileName(), s.uploadedAt(), s.uploadedBy(), s.rowsRead(),
        s.withdrawals(), s.repeated(), u.payoutsKnown(), matched, deposits.size() - matched, ambiguous,
        justUploaded ? u.matchedOnUpload() : null, deposits);
  }
}
